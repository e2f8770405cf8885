import { createFileRoute } from '@tanstack/react-router';
import { RouteError } from '../../../components/feedback/route-error.tsx';
import { StackOneSettingsScreen } from '../../../features/settings/stackone-settings-screen.tsx';

// No loader: the check takes seconds, and the screen shows its own progress meanwhile.
export const Route = createFileRoute('/_app/settings/stackone')({
  errorComponent: RouteError,
  component: StackOneSettingsScreen,
});
