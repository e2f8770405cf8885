import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';

/** STUB — replaced by the Hub API, OAuth popup pages and the hosted auth-link page. */
export function hubRoutes(_ctx: SandboxContext) {
  return new Hono();
}
