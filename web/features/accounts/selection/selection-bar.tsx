import { SendIcon } from 'lucide-react';
import { useState } from 'react';
import { formatNumber } from '../../../../shared/format.ts';
import { useCan } from '../../../lib/use-me.ts';
import { Button } from '../../../components/ui/button.tsx';
import type { AccountsSearch } from '../accounts-search.ts';
import { BulkRelinkDialog } from './bulk-relink-dialog.tsx';
import type { AccountSelection } from './use-account-selection.ts';

export interface SelectionBarProps {
  selection: AccountSelection;
  search: AccountsSearch;
  /** Accounts matching the filter, and on this page. */
  total: number;
  pageCount: number;
}

/** What is selected, "select all N matching", and the bulk actions; shown while anything is selected. */
export function SelectionBar({ selection, search, total, pageCount }: SelectionBarProps) {
  const [open, setOpen] = useState(false);
  const canRelink = useCan('accounts:relink');
  const count = selection.allMatching ? total : selection.ids.size;
  // A dialog opened stays mounted after "Done" clears nothing: the job's target is fixed when opened.
  const [target, setTarget] = useState<Parameters<typeof BulkRelinkDialog>[0]['target'] | null>(null);
  if (count === 0 && !open) return null;
  const { q, status, provider, type, reason, ownerId } = search;

  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm"
      role="region"
      aria-label="Selection"
    >
      <span>
        {selection.allMatching
          ? `All ${formatNumber(total)} matching accounts selected`
          : `${formatNumber(count)} selected`}
      </span>
      {!selection.allMatching && count >= pageCount && total > count && (
        <Button variant="link" size="sm" className="h-auto p-0" onClick={selection.selectAllMatching}>
          Select all {formatNumber(total)} matching this filter
        </Button>
      )}
      <Button variant="ghost" size="sm" onClick={selection.clear}>
        Clear selection
      </Button>
      {canRelink && (
        <Button
          size="sm"
          className="ml-auto"
          onClick={() => {
            setTarget(
              selection.allMatching
                ? { filter: { q, status, provider, type, reason, ownerId } }
                : { accountIds: [...selection.ids] },
            );
            setOpen(true);
          }}
        >
          <SendIcon aria-hidden />
          Send re-link links
        </Button>
      )}
      {target && (
        <BulkRelinkDialog
          key={JSON.stringify(target)}
          open={open}
          onOpenChange={setOpen}
          target={target}
          count={'filter' in target ? total : target.accountIds.length}
        />
      )}
    </div>
  );
}
