import { Link } from '@tanstack/react-router';
import { useCan } from '../../lib/use-me.ts';

const LINK =
  'rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground';

/** Links between the settings pages. */
export function SettingsNav() {
  const canStackOne = useCan('settings:stackone');
  const canAlerts = useCan('alerts:manage');
  return (
    <nav aria-label="Settings" className="mb-4 flex gap-1 border-b pb-2">
      {canStackOne && (
        <Link
          to="/settings/stackone"
          className={LINK}
          activeProps={{ className: 'bg-muted text-foreground' }}
        >
          StackOne
        </Link>
      )}
      {canAlerts && (
        <Link to="/settings/alerts" className={LINK} activeProps={{ className: 'bg-muted text-foreground' }}>
          Alerts
        </Link>
      )}
    </nav>
  );
}
