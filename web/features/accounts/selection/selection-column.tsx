import { createColumnHelper } from '@tanstack/react-table';
import type { Account } from '../../../../shared/schemas/account.ts';
import { Checkbox } from '../../../components/ui/checkbox.tsx';
import type { AccountSelection } from './use-account-selection.ts';

const column = createColumnHelper<Account>();

/** The checkbox column: the header picks the page, a row its account (shift-click: a range). */
export function selectionColumn(selection: AccountSelection) {
  return column.display({
    id: 'select',
    enableHiding: false,
    header: ({ table }) => {
      const rows = table.getRowModel().rows.map((r) => r.original);
      const picked = rows.filter((r) => selection.isSelected(r.id)).length;
      return (
        <Checkbox
          aria-label="Select all accounts on this page"
          checked={rows.length > 0 && picked === rows.length ? true : picked > 0 ? 'indeterminate' : false}
          onCheckedChange={(checked) => selection.setPage(rows, checked === true)}
        />
      );
    },
    cell: ({ row, table }) => (
      <Checkbox
        aria-label={`Select ${row.original.originOwnerName} ${row.original.providerName ?? row.original.provider}${row.original.label ? ` ${row.original.label}` : ''}`}
        checked={selection.isSelected(row.original.id)}
        // The click carries shiftKey; the checked value is the selection's, not the checkbox's own.
        onClick={(e) => {
          e.preventDefault();
          selection.toggle(
            table.getRowModel().rows.map((r) => r.original),
            row.index,
            e.shiftKey,
          );
        }}
        onKeyDown={(e) => {
          if (e.key !== ' ') return;
          e.preventDefault();
          selection.toggle(
            table.getRowModel().rows.map((r) => r.original),
            row.index,
            e.shiftKey,
          );
        }}
      />
    ),
  });
}
