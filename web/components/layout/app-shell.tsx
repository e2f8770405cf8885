import { Link } from '@tanstack/react-router';
import { WaypointsIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { CommandPalette } from '../../features/command-palette/command-palette.tsx';
import { SandboxBadge } from '../../features/sandbox/sandbox-badge.tsx';
import { AppNav } from './app-nav.tsx';
import { MobileNav } from './mobile-nav.tsx';
import { UserMenu } from './user-menu.tsx';

/** The signed-in frame: brand, main navigation, user; the screen goes in `children`. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-muted/30">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-3 px-4 sm:px-6 md:gap-6">
          <div className="md:hidden">
            <MobileNav />
          </div>
          <Link to="/accounts" className="flex items-center gap-2 font-semibold tracking-tight">
            <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
              <WaypointsIcon className="size-4" aria-hidden />
            </span>
            Switchboard
          </Link>
          <SandboxBadge />
          <div className="hidden md:flex">
            <AppNav />
          </div>
          <div className="ml-auto">
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6 sm:px-6">
        {children}
      </main>
      <CommandPalette />
    </div>
  );
}
