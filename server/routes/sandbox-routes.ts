import { Hono } from 'hono';
import { AccountIdParamSchema } from '../../shared/schemas/account.ts';
import {
  BreakAccountRequestSchema,
  InjectFaultRequestSchema,
  type SandboxInfo,
} from '../../shared/schemas/sandbox-demo.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';
import { sandboxControl } from '../sandbox-demo/sandbox-control.ts';

export const SANDBOX_DOCS_PATH = '/sandbox-docs';

/**
 * Demo and training on the sandbox: whether the console runs on it, and (admins only, audited) breaking
 * an account and injecting a StackOne fault through the sandbox's control API. StackOne's own change
 * then reaches the console as it would for real: by webhook, sync and the next read.
 */
export function sandboxRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const control = sandboxControl(deps.config);
  // Admin only: "StackOne settings" is the admin's permission over what StackOne does for this console.
  const admin = requirePermission('settings:stackone');
  return new Hono()
    .get('/', requirePermission('accounts:read'), async (c) => {
      const enabled = await control.isEnabled();
      return c.json({ enabled, docsUrl: enabled ? SANDBOX_DOCS_PATH : null } satisfies SandboxInfo, 200);
    })
    .post(
      '/accounts/:id/break',
      admin,
      validate('param', AccountIdParamSchema),
      validate('json', BreakAccountRequestSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        await audited(
          db,
          c,
          { action: 'sandbox.account_broken', targetType: 'account', targetId: id, summary: body },
          () => control.call('POST', `/accounts/${encodeURIComponent(id)}/break`, body),
        ).finally(() => deps.accountReads.touch(id));
        return c.json({ ok: true as const }, 200);
      },
    )
    .post('/faults', admin, validate('json', InjectFaultRequestSchema), async (c) => {
      const { status, path, times } = c.req.valid('json');
      await audited(db, c, { action: 'sandbox.fault_injected', summary: { status, path, times } }, () =>
        control.call('POST', '/faults', { status, ...(path ? { path } : {}), times, retryAfter: 1 }),
      );
      return c.json({ ok: true as const }, 201);
    })
    .delete('/faults', admin, async (c) => {
      await audited(db, c, { action: 'sandbox.faults_cleared' }, () => control.call('DELETE', '/faults'));
      return c.json({ ok: true as const }, 200);
    });
}
