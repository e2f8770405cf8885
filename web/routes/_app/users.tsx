import { createFileRoute } from '@tanstack/react-router';
import { PageSkeleton } from '../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../components/feedback/route-error.tsx';
import { UsersScreen } from '../../features/users/users-screen.tsx';
import { userQueries } from '../../lib/queries/users.ts';

export const Route = createFileRoute('/_app/users')({
  loader: ({ context: { queryClient } }) => queryClient.ensureQueryData(userQueries.list()),
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: UsersScreen,
});
