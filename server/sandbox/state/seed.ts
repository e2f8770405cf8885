import { CONNECTORS, isSecretField, type Connector } from '../catalog/connectors.ts';
import { PROJECT_ID, type AccountStatus, type RequestLog, type SandboxAccount } from '../model.ts';
import { createRng, type Rng } from '../rng.ts';

export interface SeedOptions {
  seed: number;
  accounts: number;
  /** Anchor for generated dates; defaults to the start of the current UTC day so a seed is stable within a day. */
  now?: Date;
}

export interface SeedData {
  accounts: SandboxAccount[];
  /**
   * The request logs, built on the first call (the same array after it): at 100k accounts they cost
   * as much as the accounts, and a sandbox that is never asked for logs should not pay for them.
   */
  logs: () => RequestLog[];
}

const DAY = 86_400_000;

const NAME_HEADS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Vandelay',
  'Pied Piper',
  'Aperture',
  'Massive Dynamic',
  'Oscorp',
  'Nakatomi',
  'Gringotts',
  'Monarch',
  'Duff',
  'Café Müller',
  'Société Lumière',
  'Björk & Sønner',
  'Zürich Analytik',
  'Ñandú Logística',
  'Élan Vital',
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Litware',
  'Adatum',
  'Proseware',
  'Woodgrove',
  'Lucerne',
  'Blue Yonder',
  'Bluth',
  'Dunder Mifflin',
  'Sterling Cooper',
  'Prestige Worldwide',
  'Kaizen',
  'Halcyon',
];
const NAME_TAILS = [
  '',
  ' Inc',
  ' Ltd',
  ' GmbH',
  ' Labs',
  ' Group',
  ' Holdings',
  ' SAS',
  ' AB',
  ' Co',
  ' Systems',
  ' Health',
];
const FIRST = [
  'jane',
  'john',
  'maria',
  'li',
  'amara',
  'oliver',
  'sofia',
  'noah',
  'zoe',
  'ravi',
  'ines',
  'kenji',
  'lea',
  'omar',
];
const LAST = [
  'doe',
  'smith',
  'garcia',
  'chen',
  'okafor',
  'brown',
  'rossi',
  'patel',
  'muller',
  'sato',
  'dubois',
  'khan',
];
const MULTI_LABELS = [
  'EU entity',
  'US entity',
  'UK subsidiary',
  'APAC',
  'Payroll',
  'Contractors',
  'Sandbox tenant',
  'Legacy',
];

const PLAIN_LABELS = ['Primary', 'Main', 'HQ', 'Production'];
const PLANS = ['starter', 'growth', 'enterprise'];
const REGIONS = ['us', 'eu'];
const DISABLED_DESCRIPTION = 'The account was disabled from the dashboard.';

/** `upstreamStatus`: what the provider answers the account's requests once it broke (request logs). */
const ERROR_REASONS: readonly {
  code: string;
  upstreamStatus: number;
  description: (c: Connector) => string;
}[] = [
  {
    code: 'token_expired',
    upstreamStatus: 401,
    description: (c) => `The ${c.name} access token expired and could not be refreshed.`,
  },
  {
    code: 'access_revoked',
    upstreamStatus: 401,
    description: (c) => `Access was revoked in ${c.name} (invalid_grant).`,
  },
  {
    code: 'insufficient_scopes',
    upstreamStatus: 403,
    description: (c) => `The ${c.name} credentials lack the scopes needed to read employees.`,
  },
  {
    code: 'invalid_credentials',
    upstreamStatus: 401,
    description: (c) => `${c.name} rejected the API key (401 Unauthorized).`,
  },
  {
    code: 'provider_unreachable',
    upstreamStatus: 503,
    description: (c) => `${c.name} did not answer for 3 consecutive checks (503).`,
  },
];

/** Each connector's reason texts, built once rather than once per account in error. */
const ERROR_DESCRIPTIONS = new Map(
  CONNECTORS.map((c) => [c, ERROR_REASONS.map((reason) => reason.description(c))]),
);

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Strings derived from a company name's head (`acme.com`…), shared by its customers' accounts. A
 * 100k-account seed is mostly strings: building each distinct one once, flat, halves its memory.
 */
interface Company {
  domain: string;
  /** The domain without `.com`: subdomains and tenants. */
  stem: string;
  tenant: string;
  oktaDomain: string;
  integrationsEmail: string;
  /** `first.last@domain` by `FIRST` index × `LAST.length` + `LAST` index, built on first use. */
  usernames: string[];
}

const COMPANIES = new Map<string, Company>(
  NAME_HEADS.map((head) => {
    const stem = slug(head);
    const domain = `${stem}.com`;
    return [
      head,
      {
        domain,
        stem,
        tenant: `${stem.replace(/-/g, '_')}_prod`,
        oktaDomain: `${stem}.okta.com`,
        integrationsEmail: `integrations@${domain}`,
        usernames: [],
      },
    ];
  }),
);

interface Customer {
  id: string;
  name: string;
  company: Company;
}

function makeCustomers(rng: Rng, count: number): Customer[] {
  const customers: Customer[] = [];
  const seen = new Set<string>();
  // The first customers are fixed so that docs and tests can name them (e.g. "acme").
  for (let i = 0; customers.length < count; i++) {
    const head = i < NAME_HEADS.length ? NAME_HEADS[i]! : rng.pick(NAME_HEADS);
    const tail =
      i < NAME_HEADS.length ? (i === 0 ? ' Corporation' : rng.pick(NAME_TAILS)) : rng.pick(NAME_TAILS);
    let name = [head, tail].join('');
    if (seen.has(name)) name = [name, ' ', Math.floor(i / NAME_HEADS.length) + 1].join('');
    seen.add(name);
    customers.push({
      id: `cust_${String(customers.length + 1).padStart(5, '0')}`,
      name,
      company: COMPANIES.get(head)!,
    });
  }
  return customers;
}

function fieldValue(rng: Rng, connector: Connector, key: string, company: Company): string {
  switch (key) {
    case 'subdomain':
      return company.stem;
    case 'domain':
      return company.oktaDomain;
    case 'region':
      return rng.pick(REGIONS);
    case 'tenant':
      return company.tenant;
    case 'on_behalf_of':
      return String(rng.int(10000, 99999));
    case 'email':
    case 'username':
      return company.integrationsEmail;
    default:
      return [connector.provider, '_', rng.hex(12)].join('');
  }
}

function credentialsFor(rng: Rng, connector: Connector, company: Company) {
  const setup_information: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of connector.fields) {
    const value = fieldValue(rng, connector, field.key, company);
    if (isSecretField(field)) secrets[field.key] = value;
    else setup_information[field.key] = value;
  }
  if (connector.auth === 'oauth2') secrets.access_token = ['ya29.', rng.hex(16)].join('');
  return { setup_information, secrets };
}

/** A hex byte with its letters turned into digits (a→7 … f→2), as account ids have always been drawn. */
const DIGIT_BYTES = Array.from({ length: 256 }, (_, byte) =>
  byte
    .toString(16)
    .padStart(2, '0')
    .replace(/[a-f]/g, (ch) => String(ch.charCodeAt(0) % 10)),
);

function drawAccountId(rng: Rng): string {
  // 20-digit ids, as StackOne's own docs show: one digit, 16 from 8 bytes, then 3 of an 8-digit draw.
  const parts = [String(rng.int(1, 9))];
  for (let i = 0; i < 8; i++) parts.push(DIGIT_BYTES[rng.byte()]!);
  parts.push(String(rng.int(0, 99999999)).padStart(8, '0').slice(0, 3));
  return parts.join('');
}

function username(company: Company, first: number, last: number): string {
  const index = first * LAST.length + last;
  return (company.usernames[index] ??= [FIRST[first], '.', LAST[last], '@', company.domain].join(''));
}

function pickStatus(rng: Rng): AccountStatus {
  const r = rng.next();
  // About three quarters active, a sixth in error, the rest inactive.
  return r < 0.75 ? 'active' : r < 0.75 + 1 / 6 ? 'error' : 'inactive';
}

/**
 * What log generation needs of each account as it was seeded, in seed order. Kept apart from the
 * accounts because they change in place later, and logs are only built when first asked for.
 */
class LogSubjects {
  readonly ids: string[] = [];
  readonly connectors: Connector[] = [];
  readonly createdMs: number[] = [];
  /** For an account in error: when it broke and what its provider has answered since; else NaN and 0. */
  readonly brokenMs: number[] = [];
  readonly upstreamStatus: number[] = [];

  add(id: string, connector: Connector, createdMs: number, brokenMs: number, upstreamStatus: number) {
    this.ids.push(id);
    this.connectors.push(connector);
    this.createdMs.push(createdMs);
    this.brokenMs.push(brokenMs);
    this.upstreamStatus.push(upstreamStatus);
  }
}

interface Fixed {
  status?: AccountStatus;
  label?: string | null;
  /** Index into ERROR_REASONS. */
  reason?: number;
}

export function buildSeed(options: SeedOptions): SeedData {
  const rng = createRng(options.seed);
  const anchor = options.now ?? new Date(Math.floor(Date.now() / DAY) * DAY);
  const now = anchor.getTime();
  const span = 548 * DAY; // about 18 months
  const customerCount = Math.max(40, Math.ceil(options.accounts / 3));
  const customers = makeCustomers(rng, customerCount);
  const accounts: SandboxAccount[] = [];
  const ids = new Set<string>();
  const subjects = new LogSubjects();

  // Every draw from `rng` below happens in the order it always has: the order is the seed's data.
  const add = (customer: Customer, connector: Connector, fixed: Fixed = {}) => {
    let id = drawAccountId(rng);
    while (ids.has(id)) id = drawAccountId(rng);
    ids.add(id);
    const createdMs = now - rng.int(1, span);
    let updatedMs = Math.min(now - 60_000, createdMs + rng.int(0, now - createdMs));
    const status = fixed.status ?? pickStatus(rng);
    let reason: { code: string; description: string } | null = null;
    let upstreamStatus = 0;
    if (status === 'error') {
      const index = fixed.reason ?? rng.int(0, ERROR_REASONS.length - 1);
      reason = { code: ERROR_REASONS[index]!.code, description: ERROR_DESCRIPTIONS.get(connector)![index]! };
      upstreamStatus = ERROR_REASONS[index]!.upstreamStatus;
      updatedMs = Math.max(createdMs + 60_000, now - rng.int(1, 21 * 24) * 3_600_000);
    } else if (status === 'inactive' && rng.chance(0.5)) {
      reason = { code: 'disabled_by_user', description: DISABLED_DESCRIPTION };
    }
    const first = rng.int(0, FIRST.length - 1);
    const last = rng.int(0, LAST.length - 1);
    const origin_username = rng.chance(0.9) ? username(customer.company, first, last) : null;
    const label = fixed.label !== undefined ? fixed.label : rng.chance(0.15) ? rng.pick(PLAIN_LABELS) : null;
    const type = rng.chance(0.85) ? 'production' : 'test';
    const { setup_information, secrets } = credentialsFor(rng, connector, customer.company);
    const metadata = rng.chance(0.3) ? { plan: rng.pick(PLANS) } : null;
    // A reason is stamped when the account last changed: when it broke, or was disabled.
    const updated_at = new Date(updatedMs).toISOString();
    accounts.push({
      id,
      provider: connector.provider,
      provider_name: connector.name,
      status,
      status_reasons: reason ? [{ ...reason, timestamp: updated_at }] : null,
      origin_owner_id: customer.id,
      origin_owner_name: customer.name,
      origin_username,
      label,
      type,
      integration_id: connector.integration_id,
      authentication_config_key: connector.authentication_config_key,
      environment: 'production',
      setup_information,
      secrets,
      metadata,
      created_at: new Date(createdMs).toISOString(),
      updated_at,
    });
    subjects.add(id, connector, createdMs, status === 'error' ? updatedMs : NaN, upstreamStatus);
  };

  const byProvider = (p: string) => CONNECTORS.find((c) => c.provider === p)!;
  // Fixed stories: Acme's BambooHR has an expired token and its Greenhouse works; Globex runs two
  // labeled HiBob accounts (multiple mode).
  if (options.accounts >= 4) {
    add(customers[0]!, byProvider('bamboohr'), { status: 'error', reason: 0, label: null });
    add(customers[0]!, byProvider('greenhouse'), { status: 'active', label: null });
    add(customers[1]!, byProvider('hibob'), { status: 'active', label: 'US entity' });
    add(customers[1]!, byProvider('hibob'), { status: 'active', label: 'EU entity' });
  }

  while (accounts.length < options.accounts) {
    const customer = rng.pick(customers);
    const connector = rng.pick(CONNECTORS);
    const multiple = rng.chance(0.06) && accounts.length + 2 <= options.accounts;
    if (multiple) {
      const labels = [...MULTI_LABELS].sort(() => rng.next() - 0.5).slice(0, 2);
      add(customer, connector, { label: labels[0]! });
      add(customer, connector, { label: labels[1]! });
    } else {
      add(customer, connector);
    }
  }

  // The logs draw from `rng` after the accounts, so building them later gives the same logs.
  let logs: RequestLog[] | undefined;
  return { accounts, logs: () => (logs ??= buildLogs(rng, subjects, now)) };
}

/** Logs for every account in a small sandbox; in a large one for a sample, plus every account in error. */
function buildLogs(rng: Rng, subjects: LogSubjects, now: number): RequestLog[] {
  const logs: RequestLog[] = [];
  const count = subjects.ids.length;
  const sample = Math.min(1, 3000 / Math.max(1, count));
  for (let i = 0; i < count; i++) {
    const id = subjects.ids[i]!;
    const connector = subjects.connectors[i]!;
    const brokenAt = subjects.brokenMs[i]!;
    if (!Number.isNaN(brokenAt)) {
      const okCount = rng.int(1, 2);
      for (let j = 0; j < okCount; j++)
        logs.push(makeLog(rng, id, connector, brokenAt - rng.int(1, 72) * 3_600_000, 200));
      const failCount = rng.int(2, 3);
      const status = subjects.upstreamStatus[i]!;
      for (let j = 0; j < failCount; j++)
        logs.push(
          makeLog(rng, id, connector, Math.min(now - 1000, brokenAt + rng.int(0, 48) * 3_600_000), status),
        );
    } else if (rng.next() < sample) {
      const perAccount = rng.int(1, 4);
      for (let j = 0; j < perAccount; j++) {
        const at = now - rng.int(1, 80 * 24) * 3_600_000;
        if (at < subjects.createdMs[i]!) continue;
        logs.push(makeLog(rng, id, connector, at, rng.chance(0.05) ? 429 : 200));
      }
    }
  }
  return logs;
}

const SOURCE_TYPES = ['API', 'API', 'API', 'DASHBOARD', 'SYNTHETIC_WEBHOOK'];

// Parts that are the same in many logs are built once and shared, frozen: no log is changed in place.
const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json' });
const STEP_REQUEST_HEADERS = Object.freeze({ accept: 'application/json', authorization: '[redacted]' });
const STEP_QUERY = Object.freeze({ limit: '25' });
const LOG_QUERY = Object.freeze({ page_size: '25' });
const EMPTY_PAGE = Object.freeze({ data: Object.freeze([]), next: null });

/** `203.0.113.n` by n. */
const SOURCE_IPS = Array.from({ length: 255 }, (_, n) => `203.0.113.${n}`);

const PROVIDER_ERRORS: Record<number, Readonly<{ error: string; message: string }>> = {
  401: Object.freeze({ error: 'invalid_token', message: 'The access token is invalid or has expired' }),
  403: Object.freeze({
    error: 'insufficient_scope',
    message: 'The request requires higher privileges than provided by the access token',
  }),
  429: Object.freeze({ error: 'rate_limited', message: 'Too many requests, slow down' }),
  503: Object.freeze({ error: 'service_unavailable', message: 'The service is temporarily unavailable' }),
};

/** The paths and URLs of each connector resource, by connector and resource index. */
const LOG_ROUTES = new Map(
  CONNECTORS.map((c) => [
    c,
    c.resources.map((resource) => {
      const path = `/unified/${c.category}/${resource}`;
      const providerPath = `/v1/${resource}`;
      return {
        resource,
        path,
        url: `https://api.stackone.com${path}`,
        providerPath,
        providerUrl: `https://${c.api_host}${providerPath}`,
      };
    }),
  ]),
);

function makeLog(
  rng: Rng,
  accountId: string,
  connector: Connector,
  atMs: number,
  status: number,
): RequestLog {
  const route = LOG_ROUTES.get(connector)![rng.int(0, connector.resources.length - 1)]!;
  const { resource, path, url, providerPath, providerUrl } = route;
  const service = connector.category;
  const requestId = [rng.hex(4), rng.hex(2), rng.hex(2), rng.hex(2), rng.hex(6)].join('-');
  const stepId = [requestId, '-1'].join('');
  const duration = status === 503 ? rng.int(5000, 30000) : rng.int(40, 1800);
  const start = new Date(atMs).toISOString();
  const end = new Date(atMs + duration).toISOString();
  const success = status < 400;
  const providerError = PROVIDER_ERRORS[status];
  const answered = status === 503 ? 502 : status;
  const step = {
    request_id: requestId,
    id: stepId,
    start_time: start,
    end_time: end,
    account_id: accountId,
    project_id: PROJECT_ID,
    http_method: 'GET',
    path: providerPath,
    url: providerUrl,
    status,
    duration: Math.max(1, duration - 20),
    success,
    provider: connector.provider,
    service,
    resource,
    child_resource: null,
    sub_resource: null,
    action: 'list',
    is_worker: false,
    source_ip: '10.0.0.12',
    request: {
      id: stepId,
      method: 'GET',
      headers: STEP_REQUEST_HEADERS,
      body: null,
      url: { url: providerUrl, hostname: connector.api_host, path: providerPath, query_params: STEP_QUERY },
    },
    response: { status_code: status, headers: JSON_HEADERS, body: success ? EMPTY_PAGE : providerError },
  };
  return {
    request_id: requestId,
    event_datetime: start,
    start_time: start,
    end_time: end,
    account_id: accountId,
    project_id: PROJECT_ID,
    http_method: 'GET',
    path,
    url,
    status: answered,
    duration,
    success,
    provider: connector.provider,
    service,
    resource,
    child_resource: null,
    sub_resource: null,
    action: 'list',
    is_worker: rng.chance(0.3),
    source_type: rng.pick(SOURCE_TYPES),
    source_value: 'ACCOUNT_TESTER',
    source_id: ['src_', rng.hex(4)].join(''),
    source_ip: SOURCE_IPS[rng.int(1, 254)]!,
    request: {
      id: requestId,
      method: 'GET',
      headers: { accept: 'application/json', 'x-account-id': accountId },
      body: null,
      url: { url, hostname: 'api.stackone.com', path, query_params: LOG_QUERY },
    },
    response: success
      ? { status_code: answered, headers: JSON_HEADERS, body: EMPTY_PAGE }
      : {
          status_code: answered,
          headers: JSON_HEADERS,
          body: { statusCode: answered, message: providerError?.message ?? 'Error' },
          provider_errors: [{ status, url: providerUrl, raw: providerError ?? {}, headers: JSON_HEADERS }],
        },
    step_requests: [step],
  };
}
