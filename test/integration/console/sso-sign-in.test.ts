import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../../support/console.ts';
import { IDP_CLIENT, startTestIdp, type TestIdp } from '../../support/oidc-provider.ts';
import { signInWithSso } from '../../support/sso-flow.ts';

const ROLE_MAP = 'sb-admins:admin,sb-managers:manager,sb-support:support';

describe('signing in with the company identity provider', () => {
  let idp: TestIdp;
  let t: TestConsole;

  beforeAll(async () => {
    idp = await startTestIdp([
      { id: 'ana', email: 'ana@example.com', name: 'Ana', groups: ['sb-support'] },
      { id: 'nobody', email: 'nobody@example.com', name: 'No Body', groups: ['marketing'] },
    ]);
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 2, webhookUrls: [] },
      env: {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: IDP_CLIENT.id,
        OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
        OIDC_ROLE_MAP: ROLE_MAP,
      },
    });
    idp.register(t.console.deps.config.oidc!.callbackUrl);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('creates the user at the first sign-in with the role its group maps to', async () => {
    const result = await signInWithSso(t, 'ana');
    expect(result.error).toBeNull();
    expect(result.location).toBe(`${t.console.deps.config.publicUrl}/accounts`);
    const me = await t.api('/api/me', { cookie: result.cookie });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { email: string; role: string; signInMethod: string } };
    expect(body.user).toMatchObject({ email: 'ana@example.com', role: 'support', signInMethod: 'sso' });
  });
});
