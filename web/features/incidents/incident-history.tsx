import type { StatusHistoryEntry } from '../../../shared/schemas/incident.ts';
import { formatDateTime } from '../../../shared/format.ts';

const SOURCE_LABELS: Record<string, string> = {
  sync: 'sync',
  webhook: 'webhook',
  detail: 'live read',
  mutation: 'console change',
  baseline: 'first sync',
};

/** The account's status changes while the incident was unresolved, oldest first. */
export function IncidentHistory({ history }: { history: StatusHistoryEntry[] }) {
  return (
    <section aria-labelledby="incident-history-title" className="grid gap-3">
      <h3 id="incident-history-title" className="text-sm font-semibold">
        Status history
      </h3>
      {history.length === 0 ? (
        <p className="text-sm text-muted-foreground">No status change recorded.</p>
      ) : (
        <ol className="grid gap-2 text-sm">
          {history.map((h) => {
            const reason = h.statusReasons[0];
            return (
              <li key={h.id} className="grid gap-0.5 border-l-2 pl-3">
                <span>
                  {h.fromStatus ? `${h.fromStatus} → ${h.toStatus}` : h.toStatus}
                  <span className="text-muted-foreground"> · {SOURCE_LABELS[h.source] ?? h.source}</span>
                </span>
                {reason && (
                  <span className="text-xs text-muted-foreground">
                    {[reason.code, reason.description].filter(Boolean).join(': ')}
                  </span>
                )}
                <time dateTime={h.observedAt} className="text-xs text-muted-foreground">
                  {formatDateTime(h.observedAt)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
