import { describe, expect, it } from 'vitest';
import { SignInLimiter, type SignInLimits } from '../../../../server/auth/sign-in-limiter.ts';

const LIMITS = { ipPerWindow: 3, ipWindowMs: 60_000, failuresPerAccount: 2, accountWindowMs: 600_000 };
const T0 = 1_700_000_000_000;

/** A limiter on a clock the test moves. */
function limiterAt(limits: Partial<SignInLimits> = LIMITS) {
  let now = T0;
  const limiter = new SignInLimiter({ ...limits, now: () => now });
  const at = (ms: number) => {
    now = T0 + ms;
    return limiter;
  };
  /** Reserves and settles one attempt: answers the refusal, or null when the attempt went ahead. */
  const attempt = (ip: string, email: string, outcome: 'failed' | 'succeeded' | 'release' = 'release') => {
    const reservation = limiter.reserve(ip, email);
    if ('refused' in reservation) return reservation.refused;
    reservation.attempt[outcome]();
    return null;
  };
  return { limiter, at, attempt };
}

describe('SignInLimiter', () => {
  describe('per client IP', () => {
    it('lets the configured number of attempts through, then answers the seconds left in the window', () => {
      const { at, attempt } = limiterAt();
      for (let i = 0; i < 3; i++) {
        at(i);
        expect(attempt('10.0.0.1', `u${i}@x.test`)).toBeNull();
      }
      at(15_000);
      expect(attempt('10.0.0.1', 'u9@x.test')).toEqual({ retryAfter: 45, reason: 'ip' });
    });

    it('counts each address on its own', () => {
      const { attempt } = limiterAt();
      for (let i = 0; i < 3; i++) attempt('10.0.0.1', 'a@x.test');
      expect(attempt('10.0.0.1', 'a@x.test')).not.toBeNull();
      expect(attempt('10.0.0.2', 'a@x.test')).toBeNull();
    });

    it('opens a fresh window once the old one has passed', () => {
      const { at, attempt } = limiterAt();
      for (let i = 0; i < 4; i++) attempt('10.0.0.1', 'a@x.test');
      at(59_999);
      expect(attempt('10.0.0.1', 'a@x.test')).toMatchObject({ reason: 'ip', retryAfter: 1 });
      at(60_000);
      expect(attempt('10.0.0.1', 'a@x.test')).toBeNull();
    });

    it('counts successful attempts too, so guessing across many accounts is bounded', () => {
      const { attempt } = limiterAt();
      for (let i = 0; i < 3; i++) expect(attempt('10.0.0.1', `u${i}@x.test`, 'succeeded')).toBeNull();
      expect(attempt('10.0.0.1', 'u3@x.test')).toMatchObject({ reason: 'ip' });
    });
  });

  describe('per account', () => {
    it('refuses an account after its failures, from any address, until the window ends', () => {
      const { at, attempt } = limiterAt();
      attempt('10.0.0.1', 'a@x.test', 'failed');
      at(1000);
      attempt('10.0.0.2', 'a@x.test', 'failed');
      at(60_000);
      expect(attempt('10.0.0.9', 'a@x.test')).toEqual({ retryAfter: 540, reason: 'account' });
      expect(attempt('10.0.0.8', 'b@x.test')).toBeNull();
      at(600_000);
      expect(attempt('10.0.0.9', 'a@x.test')).toBeNull();
    });

    it('does not spend the address budget on an account that is locked', () => {
      const { attempt } = limiterAt();
      attempt('10.0.0.2', 'a@x.test', 'failed');
      attempt('10.0.0.3', 'a@x.test', 'failed');
      for (let i = 0; i < 10; i++)
        expect(attempt('10.0.0.1', 'a@x.test')).toMatchObject({ reason: 'account' });
      expect(attempt('10.0.0.1', 'b@x.test')).toBeNull();
    });

    it('forgets the failures after a successful sign-in', () => {
      const { attempt } = limiterAt();
      attempt('10.0.0.1', 'a@x.test', 'failed');
      attempt('10.0.0.1', 'a@x.test', 'succeeded');
      attempt('10.0.0.1', 'a@x.test', 'failed');
      expect(attempt('10.0.0.2', 'a@x.test')).toBeNull();
    });

    it('starts counting again after a failure window has passed', () => {
      const { at, attempt } = limiterAt();
      attempt('10.0.0.1', 'a@x.test', 'failed');
      at(600_000);
      attempt('10.0.0.2', 'a@x.test', 'failed');
      at(600_001);
      expect(attempt('10.0.0.3', 'a@x.test')).toBeNull();
    });
  });

  it('defaults to 30 attempts a minute per address and 5 failures per account', () => {
    const { attempt } = limiterAt({});
    for (let i = 0; i < 30; i++) expect(attempt('10.0.0.1', `u${i}@x.test`)).toBeNull();
    expect(attempt('10.0.0.1', 'u@x.test')).toEqual({ reason: 'ip', retryAfter: 60 });
    for (let i = 0; i < 4; i++) attempt(`10.0.1.${i}`, 'a@x.test', 'failed');
    expect(attempt('10.0.0.2', 'a@x.test')).toBeNull();
    attempt('10.0.0.4', 'a@x.test', 'failed');
    expect(attempt('10.0.0.3', 'a@x.test')).toEqual({ reason: 'account', retryAfter: 900 });
  });
});
