import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';

/** STUB — replaced by the SSE stream (GET /api/events). */
export function eventsRoutes(_deps: AppDeps) {
  return new Hono();
}
