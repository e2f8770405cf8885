import { AlertTriangleIcon, RefreshCwIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { describeUpstream, toApiError } from '../../lib/api-error.ts';
import { cn } from '../../lib/cn.ts';
import { Button } from '../ui/button.tsx';
import { errorTitle } from './error-title.ts';

export interface ErrorStateProps {
  error: unknown;
  /** Overrides the heading derived from the error code. */
  title?: string;
  onRetry?: () => void;
  /** Extra actions next to "Try again" (e.g. a link back to the list). */
  children?: ReactNode;
  className?: string;
}

/** A failed load, named: what failed, the server's message, and StackOne's status and request id. */
export function ErrorState({ error, title, onRetry, children, className }: ErrorStateProps) {
  const apiError = toApiError(error);
  const upstream = describeUpstream(apiError.upstream);
  // Trying again cannot change a role: a 403 explains itself (the server names the role) and stops there.
  const retry = apiError.code === 'forbidden' ? undefined : onRetry;
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center',
        className,
      )}
    >
      <div className="flex size-10 items-center justify-center rounded-full bg-red-50 dark:bg-red-950/60 text-red-600 dark:text-red-400">
        <AlertTriangleIcon className="size-5" aria-hidden />
      </div>
      <div className="grid max-w-lg gap-1">
        <h2 className="text-base font-semibold">{title ?? errorTitle(apiError)}</h2>
        <p className="text-sm text-muted-foreground">{apiError.message}</p>
        {(upstream || apiError.status > 0) && (
          <p className="font-mono text-xs text-muted-foreground">
            {[upstream, apiError.status > 0 ? `${apiError.status} ${apiError.code}` : null]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )}
      </div>
      {(retry || children) && (
        <div className="flex items-center gap-2">
          {retry && (
            <Button variant="outline" size="sm" onClick={retry}>
              <RefreshCwIcon aria-hidden />
              Try again
            </Button>
          )}
          {children}
        </div>
      )}
    </div>
  );
}
