import { WaypointsIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** The signed-out frame for sign-in and first-run setup. */
export function AuthLayout({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold tracking-tight">
          <span className="flex size-8 items-center justify-center rounded-md bg-primary text-primary-foreground">
            <WaypointsIcon className="size-4" aria-hidden />
          </span>
          Switchboard
        </div>
        <div className="rounded-lg border bg-background p-6 shadow-sm">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          <p className="mt-1 mb-5 text-sm text-muted-foreground">{description}</p>
          {children}
        </div>
      </div>
    </main>
  );
}
