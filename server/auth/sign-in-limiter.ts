/**
 * Sign-in attempts per client IP and failures per account, in fixed windows. In memory: each console
 * process limits on its own, which still bounds guessing to (processes × limit) per window.
 */
export class SignInLimiter {
  private byIp = new Map<string, { start: number; n: number }>();
  private failuresByEmail = new Map<string, { start: number; n: number }>();

  constructor(
    private readonly limits = {
      ipPerWindow: 30,
      ipWindowMs: 60_000,
      failuresPerAccount: 5,
      accountWindowMs: 15 * 60_000,
    },
  ) {}

  /** Seconds to wait, or null when the attempt may go ahead (counts it against the IP). */
  check(
    ip: string,
    email: string,
    now = Date.now(),
  ): { retryAfter: number; reason: 'ip' | 'account' } | null {
    const account = this.failuresByEmail.get(email);
    if (
      account &&
      now - account.start < this.limits.accountWindowMs &&
      account.n >= this.limits.failuresPerAccount
    ) {
      return {
        retryAfter: Math.ceil((account.start + this.limits.accountWindowMs - now) / 1000),
        reason: 'account',
      };
    }
    let entry = this.byIp.get(ip);
    if (!entry || now - entry.start >= this.limits.ipWindowMs) entry = { start: now, n: 0 };
    entry.n++;
    this.byIp.set(ip, entry);
    if (entry.n > this.limits.ipPerWindow) {
      return { retryAfter: Math.ceil((entry.start + this.limits.ipWindowMs - now) / 1000), reason: 'ip' };
    }
    return null;
  }

  recordFailure(email: string, now = Date.now()): void {
    let entry = this.failuresByEmail.get(email);
    if (!entry || now - entry.start >= this.limits.accountWindowMs) entry = { start: now, n: 0 };
    entry.n++;
    this.failuresByEmail.set(email, entry);
  }

  recordSuccess(email: string): void {
    this.failuresByEmail.delete(email);
  }
}
