import { Hono } from 'hono';
import { SetupRequestSchema } from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { createFirstAdmin } from '../auth/first-admin.ts';
import { countUsers } from '../auth/users.ts';
import { AppError } from '../http/app-error.ts';
import { validate } from '../http/validate.ts';

/** First run only: creates the first admin and signs them in; gone once any user exists. */
export function setupRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return (
    new Hono()
      // With password sign-in off, a first admin with a password could not sign in: the first admin
      // is whoever signs in with SSO in a group mapped to admin.
      .get('/', async (c) =>
        c.json({ needsSetup: deps.config.auth.passwordSignIn && (await countUsers(db)) === 0 }, 200),
      )
      .post('/', validate('json', SetupRequestSchema), async (c) => {
        const input = c.req.valid('json');
        if (!deps.config.auth.passwordSignIn)
          throw new AppError('conflict', 'Password sign-in is off: the first admin signs in with SSO');
        const user = await createFirstAdmin(deps.auth, deps.database, input);
        if (!user) throw new AppError('conflict', 'Setup is already done: sign in instead');
        await writeAudit(db, c, {
          action: 'user.setup',
          outcome: 'success',
          actor: { id: user.id, email: user.email, role: 'admin' },
          targetType: 'user',
          targetId: user.id,
          summary: { email: user.email },
        });
        const signIn = await deps.auth.api.signInEmail({
          body: { email: input.email, password: input.password },
          asResponse: true,
        });
        const response = c.json({ user }, 201);
        for (const cookie of signIn.headers.getSetCookie()) response.headers.append('set-cookie', cookie);
        return response;
      })
  );
}
