import type { AlertMessage } from '../../shared/schemas/alerts.ts';

/** The incident columns a message is made of. */
export interface AlertIncident {
  id: string;
  accountId: string;
  provider: string;
  originOwnerName: string;
  kind: string;
  reasonCode: string | null;
  reasonDescription: string | null;
  openedAt: string;
  resolvedAt: string | null;
}

const TOP_REASONS = 3;

const accountUrl = (publicUrl: string, accountId: string) =>
  `${publicUrl}/accounts/${encodeURIComponent(accountId)}`;

const reasonOf = (i: AlertIncident) => i.reasonDescription ?? i.reasonCode ?? `status ${i.kind}`;

function topReasons(incidents: AlertIncident[]): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const i of incidents) {
    const code = i.reasonCode ?? i.kind;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, TOP_REASONS);
}

/** One incident, or (`grouped`) several of one provider, opened or resolved. */
export function renderAlertMessage(input: {
  id: string;
  kind: 'opened' | 'resolved';
  grouped: boolean;
  incidents: AlertIncident[];
  publicUrl: string;
}): AlertMessage {
  const { id, kind, grouped, incidents, publicUrl } = input;
  const first = incidents[0]!;
  const provider = first.provider;
  const reasons = topReasons(incidents);
  const base = {
    id,
    kind,
    grouped,
    provider,
    count: incidents.length,
    topReasons: reasons,
    incidents: incidents.map((i) => ({
      id: i.id,
      accountId: i.accountId,
      customer: i.originOwnerName,
      provider: i.provider,
      kind: i.kind,
      reasonCode: i.reasonCode,
      reasonDescription: i.reasonDescription,
      openedAt: i.openedAt,
      resolvedAt: i.resolvedAt,
      url: accountUrl(publicUrl, i.accountId),
    })),
  };
  if (grouped) {
    const url = `${publicUrl}/incidents?provider=${encodeURIComponent(provider)}`;
    const reasonText = reasons.map((r) => `${r.code} (${r.count})`).join(', ');
    return kind === 'opened'
      ? {
          ...base,
          url,
          title: `${incidents.length} ${provider} accounts broke`,
          text: `${incidents.length} ${provider} accounts broke within minutes, a possible ${provider} outage. Top reasons: ${reasonText}.`,
        }
      : {
          ...base,
          url,
          title: `[Resolved] ${incidents.length} ${provider} accounts recovered`,
          text: `${incidents.length} ${provider} accounts are active again.`,
        };
  }
  const url = accountUrl(publicUrl, first.accountId);
  return kind === 'opened'
    ? {
        ...base,
        url,
        title: `${first.originOwnerName}'s ${provider} account is ${first.kind === 'inactive' ? 'inactive' : 'broken'}`,
        text: `${first.originOwnerName}'s ${provider} account ${first.accountId} is in ${first.kind}: ${reasonOf(first)}.`,
      }
    : {
        ...base,
        url,
        title: `[Resolved] ${first.originOwnerName}'s ${provider} account recovered`,
        text: `${first.originOwnerName}'s ${provider} account ${first.accountId} is active again.`,
      };
}

/** What "Send test alert" sends. */
export function renderTestMessage(input: {
  id: string;
  destinationName: string;
  publicUrl: string;
}): AlertMessage {
  return {
    id: input.id,
    kind: 'test',
    grouped: false,
    provider: null,
    count: 0,
    title: 'Test alert from Switchboard',
    text: `A test alert for the destination "${input.destinationName}". Alerts about broken accounts will look like this.`,
    url: `${input.publicUrl}/settings/alerts`,
    topReasons: [],
    incidents: [],
  };
}
