import { createColumnHelper } from '@tanstack/react-table';
import type { Account } from '../../../shared/schemas/account.ts';
import { reasonLabel } from '../../../shared/reason-label.ts';

const column = createColumnHelper<Account>();

/** The first status-reason code, readable, with the code itself on hover. */
export const reasonColumn = column.accessor((account) => account.statusReasons[0]?.code ?? null, {
  id: 'reason',
  header: 'Reason',
  meta: { title: 'Reason', cellClassName: 'max-w-48 truncate' },
  enableSorting: false,
  cell: ({ getValue }) => {
    const code = getValue();
    return code ? (
      <span title={code}>{reasonLabel(code)}</span>
    ) : (
      <span className="text-muted-foreground">—</span>
    );
  },
});
