import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../../shared/schemas/audit.ts';
import { startTestConsole, TEST_ADMIN, type TestConsole } from '../../support/console.ts';

const CLIENT = '203.0.113.7';
/** The test connects over loopback, as a reverse proxy on the same host would. */
const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;

const CASES: { name: string; env: Record<string, string>; recorded: string | RegExp }[] = [
  { name: 'behind a trusted proxy', env: { TRUST_PROXY: '127.0.0.1, ::1' }, recorded: CLIENT },
  { name: 'without TRUST_PROXY', env: {}, recorded: LOOPBACK },
];

describe.each(CASES)('the address an audit row records, $name', ({ env, recorded }) => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 1, webhookUrls: [] }, env });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const forwarded = { 'x-forwarded-for': CLIENT };
  const lastRow = async (action: string) => {
    const res = await t.api(`/api/audit?action=${action}&pageSize=1`);
    expect(res.status).toBe(200);
    return AuditPageSchema.parse(await res.json()).items[0];
  };
  const expectRecorded = (ip: string | null | undefined) =>
    typeof recorded === 'string' ? expect(ip).toBe(recorded) : expect(ip).toMatch(recorded);

  it('is the client the request came from for a mutation', async () => {
    const res = await t.api('/api/users', {
      method: 'POST',
      headers: forwarded,
      body: JSON.stringify({
        email: 'proxied@switchboard.test',
        name: 'Proxied',
        password: 'proxied-password-1',
        role: 'viewer',
      }),
    });
    expect(res.status).toBe(201);
    expectRecorded((await lastRow('user.created'))?.ip);
  });

  it('is the address the sign-in limiter counts for a failed sign-in', async () => {
    const res = await t.api('/api/auth/sign-in/email', {
      method: 'POST',
      cookie: '',
      headers: forwarded,
      body: JSON.stringify({ email: TEST_ADMIN.email, password: 'a-wrong-password' }),
    });
    expect(res.status).toBe(401);
    expectRecorded((await lastRow('auth.sign_in_failed'))?.ip);
  });
});
