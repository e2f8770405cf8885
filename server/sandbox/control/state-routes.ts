import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';

/** Reset to the seed, and a summary of the sandbox's state for humans. */
export function stateControlRoutes(ctx: SandboxContext) {
  const { store, faults, webhooks, dialects } = ctx;

  const state = () => {
    const accounts = { total: store.listAccounts().length, active: 0, inactive: 0, error: 0 };
    for (const account of store.listAccounts()) accounts[account.status]++;
    const now = Date.now();
    let live = 0;
    for (const session of store.sessions.values()) if (Date.parse(session.expires_at) > now) live++;
    return {
      accounts,
      sessions: { total: store.sessions.size, live },
      connection_attempts: store.attempts.size,
      request_logs: store.logs.length,
      webhooks: { endpoints: webhooks.listEndpoints().length, deliveries: webhooks.deliveryCounts() },
      faults: faults.list().length,
      rate_limit_per_minute: faults.rateLimitPerMinute,
      dialects: dialects.list(),
    };
  };

  return new Hono()
    .get('/state', (c) => c.json(state(), 200))
    .post('/reset', (c) => {
      // Reloading the seed goes around create/update/delete, so it fires no account events.
      ctx.reset();
      faults.setRateLimit();
      return c.json(state(), 200);
    });
}
