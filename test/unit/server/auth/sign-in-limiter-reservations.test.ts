import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignInLimiter, type SignInAttempt } from '../../../../server/auth/sign-in-limiter.ts';

const T0 = 1_700_000_000_000;
const LIMITS = { ipPerWindow: 1_000, ipWindowMs: 60_000, failuresPerAccount: 5, accountWindowMs: 900_000 };

function clocked(limits: ConstructorParameters<typeof SignInLimiter>[0] = LIMITS) {
  let now = T0;
  const limiter = new SignInLimiter({ ...limits, now: () => now });
  return {
    limiter,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const attemptOf = (reservation: ReturnType<SignInLimiter['reserve']>): SignInAttempt | null =>
  'attempt' in reservation ? reservation.attempt : null;

describe('SignInLimiter reservations', () => {
  it('lets only as many password checks start at once as the account has failures left', () => {
    const { limiter } = clocked();
    const reservations = Array.from({ length: 25 }, (_, i) => limiter.reserve(`10.0.0.${i}`, 'a@x.test'));
    const attempts = reservations.map(attemptOf).filter((a) => a !== null);
    expect(attempts).toHaveLength(5);
    expect(reservations.filter((r) => 'refused' in r).map((r) => 'refused' in r && r.refused.reason)).toEqual(
      Array(20).fill('account'),
    );
    for (const attempt of attempts) attempt.failed();
    expect(limiter.reserve('10.0.1.1', 'a@x.test')).toEqual({
      refused: { reason: 'account', retryAfter: 900 },
    });
  });

  it('gives a slot back when an attempt is released without a password being judged', () => {
    const { limiter } = clocked();
    const held = Array.from({ length: 5 }, () => attemptOf(limiter.reserve('10.0.0.1', 'a@x.test'))!);
    expect(limiter.reserve('10.0.0.1', 'a@x.test')).toHaveProperty('refused');
    held[0]!.release();
    expect(attemptOf(limiter.reserve('10.0.0.1', 'a@x.test'))).not.toBeNull();
  });

  it('settles an attempt once: a release after a failure neither counts again nor frees a slot', () => {
    const { limiter } = clocked();
    for (let i = 0; i < 4; i++) {
      const attempt = attemptOf(limiter.reserve('10.0.0.1', 'a@x.test'))!;
      attempt.failed();
      attempt.release();
      attempt.failed();
    }
    const last = attemptOf(limiter.reserve('10.0.0.1', 'a@x.test'));
    expect(last).not.toBeNull();
    expect(limiter.reserve('10.0.0.1', 'a@x.test')).toHaveProperty('refused');
    last!.succeeded();
    expect(attemptOf(limiter.reserve('10.0.0.1', 'a@x.test'))).not.toBeNull();
  });

  it('starts a check exactly while failures and unsettled checks are under the limit, in any interleaving', () => {
    const step = fc.oneof(
      fc.constant({ kind: 'reserve' as const, index: 0 }),
      fc.record({
        kind: fc.constantFrom('failed' as const, 'succeeded' as const, 'release' as const),
        index: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const { limiter } = clocked();
        const open: SignInAttempt[] = [];
        let failures = 0;
        for (const { kind, index } of steps) {
          if (kind === 'reserve') {
            const attempt = attemptOf(limiter.reserve('10.0.0.1', 'a@x.test'));
            expect(attempt !== null).toBe(failures + open.length < LIMITS.failuresPerAccount);
            if (attempt) open.push(attempt);
          } else if (open.length > 0) {
            const [attempt] = open.splice(index % open.length, 1);
            attempt![kind]();
            if (kind === 'failed') failures++;
            if (kind === 'succeeded') failures = 0;
          }
          expect(failures).toBeLessThanOrEqual(LIMITS.failuresPerAccount);
        }
      }),
    );
  });

  it('counts the IPv6 addresses of one /64 as one client, and the next /64 on its own', () => {
    const { limiter } = clocked({ ...LIMITS, ipPerWindow: 2 });
    expect(limiter.reserve('2001:db8:1:2::1', 'a@x.test')).toHaveProperty('attempt');
    expect(limiter.reserve('2001:db8:1:2:ffff:ffff:ffff:ffff', 'b@x.test')).toHaveProperty('attempt');
    expect(limiter.reserve('2001:DB8:1:2:0:0:0:99', 'c@x.test')).toEqual({
      refused: { reason: 'ip', retryAfter: 60 },
    });
    expect(limiter.reserve('2001:db8:1:3::1', 'd@x.test')).toHaveProperty('attempt');
    // An IPv4 client is counted the same whether the socket reports it plain or mapped into IPv6.
    expect(limiter.reserve('192.0.2.1', 'e@x.test')).toHaveProperty('attempt');
    expect(limiter.reserve('::ffff:192.0.2.1', 'f@x.test')).toHaveProperty('attempt');
    expect(limiter.reserve('::ffff:c000:201', 'g@x.test')).toHaveProperty('refused');
  });
});

describe('SignInLimiter memory', () => {
  it('drops clients and accounts whose windows have ended', () => {
    const { limiter, advance } = clocked();
    for (let i = 0; i < 100; i++) attemptOf(limiter.reserve(`10.0.${i}.1`, `u${i}@x.test`))!.failed();
    expect(limiter.size).toEqual({ clients: 100, accounts: 100 });
    advance(LIMITS.accountWindowMs);
    attemptOf(limiter.reserve('10.9.9.9', 'late@x.test'))!.release();
    expect(limiter.size).toEqual({ clients: 1, accounts: 0 });
  });

  it('forgets an account that signed in or was released with no failures', () => {
    const { limiter } = clocked();
    attemptOf(limiter.reserve('10.0.0.1', 'a@x.test'))!.succeeded();
    attemptOf(limiter.reserve('10.0.0.1', 'b@x.test'))!.release();
    expect(limiter.size.accounts).toBe(0);
  });

  it('holds at most maxEntries clients and accounts, however many come within one window', () => {
    const { limiter } = clocked({ ...LIMITS, maxEntries: 50 });
    for (let i = 0; i < 1_000; i++) {
      const attempt = attemptOf(limiter.reserve(`10.${i >> 8}.${i & 255}.1`, `u${i}@x.test`));
      attempt?.failed();
    }
    expect(limiter.size.clients).toBeLessThanOrEqual(50);
    expect(limiter.size.accounts).toBeLessThanOrEqual(50);
  });

  it('drops the account that failed longest ago first, keeping one still under attack', () => {
    const { limiter } = clocked({ ...LIMITS, maxEntries: 10 });
    const fail = (ip: string, email: string) => attemptOf(limiter.reserve(ip, email))?.failed();
    for (let i = 0; i < 4; i++) fail('10.0.0.1', 'target@x.test');
    for (let i = 0; i < 9; i++) fail(`10.0.1.${i}`, `filler${i}@x.test`);
    // The target fails again: it is the newest entry now, and the fillers that follow push out older ones.
    fail('10.0.0.1', 'target@x.test');
    for (let i = 9; i < 15; i++) fail(`10.0.1.${i}`, `filler${i}@x.test`);
    expect(limiter.reserve('10.0.2.1', 'target@x.test')).toHaveProperty('refused');
  });
});
