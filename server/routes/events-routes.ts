import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { streamEvents } from '../events/sse-stream.ts';

/** `GET /api/events`: the live event stream (account changes, sync progress) for the dashboard. */
export function eventsRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) => streamEvents(c, deps.bus));
}
