import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { FlaskConicalIcon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '../../components/ui/badge.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu.tsx';
import { clearSandboxFaults, sandboxQueries } from '../../lib/queries/sandbox.ts';
import { toastApiError } from '../../lib/toast-api-error.ts';
import { useCan } from '../../lib/use-me.ts';
import { BreakAccountDialog } from './break-account-dialog.tsx';
import { InjectFaultDialog } from './inject-fault-dialog.tsx';

/**
 * "Sandbox" in the header when StackOne is the sandbox: a link to its docs for everyone, and for admins
 * a menu of demo actions (break an account, inject a fault).
 */
export function SandboxBadge() {
  const { data } = useQuery({ ...sandboxQueries.info(), meta: { silent: true } });
  const isAdmin = useCan('settings:stackone');
  const params = useParams({ strict: false });
  const [dialog, setDialog] = useState<'break' | 'fault' | null>(null);
  const clear = useMutation({
    mutationFn: clearSandboxFaults,
    onSuccess: () => toast.success('Sandbox faults cleared'),
    onError: (err) => toastApiError(err, 'Could not clear the faults'),
  });
  if (!data?.enabled) return null;
  return (
    <div className="flex items-center gap-1">
      {/* On a phone the icon alone (still named Sandbox), and no tools: the header has no room. */}
      <Badge variant="warning" className="max-md:px-1.5" asChild>
        <a
          href={data.docsUrl ?? undefined}
          target="_blank"
          rel="noreferrer"
          title="About the StackOne sandbox"
        >
          <FlaskConicalIcon aria-hidden />
          <span className="max-md:sr-only">Sandbox</span>
        </a>
      </Badge>
      {isAdmin && (
        <>
          <DropdownMenu>
            <DropdownMenuTrigger className="rounded-md max-md:hidden px-1.5 py-0.5 text-xs text-muted-foreground hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
              Sandbox tools
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start">
              <DropdownMenuItem onSelect={() => setDialog('break')}>Break an account…</DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setDialog('fault')}>Inject a fault…</DropdownMenuItem>
              <DropdownMenuItem onSelect={() => clear.mutate()}>Clear faults</DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
          {dialog === 'break' && (
            <BreakAccountDialog
              open
              onOpenChange={(open) => !open && setDialog(null)}
              accountId={'accountId' in params ? params.accountId : undefined}
            />
          )}
          {dialog === 'fault' && <InjectFaultDialog open onOpenChange={(open) => !open && setDialog(null)} />}
        </>
      )}
    </div>
  );
}
