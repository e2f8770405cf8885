import { CONNECTORS, isSecretField, type Connector } from '../catalog/connectors.ts';
import {
  PROJECT_ID,
  type AccountStatus,
  type RequestLog,
  type SandboxAccount,
  type StatusReason,
} from '../model.ts';
import { createRng, type Rng } from '../rng.ts';

export interface SeedOptions {
  seed: number;
  accounts: number;
  /** Anchor for generated dates; defaults to the start of the current UTC day so a seed is stable within a day. */
  now?: Date;
}

export interface SeedData {
  accounts: SandboxAccount[];
  logs: RequestLog[];
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

const ERROR_REASONS: readonly { code: string; description: (c: Connector) => string }[] = [
  {
    code: 'token_expired',
    description: (c) => `The ${c.name} access token expired and could not be refreshed.`,
  },
  { code: 'access_revoked', description: (c) => `Access was revoked in ${c.name} (invalid_grant).` },
  {
    code: 'insufficient_scopes',
    description: (c) => `The ${c.name} credentials lack the scopes needed to read employees.`,
  },
  { code: 'invalid_credentials', description: (c) => `${c.name} rejected the API key (401 Unauthorized).` },
  {
    code: 'provider_unreachable',
    description: (c) => `${c.name} did not answer for 3 consecutive checks (503).`,
  },
];

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

interface Customer {
  id: string;
  name: string;
  domain: string;
}

function makeCustomers(rng: Rng, count: number): Customer[] {
  const customers: Customer[] = [];
  const seen = new Set<string>();
  // The first customers are fixed so that docs and tests can name them (e.g. "acme").
  for (let i = 0; customers.length < count; i++) {
    const head = i < NAME_HEADS.length ? NAME_HEADS[i]! : rng.pick(NAME_HEADS);
    const tail =
      i < NAME_HEADS.length ? (i === 0 ? ' Corporation' : rng.pick(NAME_TAILS)) : rng.pick(NAME_TAILS);
    let name = `${head}${tail}`;
    if (seen.has(name)) name = `${name} ${Math.floor(i / NAME_HEADS.length) + 1}`;
    seen.add(name);
    customers.push({
      id: `cust_${String(customers.length + 1).padStart(5, '0')}`,
      name,
      domain: `${slug(head)}.com`,
    });
  }
  return customers;
}

function fieldValue(rng: Rng, connector: Connector, key: string, customer: Customer): string {
  const stem = customer.domain.replace(/\.com$/, '');
  switch (key) {
    case 'subdomain':
      return stem;
    case 'domain':
      return `${stem}.okta.com`;
    case 'region':
      return rng.pick(['us', 'eu']);
    case 'tenant':
      return `${stem.replace(/-/g, '_')}_prod`;
    case 'on_behalf_of':
      return String(rng.int(10000, 99999));
    case 'email':
    case 'username':
      return `integrations@${customer.domain}`;
    default:
      return `${connector.provider}_${rng.hex(12)}`;
  }
}

function credentialsFor(rng: Rng, connector: Connector, customer: Customer) {
  const setup_information: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of connector.fields) {
    const value = fieldValue(rng, connector, field.key, customer);
    if (isSecretField(field)) secrets[field.key] = value;
    else setup_information[field.key] = value;
  }
  if (connector.auth === 'oauth2') secrets.access_token = `ya29.${rng.hex(16)}`;
  return { setup_information, secrets };
}

function accountId(rng: Rng): string {
  // 20-digit ids, as StackOne's own docs show.
  return `${rng.int(1, 9)}${rng.hex(8).replace(/[a-f]/g, (ch) => String(ch.charCodeAt(0) % 10))}${String(rng.int(0, 99999999)).padStart(8, '0')}`
    .slice(0, 20)
    .padEnd(20, '0');
}

function pickStatus(rng: Rng): AccountStatus {
  const r = rng.next();
  // About three quarters active, a sixth in error, the rest inactive.
  return r < 0.75 ? 'active' : r < 0.75 + 1 / 6 ? 'error' : 'inactive';
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

  const add = (
    customer: Customer,
    connector: Connector,
    opts: { status?: AccountStatus; label?: string | null; reason?: number } = {},
  ) => {
    let id = accountId(rng);
    while (ids.has(id)) id = accountId(rng);
    ids.add(id);
    const createdMs = now - rng.int(1, span);
    let updatedMs = Math.min(now - 60_000, createdMs + rng.int(0, now - createdMs));
    const status = opts.status ?? pickStatus(rng);
    let status_reasons: StatusReason[] | null = null;
    if (status === 'error') {
      const reason = opts.reason !== undefined ? ERROR_REASONS[opts.reason]! : rng.pick(ERROR_REASONS);
      const brokenMs = Math.max(createdMs + 60_000, now - rng.int(1, 21 * 24) * 3_600_000);
      updatedMs = brokenMs;
      status_reasons = [
        {
          code: reason.code,
          description: reason.description(connector),
          timestamp: new Date(brokenMs).toISOString(),
        },
      ];
    } else if (status === 'inactive') {
      status_reasons = rng.chance(0.5)
        ? [
            {
              code: 'disabled_by_user',
              description: 'The account was disabled from the dashboard.',
              timestamp: new Date(updatedMs).toISOString(),
            },
          ]
        : null;
    }
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const account: SandboxAccount = {
      id,
      provider: connector.provider,
      provider_name: connector.name,
      status,
      status_reasons,
      origin_owner_id: customer.id,
      origin_owner_name: customer.name,
      origin_username: rng.chance(0.9) ? `${first}.${last}@${customer.domain}` : null,
      label:
        opts.label !== undefined
          ? opts.label
          : rng.chance(0.15)
            ? rng.pick(['Primary', 'Main', 'HQ', 'Production'])
            : null,
      type: rng.chance(0.85) ? 'production' : 'test',
      integration_id: connector.integration_id,
      authentication_config_key: connector.authentication_config_key,
      environment: 'production',
      ...credentialsFor(rng, connector, customer),
      metadata: rng.chance(0.3) ? { plan: rng.pick(['starter', 'growth', 'enterprise']) } : null,
      created_at: new Date(createdMs).toISOString(),
      updated_at: new Date(updatedMs).toISOString(),
    };
    accounts.push(account);
    return account;
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

  return { accounts, logs: buildLogs(rng, accounts, now) };
}

/** Logs for every account in a small sandbox; in a large one for a sample, plus every account in error. */
function buildLogs(rng: Rng, accounts: SandboxAccount[], now: number): RequestLog[] {
  const logs: RequestLog[] = [];
  const sample = Math.min(1, 3000 / Math.max(1, accounts.length));
  for (const account of accounts) {
    const connector = CONNECTORS.find((c) => c.provider === account.provider)!;
    if (account.status === 'error') {
      const brokenAt = Date.parse(account.status_reasons?.[0]?.timestamp ?? new Date(now).toISOString());
      const okCount = rng.int(1, 2);
      for (let i = 0; i < okCount; i++)
        logs.push(makeLog(rng, account, connector, brokenAt - rng.int(1, 72) * 3_600_000, 200));
      const failCount = rng.int(2, 3);
      const status =
        account.status_reasons?.[0]?.code === 'insufficient_scopes'
          ? 403
          : account.status_reasons?.[0]?.code === 'provider_unreachable'
            ? 503
            : 401;
      for (let i = 0; i < failCount; i++)
        logs.push(
          makeLog(
            rng,
            account,
            connector,
            Math.min(now - 1000, brokenAt + rng.int(0, 48) * 3_600_000),
            status,
          ),
        );
    } else if (rng.next() < sample) {
      const count = rng.int(1, 4);
      for (let i = 0; i < count; i++) {
        const at = now - rng.int(1, 80 * 24) * 3_600_000;
        if (at < Date.parse(account.created_at)) continue;
        logs.push(makeLog(rng, account, connector, at, rng.chance(0.05) ? 429 : 200));
      }
    }
  }
  return logs;
}

const PROVIDER_ERRORS: Record<number, { error: string; message: string }> = {
  401: { error: 'invalid_token', message: 'The access token is invalid or has expired' },
  403: {
    error: 'insufficient_scope',
    message: 'The request requires higher privileges than provided by the access token',
  },
  429: { error: 'rate_limited', message: 'Too many requests, slow down' },
  503: { error: 'service_unavailable', message: 'The service is temporarily unavailable' },
};

function makeLog(
  rng: Rng,
  account: SandboxAccount,
  connector: Connector,
  atMs: number,
  status: number,
): RequestLog {
  const resource = rng.pick(connector.resources);
  const service = connector.category;
  const requestId = `${rng.hex(4)}-${rng.hex(2)}-${rng.hex(2)}-${rng.hex(2)}-${rng.hex(6)}`;
  const duration = status === 503 ? rng.int(5000, 30000) : rng.int(40, 1800);
  const start = new Date(atMs);
  const end = new Date(atMs + duration);
  const path = `/unified/${service}/${resource}`;
  const url = `https://api.stackone.com${path}`;
  const providerUrl = `https://${connector.api_host}/v1/${resource}`;
  const success = status < 400;
  const providerError = PROVIDER_ERRORS[status];
  const stepBody = success ? { data: [], next: null } : providerError;
  const step = {
    request_id: requestId,
    id: `${requestId}-1`,
    start_time: start.toISOString(),
    end_time: end.toISOString(),
    account_id: account.id,
    project_id: PROJECT_ID,
    http_method: 'GET',
    path: `/v1/${resource}`,
    url: providerUrl,
    status,
    duration: Math.max(1, duration - 20),
    success,
    provider: account.provider,
    service,
    resource,
    child_resource: null,
    sub_resource: null,
    action: 'list',
    is_worker: false,
    source_ip: '10.0.0.12',
    request: {
      id: `${requestId}-1`,
      method: 'GET',
      headers: { accept: 'application/json', authorization: '[redacted]' },
      body: null,
      url: {
        url: providerUrl,
        hostname: connector.api_host,
        path: `/v1/${resource}`,
        query_params: { limit: '25' },
      },
    },
    response: { status_code: status, headers: { 'content-type': 'application/json' }, body: stepBody },
  };
  return {
    request_id: requestId,
    event_datetime: start.toISOString(),
    start_time: start.toISOString(),
    end_time: end.toISOString(),
    account_id: account.id,
    project_id: PROJECT_ID,
    http_method: 'GET',
    path,
    url,
    status: status === 503 ? 502 : status,
    duration,
    success,
    provider: account.provider,
    service,
    resource,
    child_resource: null,
    sub_resource: null,
    action: 'list',
    is_worker: rng.chance(0.3),
    source_type: rng.pick(['API', 'API', 'API', 'DASHBOARD', 'SYNTHETIC_WEBHOOK']),
    source_value: 'ACCOUNT_TESTER',
    source_id: `src_${rng.hex(4)}`,
    source_ip: `203.0.113.${rng.int(1, 254)}`,
    request: {
      id: requestId,
      method: 'GET',
      headers: { accept: 'application/json', 'x-account-id': account.id },
      body: null,
      url: { url, hostname: 'api.stackone.com', path, query_params: { page_size: '25' } },
    },
    response: {
      status_code: status === 503 ? 502 : status,
      headers: { 'content-type': 'application/json' },
      body: success
        ? { data: [], next: null }
        : { statusCode: status === 503 ? 502 : status, message: providerError?.message ?? 'Error' },
      ...(success
        ? {}
        : {
            provider_errors: [
              {
                status,
                url: providerUrl,
                raw: { ...providerError },
                headers: { 'content-type': 'application/json' },
              },
            ],
          }),
    },
    step_requests: [step],
  };
}
