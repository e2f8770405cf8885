import { createFileRoute } from '@tanstack/react-router';
import { PageSkeleton } from '../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../components/feedback/route-error.tsx';
import { userQueries } from '../../features/users/users-queries.ts';
import { UsersScreen } from '../../features/users/users-screen.tsx';

export const Route = createFileRoute('/_app/users')({
  loader: ({ context: { queryClient } }) => queryClient.ensureQueryData(userQueries.list()),
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: UsersScreen,
});
