import { Link } from '@tanstack/react-router';
import { MenuIcon } from 'lucide-react';
import { usePermissions } from '../../lib/use-me.ts';
import { Button } from '../ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../ui/dropdown-menu.tsx';
import { NAV_ITEMS } from './nav-items.ts';

/** The main navigation as a menu, for screens too narrow for the links (the links hide there). */
export function MobileNav() {
  const can = usePermissions();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Menu">
          <MenuIcon aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        {NAV_ITEMS.filter((item) => can(item.permission)).map((item) => (
          <DropdownMenuItem key={item.to} asChild>
            <Link to={item.to as '/accounts'} activeProps={{ 'aria-current': 'page' }}>
              <item.icon aria-hidden />
              {item.label}
            </Link>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
