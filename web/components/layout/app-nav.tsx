import { Link } from '@tanstack/react-router';
import { usePermissions } from '../../lib/use-me.ts';
import { SavedViewsMenu } from '../../features/views/saved-views-menu.tsx';
import { NAV_ITEMS } from './nav-items.ts';

export function AppNav() {
  const can = usePermissions();
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {NAV_ITEMS.filter((item) => can(item.permission)).map((item) => (
        <Link
          key={item.to}
          // Audit and Users routes come with their features; the nav list is typed loosely for them.
          to={item.to as '/accounts'}
          className="inline-flex h-8 items-center gap-2 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
          activeProps={{ className: 'bg-accent text-foreground', 'aria-current': 'page' }}
          // `/` would otherwise be active under every screen.
          activeOptions={{ exact: item.to === '/' }}
        >
          <item.icon className="size-4" aria-hidden />
          {item.label}
        </Link>
      ))}
      {can('accounts:read') && <SavedViewsMenu />}
    </nav>
  );
}
