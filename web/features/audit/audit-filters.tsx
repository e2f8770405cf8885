import { XIcon } from 'lucide-react';
import { useId } from 'react';
import { AUDIT_ACTIONS } from '../../../shared/schemas/audit.ts';
import { Button } from '../../components/ui/button.tsx';
import { Input } from '../../components/ui/input.tsx';
import { Label } from '../../components/ui/label.tsx';
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from '../../components/ui/select.tsx';
import { auditActionLabel } from './audit-actions.ts';
import { hasAuditFilters, resetAuditFilters, setAuditFilter, type AuditSearch } from './audit-search.ts';
import { isoToLocalDate, localDateToIso } from './date-bounds.ts';
import { TextFilter } from './text-filter.tsx';

const ALL = 'all';

export interface AuditFiltersProps {
  search: AuditSearch;
  onSearchChange: (next: AuditSearch) => void;
}

export function AuditFilters({ search, onSearchChange }: AuditFiltersProps) {
  const id = useId();
  return (
    <div role="group" aria-label="Filter audit log" className="flex flex-wrap items-end gap-3">
      <TextFilter
        label="Actor"
        placeholder="Email"
        className="w-56"
        value={search.actor ?? ''}
        onChange={(v) => onSearchChange(setAuditFilter(search, 'actor', v))}
      />
      <div>
        <Label id={`${id}-action`} className="mb-1.5 text-xs text-muted-foreground">
          Action
        </Label>
        <Select
          value={search.action ?? ALL}
          onValueChange={(v) => onSearchChange(setAuditFilter(search, 'action', v === ALL ? '' : v))}
        >
          <SelectTrigger size="sm" className="w-60" aria-labelledby={`${id}-action`}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All actions</SelectItem>
            {AUDIT_ACTIONS.map((action) => (
              <SelectItem key={action} value={action}>
                {auditActionLabel(action)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <TextFilter
        label="Account ID"
        className="w-56"
        value={search.accountId ?? ''}
        onChange={(v) => onSearchChange(setAuditFilter(search, 'accountId', v))}
      />
      <div>
        <Label htmlFor={`${id}-from`} className="mb-1.5 text-xs text-muted-foreground">
          From
        </Label>
        <Input
          id={`${id}-from`}
          type="date"
          className="h-8 w-40"
          value={isoToLocalDate(search.from)}
          onChange={(e) =>
            onSearchChange(setAuditFilter(search, 'from', localDateToIso(e.target.value, 'start') ?? ''))
          }
        />
      </div>
      <div>
        <Label htmlFor={`${id}-to`} className="mb-1.5 text-xs text-muted-foreground">
          To
        </Label>
        <Input
          id={`${id}-to`}
          type="date"
          className="h-8 w-40"
          value={isoToLocalDate(search.to)}
          onChange={(e) =>
            onSearchChange(setAuditFilter(search, 'to', localDateToIso(e.target.value, 'end') ?? ''))
          }
        />
      </div>
      {hasAuditFilters(search) && (
        <Button
          variant="ghost"
          size="sm"
          className="h-8 px-2"
          onClick={() => onSearchChange(resetAuditFilters(search))}
        >
          Reset
          <XIcon aria-hidden />
        </Button>
      )}
    </div>
  );
}
