import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';

/** STUB — replaced by the control API under /_sandbox. */
export function controlRoutes(_ctx: SandboxContext) {
  return new Hono();
}
