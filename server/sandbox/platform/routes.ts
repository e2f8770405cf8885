import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';

/** STUB — replaced by the platform API (accounts, connect sessions, connectors meta, request logs). */
export function platformRoutes(_ctx: SandboxContext) {
  return new Hono();
}
