import { MoreHorizontalIcon } from 'lucide-react';
import { Fragment, useRef } from 'react';
import type { Account } from '../../../shared/schemas/account.ts';
import { Button } from '../../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu.tsx';
import { useAccountActions } from './use-account-actions.tsx';

/** The "…" menu of one table row, listing the account actions this user may run. */
export function RowActions({ account }: { account: Account }) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const {
    actions: available,
    run,
    dialog,
  } = useAccountActions(account, 'row', {
    // The menu item that opened the dialog is gone; give focus back to the row's menu button.
    onDialogClosed: () => requestAnimationFrame(() => triggerRef.current?.focus()),
  });
  if (available.length === 0) return null;
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            ref={triggerRef}
            variant="ghost"
            size="icon-sm"
            className="size-7 data-[state=open]:bg-accent"
            aria-label={`Actions for ${account.originOwnerName} ${account.providerName ?? account.provider}`}
          >
            <MoreHorizontalIcon aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-48">
          {available.map((action, i) => (
            <Fragment key={action.id}>
              {action.variant === 'destructive' && i > 0 && <DropdownMenuSeparator />}
              <DropdownMenuItem variant={action.variant} onSelect={() => run(action)}>
                <action.icon aria-hidden />
                {action.label}
              </DropdownMenuItem>
            </Fragment>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      {dialog}
    </>
  );
}
