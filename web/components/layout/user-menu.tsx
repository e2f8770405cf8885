import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { LogOutIcon } from 'lucide-react';
import { signOut } from '../../lib/queries/session.ts';
import { setSessionHint } from '../../lib/session-hint.ts';
import { useMe } from '../../lib/use-me.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';

/** The signed-in user's name and role, and Sign out. */
export function UserMenu() {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    meta: { handlesUnauthenticated: true },
    // Signed out either way: a failed call still leaves this browser without a usable session view.
    onSettled: async () => {
      setSessionHint(false);
      queryClient.clear();
      await navigate({ to: '/login' });
    },
  });

  if (!me) return null;
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right leading-tight sm:block">
        <div className="text-sm font-medium">{me.user.name}</div>
        <div className="text-xs text-muted-foreground">{me.user.email}</div>
      </div>
      <Badge variant="secondary" className="capitalize" aria-label={`Role: ${me.user.role}`}>
        {me.user.role}
      </Badge>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => signOutMutation.mutate()}
        disabled={signOutMutation.isPending}
      >
        <LogOutIcon aria-hidden />
        {/* On a phone the icon alone, leaving the header room for the sandbox badge. */}
        <span className="sr-only sm:not-sr-only">Sign out</span>
      </Button>
    </div>
  );
}
