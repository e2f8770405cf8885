import { createFileRoute } from '@tanstack/react-router';
import { PageSkeleton } from '../../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../../components/feedback/route-error.tsx';
import { AlertsSettingsScreen } from '../../../features/settings/alerts-settings-screen.tsx';
import { alertQueries } from '../../../lib/queries/alerts.ts';

export const Route = createFileRoute('/_app/settings/alerts')({
  loader: ({ context: { queryClient } }) => queryClient.ensureQueryData(alertQueries.list()),
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: AlertsSettingsScreen,
});
