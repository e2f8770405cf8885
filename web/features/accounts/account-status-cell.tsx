import type { Account } from '../../../shared/schemas/account.ts';
import { Tooltip, TooltipContent, TooltipTrigger } from '../../components/ui/tooltip.tsx';
import { AccountStatusBadge } from './account-status-badge.tsx';

/** The status badge; when StackOne gave a reason, it shows on hover and on keyboard focus. */
export function AccountStatusCell({ account }: { account: Pick<Account, 'status' | 'statusReasons'> }) {
  const reason = account.statusReasons[0];
  if (!reason) return <AccountStatusBadge status={account.status} />;
  const text = [reason.code, reason.description].filter(Boolean).join(': ') || 'No description';
  return (
    <Tooltip>
      <TooltipTrigger className="rounded-md focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
        <AccountStatusBadge status={account.status} />
      </TooltipTrigger>
      <TooltipContent side="top" align="start">
        {text}
      </TooltipContent>
    </Tooltip>
  );
}
