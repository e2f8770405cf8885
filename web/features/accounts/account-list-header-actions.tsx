import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { usePermissions } from '../../lib/use-me.ts';
import { ACCOUNT_LIST_ACTIONS, type AccountListAction } from './account-list-actions.ts';

/** The permitted page-level actions of the accounts list, each opening its dialog. */
export function AccountListHeaderActions({
  actions = ACCOUNT_LIST_ACTIONS,
}: {
  actions?: readonly AccountListAction[];
}) {
  const can = usePermissions();
  const [openId, setOpenId] = useState<string | null>(null);
  const available = actions.filter((a) => a.dialog && can(a.permission));
  if (available.length === 0) return null;
  const current = available.find((a) => a.id === openId);
  const Dialog = current?.dialog;
  return (
    <>
      {available.map((action) => (
        <Button key={action.id} size="sm" onClick={() => setOpenId(action.id)}>
          <action.icon aria-hidden />
          {action.label}
        </Button>
      ))}
      {Dialog && <Dialog open onOpenChange={(open) => !open && setOpenId(null)} />}
    </>
  );
}
