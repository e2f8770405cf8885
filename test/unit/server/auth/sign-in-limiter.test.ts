import { describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../../../server/auth/sign-in-limiter.ts';

const LIMITS = { ipPerWindow: 3, ipWindowMs: 60_000, failuresPerAccount: 2, accountWindowMs: 600_000 };
const T0 = 1_700_000_000_000;

describe('SignInLimiter', () => {
  describe('per client IP', () => {
    it('lets the configured number of attempts through, then answers the seconds left in the window', () => {
      const limiter = new SignInLimiter(LIMITS);
      for (let i = 0; i < 3; i++) expect(limiter.check('10.0.0.1', `u${i}@x.test`, T0 + i)).toBeNull();
      expect(limiter.check('10.0.0.1', 'u9@x.test', T0 + 15_000)).toEqual({ retryAfter: 45, reason: 'ip' });
    });

    it('counts each address on its own', () => {
      const limiter = new SignInLimiter(LIMITS);
      for (let i = 0; i < 3; i++) limiter.check('10.0.0.1', 'a@x.test', T0);
      expect(limiter.check('10.0.0.1', 'a@x.test', T0)).not.toBeNull();
      expect(limiter.check('10.0.0.2', 'a@x.test', T0)).toBeNull();
    });

    it('opens a fresh window once the old one has passed', () => {
      const limiter = new SignInLimiter(LIMITS);
      for (let i = 0; i < 4; i++) limiter.check('10.0.0.1', 'a@x.test', T0);
      expect(limiter.check('10.0.0.1', 'a@x.test', T0 + 59_999)).toMatchObject({
        reason: 'ip',
        retryAfter: 1,
      });
      expect(limiter.check('10.0.0.1', 'a@x.test', T0 + 60_000)).toBeNull();
    });

    it('counts successful attempts too, so guessing across many accounts is bounded', () => {
      const limiter = new SignInLimiter(LIMITS);
      for (let i = 0; i < 3; i++) {
        expect(limiter.check('10.0.0.1', `u${i}@x.test`, T0)).toBeNull();
        limiter.recordSuccess(`u${i}@x.test`);
      }
      expect(limiter.check('10.0.0.1', 'u3@x.test', T0)).toMatchObject({ reason: 'ip' });
    });
  });

  describe('per account', () => {
    it('refuses an account after its failures, from any address, until the window ends', () => {
      const limiter = new SignInLimiter(LIMITS);
      limiter.recordFailure('a@x.test', T0);
      expect(limiter.check('10.0.0.1', 'a@x.test', T0 + 1000)).toBeNull();
      limiter.recordFailure('a@x.test', T0 + 1000);
      expect(limiter.check('10.0.0.9', 'a@x.test', T0 + 60_000)).toEqual({
        retryAfter: 540,
        reason: 'account',
      });
      expect(limiter.check('10.0.0.8', 'b@x.test', T0 + 60_000)).toBeNull();
      expect(limiter.check('10.0.0.9', 'a@x.test', T0 + 600_000)).toBeNull();
    });

    it('does not spend the address budget on an account that is locked', () => {
      const limiter = new SignInLimiter(LIMITS);
      limiter.recordFailure('a@x.test', T0);
      limiter.recordFailure('a@x.test', T0);
      for (let i = 0; i < 10; i++)
        expect(limiter.check('10.0.0.1', 'a@x.test', T0)).toMatchObject({ reason: 'account' });
      expect(limiter.check('10.0.0.1', 'b@x.test', T0)).toBeNull();
    });

    it('forgets the failures after a successful sign-in', () => {
      const limiter = new SignInLimiter(LIMITS);
      limiter.recordFailure('a@x.test', T0);
      limiter.recordSuccess('a@x.test');
      limiter.recordFailure('a@x.test', T0);
      expect(limiter.check('10.0.0.1', 'a@x.test', T0)).toBeNull();
    });

    it('starts counting again after a failure window has passed', () => {
      const limiter = new SignInLimiter(LIMITS);
      limiter.recordFailure('a@x.test', T0);
      limiter.recordFailure('a@x.test', T0 + 600_000);
      expect(limiter.check('10.0.0.1', 'a@x.test', T0 + 600_001)).toBeNull();
    });
  });

  it('defaults to 30 attempts a minute per address and 5 failures per account', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 30; i++) expect(limiter.check('10.0.0.1', `u${i}@x.test`, T0)).toBeNull();
    expect(limiter.check('10.0.0.1', 'u@x.test', T0)).toEqual({ reason: 'ip', retryAfter: 60 });
    for (let i = 0; i < 4; i++) limiter.recordFailure('a@x.test', T0);
    expect(limiter.check('10.0.0.2', 'a@x.test', T0)).toBeNull();
    limiter.recordFailure('a@x.test', T0);
    expect(limiter.check('10.0.0.3', 'a@x.test', T0)).toEqual({ reason: 'account', retryAfter: 900 });
  });
});
