import { addressBucket } from './address-bucket.ts';

export interface SignInLimits {
  ipPerWindow: number;
  ipWindowMs: number;
  failuresPerAccount: number;
  accountWindowMs: number;
  /** Most clients, and most accounts, held at once: the oldest are dropped past it. */
  maxEntries: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  ipPerWindow: 30,
  ipWindowMs: 60_000,
  failuresPerAccount: 5,
  accountWindowMs: 15 * 60_000,
  maxEntries: 10_000,
};

export interface SignInRefusal {
  /** Seconds until the window that refused the attempt ends. */
  retryAfter: number;
  reason: 'ip' | 'account';
}

/** One password check, reserved before it starts; the first of its calls settles it, later ones do nothing. */
export interface SignInAttempt {
  /** The password was wrong (or the account unknown): it counts toward the account's lockout. */
  failed(): void;
  /** Signed in: the account's failures are forgotten. */
  succeeded(): void;
  /** No password was judged (an error on the way): the slot is given back. */
  release(): void;
}

interface AccountEntry {
  start: number;
  failures: number;
  /** Attempts reserved and not yet settled. */
  pending: number;
}

/**
 * Sign-in attempts per client (an IPv6 client by its /64) and failures per account, in fixed windows.
 * Checking and counting is one synchronous step: `reserve` takes a slot of the account's budget
 * before the password is checked, so parallel requests cannot all pass the check before any failure
 * is counted. In memory: each console process limits on its own, which still bounds guessing to
 * (processes × limit) per window. Both maps are swept of ended windows and bounded in size.
 */
export class SignInLimiter {
  private readonly byClient = new Map<string, { start: number; n: number }>();
  private readonly byAccount = new Map<string, AccountEntry>();
  private readonly limits: SignInLimits;
  private readonly now: () => number;
  private nextSweep = 0;

  constructor(options: Partial<SignInLimits> & { now?: () => number } = {}) {
    const { now, ...limits } = options;
    this.limits = { ...SIGN_IN_LIMITS, ...limits };
    this.now = now ?? Date.now;
  }

  /** Entries held, for tests of the bounds. */
  get size(): { clients: number; accounts: number } {
    return { clients: this.byClient.size, accounts: this.byAccount.size };
  }

  /**
   * A slot for one password check of `email` from `address`, or why not and for how long. An account
   * out of slots refuses without spending the client's budget.
   */
  reserve(address: string, email: string): { attempt: SignInAttempt } | { refused: SignInRefusal } {
    const now = this.now();
    this.sweepIfDue(now);
    const { ipPerWindow, ipWindowMs, failuresPerAccount, accountWindowMs } = this.limits;

    const held = this.byAccount.get(email);
    const account =
      held && now - held.start < accountWindowMs
        ? held
        : { start: now, failures: 0, pending: held?.pending ?? 0 };
    if (account.failures + account.pending >= failuresPerAccount) {
      return {
        refused: { reason: 'account', retryAfter: secondsLeft(account.start + accountWindowMs, now) },
      };
    }

    const key = addressBucket(address);
    let client = this.byClient.get(key);
    if (!client || now - client.start >= ipWindowMs) client = { start: now, n: 0 };
    client.n++;
    this.put(this.byClient, key, client);
    if (client.n > ipPerWindow) {
      return { refused: { reason: 'ip', retryAfter: secondsLeft(client.start + ipWindowMs, now) } };
    }

    account.pending++;
    if (account !== held) this.put(this.byAccount, email, account);
    let settled = false;
    const settle = (outcome: 'failed' | 'succeeded' | 'released') => {
      if (settled) return;
      settled = true;
      this.settle(email, outcome);
    };
    return {
      attempt: {
        failed: () => settle('failed'),
        succeeded: () => settle('succeeded'),
        release: () => settle('released'),
      },
    };
  }

  private settle(email: string, outcome: 'failed' | 'succeeded' | 'released') {
    const now = this.now();
    // The entry may have been renewed by a later window, or dropped by the bound, meanwhile.
    let entry = this.byAccount.get(email);
    if (entry) entry.pending = Math.max(0, entry.pending - 1);
    if (outcome === 'failed') {
      if (!entry || now - entry.start >= this.limits.accountWindowMs) {
        entry = { start: now, failures: 0, pending: entry?.pending ?? 0 };
      }
      entry.failures++;
      // Re-inserted: the bound drops the accounts that failed longest ago first.
      this.byAccount.delete(email);
      this.put(this.byAccount, email, entry);
    } else if (entry) {
      if (outcome === 'succeeded') entry.failures = 0;
      if (entry.failures === 0 && entry.pending === 0) this.byAccount.delete(email);
    }
  }

  /** Sets a key, first making room when the map is full: ended windows go, then the oldest entry. */
  private put<V>(map: Map<string, V>, key: string, value: V) {
    if (!map.has(key) && map.size >= this.limits.maxEntries) {
      this.sweep(this.now());
      if (map.size >= this.limits.maxEntries) {
        const oldest = map.keys().next();
        if (!oldest.done) map.delete(oldest.value);
      }
    }
    map.set(key, value);
  }

  private sweepIfDue(now: number) {
    if (now < this.nextSweep) return;
    this.sweep(now);
    this.nextSweep = now + Math.min(this.limits.ipWindowMs, this.limits.accountWindowMs);
  }

  private sweep(now: number) {
    for (const [key, entry] of this.byClient) {
      if (now - entry.start >= this.limits.ipWindowMs) this.byClient.delete(key);
    }
    for (const [key, entry] of this.byAccount) {
      if (entry.pending === 0 && now - entry.start >= this.limits.accountWindowMs) this.byAccount.delete(key);
    }
  }
}

const secondsLeft = (end: number, now: number) => Math.max(1, Math.ceil((end - now) / 1000));
