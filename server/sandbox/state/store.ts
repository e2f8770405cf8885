import { randomBytes } from 'node:crypto';
import type {
  AccountEvent,
  AccountEventName,
  ConnectionAttempt,
  ConnectSession,
  RequestLog,
  SandboxAccount,
  WebhookDelivery,
} from '../model.ts';
import type { SeedData } from './seed.ts';

export type AccountInput = Omit<SandboxAccount, 'id' | 'created_at' | 'updated_at'> &
  Partial<Pick<SandboxAccount, 'id' | 'created_at' | 'updated_at'>>;

export type AccountPatch = Partial<Omit<SandboxAccount, 'id' | 'created_at'>>;

type AccountListener = (event: AccountEvent) => void;

const compareAccounts = (a: SandboxAccount, b: SandboxAccount) =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The sandbox's whole state, in memory. Every account mutation goes through here so that each one
 * fires exactly one account event (which the webhook sender turns into deliveries).
 */
export class SandboxStore {
  private accountsById = new Map<string, SandboxAccount>();
  /** Stable list order for `GET /accounts`: created_at ascending, then id. */
  private accountOrder: SandboxAccount[] = [];
  readonly sessions = new Map<string, ConnectSession>();
  readonly attempts = new Map<string, ConnectionAttempt>();
  /** Newest first, once the seed's logs are built (builtLogs). */
  private logList: RequestLog[] = [];
  private logsById = new Map<string, RequestLog>();
  /** The seed's logs, built on first use (see SeedData.logs). */
  private seededLogs: (() => RequestLog[]) | null = null;
  readonly deliveries: WebhookDelivery[] = [];
  private listeners = new Set<AccountListener>();
  private nextSessionId = 1;

  constructor(seed: SeedData) {
    this.load(seed);
  }

  /** Replaces every account, session, attempt and log with the seed's; keeps listeners and deliveries. */
  load(seed: SeedData): void {
    this.accountsById = new Map();
    for (const account of seed.accounts) this.accountsById.set(account.id, account);
    this.accountOrder = [...seed.accounts].sort(compareAccounts);
    this.logList = [];
    this.logsById = new Map();
    this.seededLogs = seed.logs;
    this.sessions.clear();
    this.attempts.clear();
    this.nextSessionId = 1;
  }

  // ---- accounts ------------------------------------------------------------------------------

  listAccounts(): readonly SandboxAccount[] {
    return this.accountOrder;
  }

  getAccount(id: string): SandboxAccount | undefined {
    return this.accountsById.get(id);
  }

  /** The account a non-`multiple` session reopens: same owner and provider (see README, upsert rule). */
  findAccountByOwnerAndProvider(originOwnerId: string, provider: string): SandboxAccount | undefined {
    return this.accountOrder.find((a) => a.origin_owner_id === originOwnerId && a.provider === provider);
  }

  createAccount(input: AccountInput): SandboxAccount {
    const now = new Date().toISOString();
    const account: SandboxAccount = {
      ...input,
      id: input.id ?? this.newAccountId(),
      created_at: input.created_at ?? now,
      updated_at: input.updated_at ?? now,
    };
    this.accountsById.set(account.id, account);
    this.accountOrder.push(account);
    // A created_at earlier than the last one (only from the control API) must not break the order.
    const n = this.accountOrder.length;
    if (n > 1 && compareAccounts(this.accountOrder[n - 2]!, account) > 0)
      this.accountOrder.sort(compareAccounts);
    this.emit('account.created', account);
    return account;
  }

  updateAccount(id: string, patch: AccountPatch): SandboxAccount | undefined {
    const account = this.accountsById.get(id);
    if (!account) return undefined;
    Object.assign(account, patch, { updated_at: new Date().toISOString() });
    this.emit('account.updated', account);
    return account;
  }

  deleteAccount(id: string): SandboxAccount | undefined {
    const account = this.accountsById.get(id);
    if (!account) return undefined;
    this.accountsById.delete(id);
    const index = this.accountOrder.indexOf(account);
    if (index >= 0) this.accountOrder.splice(index, 1);
    for (const [token, session] of this.sessions) if (session.account_id === id) this.sessions.delete(token);
    this.emit('account.deleted', account);
    return account;
  }

  private newAccountId(): string {
    // 20-digit strings like StackOne's own ids.
    let id: string;
    do id = randomBytes(8).readBigUInt64BE().toString().padStart(20, '1');
    while (this.accountsById.has(id));
    return id;
  }

  // ---- events --------------------------------------------------------------------------------

  onAccountEvent(listener: AccountListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: AccountEventName, account: SandboxAccount): void {
    const payload: AccountEvent = { event, account: structuredClone(account), at: new Date().toISOString() };
    for (const listener of this.listeners) listener(payload);
  }

  // ---- connect sessions ----------------------------------------------------------------------

  createSession(
    input: Omit<ConnectSession, 'id' | 'token' | 'created_at' | 'expires_at' | 'external_trigger_token'> & {
      expires_in: number;
    },
  ): ConnectSession {
    const { expires_in, ...rest } = input;
    const created = new Date();
    const session: ConnectSession = {
      ...rest,
      id: this.nextSessionId++,
      // Hex keeps the token URL-safe: the Hub puts it raw into the OAuth popup URL.
      token: randomBytes(32).toString('hex'),
      external_trigger_token: crypto.randomUUID(),
      created_at: created.toISOString(),
      expires_at: new Date(created.getTime() + expires_in * 1000).toISOString(),
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** A session that exists and has not expired. */
  getLiveSession(token: string | undefined | null): ConnectSession | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session || Date.parse(session.expires_at) <= Date.now()) return undefined;
    return session;
  }

  // ---- connection attempts (OAuth) -----------------------------------------------------------

  createAttempt(token: string): ConnectionAttempt {
    const attempt: ConnectionAttempt = {
      id: `att_${randomBytes(12).toString('hex')}`,
      token,
      status: 'pending',
      integration_id: null,
      account_id: null,
      error: null,
      created_at: new Date().toISOString(),
    };
    this.attempts.set(attempt.id, attempt);
    return attempt;
  }

  // ---- request logs --------------------------------------------------------------------------

  /** Newest first. */
  get logs(): readonly RequestLog[] {
    return this.builtLogs();
  }

  getLog(requestId: string): RequestLog | undefined {
    this.builtLogs();
    return this.logsById.get(requestId);
  }

  addLog(log: RequestLog): void {
    this.builtLogs().unshift(log);
    this.logsById.set(log.request_id, log);
  }

  private builtLogs(): RequestLog[] {
    if (this.seededLogs) {
      this.logList = [...this.seededLogs()].sort((a, b) => (a.event_datetime < b.event_datetime ? 1 : -1));
      for (const log of this.logList) this.logsById.set(log.request_id, log);
      this.seededLogs = null;
    }
    return this.logList;
  }
}
