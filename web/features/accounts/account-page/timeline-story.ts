import type { Account } from '../../../../shared/schemas/account.ts';
import type { TimelineEntry } from '../../../../shared/schemas/account-detail.ts';
import { auditActionLabel } from '../../audit/audit-actions.ts';

/** One line of the account's story: several raw entries may fold into one. */
export interface StoryItem {
  at: string;
  kind: 'webhook' | 'audit' | 'baseline';
  title: string;
  /** e.g. "active → error (token_expired)" */
  change: string | null;
  /** A second line, e.g. "The Hub was opened 3 times" or the reasons of a baseline. */
  note: string | null;
  actor: string | null;
  /** Shown as a badge only when it is not the ordinary outcome. */
  outcome: string | null;
  /** What the item was made of, oldest first, for "Details". */
  entries: TimelineEntry[];
}

const WEBHOOK_LABELS: Record<string, string> = {
  'account.created': 'Account linked',
  'account.updated': 'Account updated at StackOne',
  'account.deleted': 'Account deleted at StackOne',
};

const ORDINARY_OUTCOMES = new Set(['success', 'applied']);

/** A Hub opening and an account change this long after it are one story. */
const HUB_RESULT_WINDOW_MS = 60 * 60 * 1000;

interface Status {
  status: string;
  reasonCodes: string[];
}

const statusText = ({ status, reasonCodes }: Status) =>
  reasonCodes.length > 0 && status !== 'active' ? `${status} (${reasonCodes.join(', ')})` : status;

const changeText = (from: Status | null, to: Status) =>
  from ? `${statusText(from)} → ${statusText(to)}` : `now ${statusText(to)}`;

const stringArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The status an audit entry recorded the account in when the user acted (see accountStatusSnapshot). */
const auditStatus = (entry: TimelineEntry): Status | null =>
  typeof entry.detail.status === 'string'
    ? { status: entry.detail.status, reasonCodes: stringArray(entry.detail.reasonCodes) }
    : null;

const byTime = (a: TimelineEntry, b: TimelineEntry) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

const ms = (iso: string) => new Date(iso).getTime();

const timesText = (n: number) => (n === 2 ? 'twice' : `${n} times`);

/**
 * The timeline as a story, newest first: readable labels instead of codes, Hub openings folded into
 * what they achieved, status changes as "from → to", a customer's re-link named as such, and an
 * account that was already broken before any event starting with its reasons.
 */
export function timelineStory(
  entries: readonly TimelineEntry[],
  account: Pick<Account, 'status' | 'statusReasons' | 'createdAt'>,
): StoryItem[] {
  const items: StoryItem[] = [];
  const sorted = [...entries].sort(byTime);
  const current: Status = {
    status: account.status,
    reasonCodes: account.statusReasons.flatMap((r) => (r.code ? [r.code] : [])),
  };
  // The last status-bearing webhook for the current status is the one that knows today's reasons.
  const lastChangeToCurrent = sorted.findLast(
    (e) => e.kind === 'webhook' && e.detail.status === account.status,
  );

  let known: Status | null = null;
  let hub: TimelineEntry[] = [];
  let link: TimelineEntry | null = null;

  const push = (item: Omit<StoryItem, 'outcome'> & { outcome?: string | null }) =>
    items.push({ ...item, outcome: item.outcome ?? null });

  const flushAbandonedHub = () => {
    if (hub.length === 0) return;
    push({
      at: hub.at(-1)!.at,
      kind: 'audit',
      title: 'Hub opened to fix credentials, closed without a change',
      change: null,
      note: hub.length > 1 ? `Opened ${timesText(hub.length)}` : null,
      actor: hub.at(-1)!.actor,
      entries: hub,
    });
    hub = [];
  };

  for (const entry of sorted) {
    if (entry.kind === 'audit') {
      const seen = auditStatus(entry);
      if (seen) known = seen;
      const failed = !ORDINARY_OUTCOMES.has(entry.outcome ?? 'success');
      if (entry.action === 'account.connect_session_created' && !failed) {
        hub.push(entry);
        continue;
      }
      if (entry.action === 'account.auth_link_created' && !failed) link = entry;
      flushAbandonedHub();
      push({
        at: entry.at,
        kind: 'audit',
        title: auditActionLabel(entry.action),
        change: null,
        note: null,
        actor: entry.actor,
        outcome: failed ? entry.outcome : null,
        entries: [entry],
      });
      continue;
    }

    const status = typeof entry.detail.status === 'string' ? entry.detail.status : null;
    const outcome = ORDINARY_OUTCOMES.has(entry.outcome ?? 'applied') ? null : entry.outcome;
    if (!status) {
      flushAbandonedHub();
      push({
        at: entry.at,
        kind: 'webhook',
        title: WEBHOOK_LABELS[entry.action] ?? entry.action,
        change: null,
        note: null,
        actor: entry.actor,
        outcome,
        entries: [entry],
      });
      continue;
    }
    // Webhooks carry no reasons: only the change that led to today's status can name them.
    const next: Status = entry === lastChangeToCurrent ? current : { status, reasonCodes: [] };
    const changed = known === null || known.status !== next.status;
    const change = changed ? changeText(known, next) : null;

    const lastHub = hub.at(-1);
    if (lastHub && status === 'active' && ms(entry.at) - ms(lastHub.at) <= HUB_RESULT_WINDOW_MS) {
      push({
        at: entry.at,
        kind: 'audit',
        title: 'Credentials fixed in the Hub',
        change,
        note: hub.length > 1 ? `The Hub was opened ${timesText(hub.length)}` : null,
        actor: lastHub.actor,
        outcome,
        entries: [...hub, entry],
      });
      hub = [];
    } else if (link && status === 'active' && changed) {
      flushAbandonedHub();
      push({
        at: entry.at,
        kind: 'webhook',
        title: 'Re-linked by the customer',
        change,
        note: `Through the re-link link ${link.actor ? `${link.actor} created` : 'created'} earlier`,
        actor: null,
        outcome,
        entries: [link, entry],
      });
      link = null;
    } else {
      flushAbandonedHub();
      push({
        at: entry.at,
        kind: 'webhook',
        title:
          entry.action === 'account.updated' && changed
            ? 'Status changed'
            : (WEBHOOK_LABELS[entry.action] ?? entry.action),
        change,
        note: null,
        actor: entry.actor,
        outcome,
        entries: [entry],
      });
    }
    known = next;
  }
  flushAbandonedHub();

  // Broken before anything was recorded: the story starts with why.
  const firstStatus = sorted.find((e) => auditStatus(e) ?? (e.kind === 'webhook' && e.detail.status));
  const brokenFromStart =
    firstStatus === undefined
      ? account.status !== 'active'
      : (auditStatus(firstStatus)?.status ?? firstStatus.detail.status) !== 'active';
  if (brokenFromStart && (firstStatus === undefined || firstStatus.kind === 'audit')) {
    const baseline = firstStatus ? auditStatus(firstStatus)! : current;
    const reasons =
      firstStatus === undefined
        ? account.statusReasons.map((r) => [r.code, r.description].filter(Boolean).join(': '))
        : baseline.reasonCodes;
    const earliest = [account.createdAt, ...account.statusReasons.map((r) => r.timestamp)].sort()[0]!;
    items.unshift({
      at: earliest,
      kind: 'baseline',
      title: `Already ${baseline.status} before any event was recorded`,
      change: statusText(baseline),
      note: reasons.length > 0 ? reasons.join(' · ') : 'StackOne gave no reason.',
      actor: null,
      outcome: null,
      entries: [],
    });
  }
  return items.reverse();
}
