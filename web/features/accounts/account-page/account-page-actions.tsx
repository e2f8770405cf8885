import type { Account } from '../../../../shared/schemas/account.ts';
import { Button } from '../../../components/ui/button.tsx';
import { useAccountActions } from '../use-account-actions.tsx';

/** The account page's action bar: the same registry as the row menu, as buttons. */
export function AccountPageActions({ account }: { account: Account }) {
  const { actions: available, run, dialog } = useAccountActions(account, 'page');
  if (available.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {available.map((action, i) => (
        <Button
          key={action.id}
          size="sm"
          variant={action.variant === 'destructive' ? 'outline' : i === 0 ? 'default' : 'outline'}
          className={
            action.variant === 'destructive'
              ? 'text-destructive hover:bg-destructive/10 hover:text-destructive'
              : undefined
          }
          onClick={() => run(action)}
        >
          <action.icon aria-hidden />
          {action.label}
        </Button>
      ))}
      {dialog}
    </div>
  );
}
