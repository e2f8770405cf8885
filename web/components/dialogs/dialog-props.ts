import type { Account } from '../../../shared/schemas/account.ts';

/** A dialog its opener controls: shown while `open`, and asking to close through `onOpenChange(false)`. */
export interface ControlledDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The dialog of an action on one account (the table row menu, the account page's action bar). */
export interface AccountDialogProps extends ControlledDialogProps {
  account: Account;
}
