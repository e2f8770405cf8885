import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';

/** STUB — replaced by the signed webhook receiver (POST /webhooks/stackone). */
export function webhookRoutes(_deps: AppDeps) {
  return new Hono();
}
