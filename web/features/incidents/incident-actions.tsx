import { BellOffIcon, BellRingIcon, UserCheckIcon, UserXIcon } from 'lucide-react';
import type { Incident } from '../../../shared/schemas/incident.ts';
import { Button } from '../../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu.tsx';
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from '../../components/ui/select.tsx';
import { useCan, useMe } from '../../lib/use-me.ts';
import { isMuted, SETTABLE_STATES, stateLabel } from './incident-labels.ts';
import { useIncidentUpdate } from './use-incident-update.ts';

const MUTE_FOR = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '4 hours', ms: 4 * 3_600_000 },
  { label: '1 day', ms: 24 * 3_600_000 },
  { label: '1 week', ms: 7 * 24 * 3_600_000 },
];

/**
 * Working an incident: take it (Assign to me / Unassign), set its state, mute it for a while. The
 * same controls in the queue's rows, its side panel and the account page. Hidden without
 * `incidents:act`; nothing to do on a resolved one.
 */
export function IncidentActions({ incident, size = 'sm' }: { incident: Incident; size?: 'sm' | 'default' }) {
  const canAct = useCan('incidents:act');
  const me = useMe();
  const update = useIncidentUpdate(incident);
  if (!canAct || incident.state === 'resolved') return null;
  const mine = me && incident.assignee?.id === me.user.id;
  const muted = isMuted(incident.mutedUntil);
  const who = `${incident.originOwnerName}'s incident`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {mine ? (
        <Button
          variant="outline"
          size={size}
          disabled={update.isPending}
          onClick={() => update.mutate({ assigneeId: null })}
        >
          <UserXIcon aria-hidden />
          Unassign
        </Button>
      ) : (
        <Button
          variant="outline"
          size={size}
          disabled={update.isPending || !me}
          onClick={() =>
            me &&
            update.mutate({
              assigneeId: me.user.id,
              ...(incident.state === 'open' ? { state: 'acknowledged' } : {}),
            })
          }
        >
          <UserCheckIcon aria-hidden />
          Assign to me
        </Button>
      )}
      <Select
        value={incident.state}
        disabled={update.isPending}
        onValueChange={(state) => update.mutate({ state: state as (typeof SETTABLE_STATES)[number] })}
      >
        <SelectTrigger size="sm" aria-label={`State of ${who}`} className="h-8 w-48">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {SETTABLE_STATES.map((s) => (
            <SelectItem key={s} value={s}>
              {stateLabel(s)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {muted ? (
        <Button
          variant="ghost"
          size={size}
          disabled={update.isPending}
          onClick={() => update.mutate({ mutedUntil: null })}
        >
          <BellRingIcon aria-hidden />
          Unmute
        </Button>
      ) : (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size={size} disabled={update.isPending}>
              <BellOffIcon aria-hidden />
              Mute
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {MUTE_FOR.map((m) => (
              <DropdownMenuItem
                key={m.label}
                onSelect={() => update.mutate({ mutedUntil: new Date(Date.now() + m.ms).toISOString() })}
              >
                For {m.label}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      )}
    </div>
  );
}
