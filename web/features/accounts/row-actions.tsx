import { MoreHorizontalIcon } from 'lucide-react';
import { Fragment, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Account } from '../../../shared/schemas/account.ts';
import { Button } from '../../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu.tsx';
import { usePermissions } from '../../lib/use-me.ts';
import { availableAccountActions } from './account-actions.ts';
import { useAccountActions } from './use-account-actions.tsx';

type OpenedWith = 'pointer' | 'keyboard';

const BUTTON_CLASS = 'size-7 data-[state=open]:bg-accent';
const actionsLabel = (account: Account) =>
  `Actions for ${account.originOwnerName} ${account.providerName ?? account.provider}`;

/**
 * The "…" menu of one table row, listing the account actions this user may run. Until first opened it
 * is a plain button that looks and reads like the menu's trigger: a page of 100 rows then renders
 * 100 buttons, not 100 menus (each with its own state, listeners and popper). The first press mounts
 * the real menu, already open, the way the trigger would have opened it (pointer down, or Enter,
 * Space or ArrowDown); from then on the row keeps it.
 */
export function RowActions({ account }: { account: Account }) {
  const can = usePermissions();
  const [openedWith, setOpenedWith] = useState<OpenedWith | null>(null);
  if (openedWith) return <RowActionsMenu account={account} openedWith={openedWith} />;
  if (availableAccountActions(account, 'row', can).length === 0) return null;

  // The same gestures, and the same default prevented, as Radix's DropdownMenuTrigger.
  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0 || event.ctrlKey) return;
    event.preventDefault();
    setOpenedWith('pointer');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    setOpenedWith('keyboard');
  };
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      className={BUTTON_CLASS}
      aria-label={actionsLabel(account)}
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    >
      <MoreHorizontalIcon aria-hidden />
    </Button>
  );
}

/** The real menu, mounted open on the row's first press. */
function RowActionsMenu({ account, openedWith }: { account: Account; openedWith: OpenedWith }) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  // Radix moves focus to the first item only for a menu it saw opened from the keyboard; this one
  // mounted after the key press, so its first opening does that itself.
  const focusFirstItem = useRef(openedWith === 'keyboard');
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
      <DropdownMenu defaultOpen>
        <DropdownMenuTrigger asChild>
          <Button
            ref={triggerRef}
            variant="ghost"
            size="icon-sm"
            className={BUTTON_CLASS}
            aria-label={actionsLabel(account)}
          >
            <MoreHorizontalIcon aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align="end"
          className="w-48"
          onFocus={(event) => {
            // Radix focuses the menu itself on opening; on a keyboard opening, pass that on to the first item.
            if (!focusFirstItem.current || event.target !== event.currentTarget) return;
            focusFirstItem.current = false;
            event.currentTarget
              .querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')
              ?.focus({ preventScroll: true });
          }}
        >
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
