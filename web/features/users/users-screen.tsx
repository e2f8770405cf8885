import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircleIcon, KeyRoundIcon, PlusIcon, XIcon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { Role } from '../../../shared/schemas/roles.ts';
import type { User } from '../../../shared/schemas/users.ts';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { TableSkeleton } from '../../components/feedback/table-skeleton.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Alert, AlertDescription, AlertTitle } from '../../components/ui/alert.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.tsx';
import { toApiError } from '../../lib/api-error.ts';
import { formatDate } from '../../../shared/format.ts';
import { storeUser, updateUser, userQueries } from '../../lib/queries/users.ts';
import { useMe } from '../../lib/use-me.ts';
import { AddUserDialog } from './add-user-dialog.tsx';
import { ResetPasswordDialog } from './reset-password-dialog.tsx';
import { ROLE_LABELS } from './role-options.ts';
import { RoleSelect } from './role-select.tsx';
import { SsoSettingsPanel } from './sso-settings-panel.tsx';
import { UserStatusDialog } from './user-status-dialog.tsx';

type OpenDialog = { kind: 'add' } | { kind: 'password' | 'status'; user: User } | null;

interface RoleError {
  email: string;
  role: Role;
  message: string;
}

/** Who can sign in to Switchboard and with which role. */
export function UsersScreen() {
  const queryClient = useQueryClient();
  const me = useMe();
  const query = useQuery(userQueries.list());
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [roleError, setRoleError] = useState<RoleError | null>(null);

  const roleChange = useMutation({
    mutationFn: ({ user, role }: { user: User; role: Role }) => updateUser(user.id, { role }),
    onMutate: () => setRoleError(null),
    onSuccess: async (updated) => {
      toast.success('Role changed', { description: `${updated.email} is now ${ROLE_LABELS[updated.role]}.` });
      await storeUser(queryClient, updated);
    },
    // Shown on the page, not in a toast: a refused role change (the last admin) needs reading.
    onError: (err, { user, role }) =>
      setRoleError({ email: user.email, role, message: toApiError(err).message }),
  });

  const unpin = useMutation({
    mutationFn: (user: User) => updateUser(user.id, { rolePinned: false }),
    onSuccess: async (updated) => {
      toast.success('Role unpinned', {
        description: `${updated.email} takes its role from SSO at the next sign-in.`,
      });
      await storeUser(queryClient, updated);
    },
    onError: (err, user) =>
      setRoleError({ email: user.email, role: user.role, message: toApiError(err).message }),
  });

  const users = query.data?.items;
  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to Switchboard, and what their role lets them do."
        actions={
          <Button size="sm" onClick={() => setDialog({ kind: 'add' })}>
            <PlusIcon aria-hidden />
            Add user
          </Button>
        }
      />
      <SsoSettingsPanel />
      {roleError && (
        <Alert variant="destructive" role="alert" className="mb-4">
          <AlertCircleIcon aria-hidden />
          <AlertTitle>
            {roleError.email} was not made {ROLE_LABELS[roleError.role]}
          </AlertTitle>
          <AlertDescription>{roleError.message}</AlertDescription>
          <Button
            variant="ghost"
            size="icon-sm"
            className="absolute top-2 right-2 size-7"
            aria-label="Dismiss"
            onClick={() => setRoleError(null)}
          >
            <XIcon aria-hidden />
          </Button>
        </Alert>
      )}
      {query.isError && !users ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div className="overflow-hidden rounded-lg border bg-background">
          <Table aria-label="Users" aria-busy={query.isPending || undefined}>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Email</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Sign-in</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {!users ? (
                <TableSkeleton columns={7} />
              ) : (
                users.map((user) => {
                  const isMe = user.id === me?.user.id;
                  const isChanging = roleChange.isPending && roleChange.variables.user.id === user.id;
                  return (
                    <TableRow key={user.id} className={user.disabled ? 'text-muted-foreground' : undefined}>
                      <TableCell className="font-medium">
                        {user.email}
                        {isMe && (
                          <span className="ml-2 text-xs font-normal text-muted-foreground">(you)</span>
                        )}
                      </TableCell>
                      <TableCell>{user.name}</TableCell>
                      <TableCell>
                        <RoleSelect
                          size="sm"
                          className="w-32"
                          aria-label={`Role of ${user.email}`}
                          value={isChanging ? roleChange.variables.role : user.role}
                          disabled={isChanging}
                          onValueChange={(role) => role !== user.role && roleChange.mutate({ user, role })}
                        />
                      </TableCell>
                      <TableCell>
                        {user.signInMethod === 'sso' ? (
                          <div className="flex items-center gap-1.5">
                            <Badge variant="outline">SSO</Badge>
                            {user.roleSource === 'pinned' ? (
                              <>
                                <span className="text-xs text-muted-foreground">role pinned</span>
                                <Button
                                  variant="ghost"
                                  size="sm"
                                  aria-label={`Take the role of ${user.email} from SSO`}
                                  disabled={unpin.isPending && unpin.variables.id === user.id}
                                  onClick={() => unpin.mutate(user)}
                                >
                                  Unpin
                                </Button>
                              </>
                            ) : (
                              <span className="text-xs text-muted-foreground">role from SSO</span>
                            )}
                          </div>
                        ) : (
                          <span className="text-sm">Password</span>
                        )}
                      </TableCell>
                      <TableCell>
                        <Badge variant={user.disabled ? 'muted' : 'success'}>
                          {user.disabled ? 'Disabled' : 'Active'}
                        </Badge>
                      </TableCell>
                      <TableCell className="tabular-nums">{formatDate(user.createdAt)}</TableCell>
                      <TableCell>
                        <div className="flex justify-end gap-1">
                          {user.signInMethod === 'email' && (
                            <Button
                              variant="ghost"
                              size="sm"
                              aria-label={`Reset password of ${user.email}`}
                              onClick={() => setDialog({ kind: 'password', user })}
                            >
                              <KeyRoundIcon aria-hidden />
                              Reset password
                            </Button>
                          )}
                          <Button
                            variant="ghost"
                            size="sm"
                            className={user.disabled ? undefined : 'text-destructive hover:text-destructive'}
                            aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}
                            onClick={() => setDialog({ kind: 'status', user })}
                          >
                            {user.disabled ? 'Enable' : 'Disable'}
                          </Button>
                        </div>
                      </TableCell>
                    </TableRow>
                  );
                })
              )}
            </TableBody>
          </Table>
        </div>
      )}
      <AddUserDialog open={dialog?.kind === 'add'} onOpenChange={(open) => !open && setDialog(null)} />
      {dialog?.kind === 'password' && (
        <ResetPasswordDialog user={dialog.user} open onOpenChange={(open) => !open && setDialog(null)} />
      )}
      {dialog?.kind === 'status' && (
        <UserStatusDialog user={dialog.user} open onOpenChange={(open) => !open && setDialog(null)} />
      )}
    </>
  );
}
