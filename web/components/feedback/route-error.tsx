import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useEffect } from 'react';
import { Button } from '../ui/button.tsx';
import { ErrorState } from './error-state.tsx';

/** A route's `errorComponent`: the named error, and a retry that reruns the loader. */
export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  const queryErrorResetBoundary = useQueryErrorResetBoundary();
  useEffect(() => {
    queryErrorResetBoundary.reset();
  }, [queryErrorResetBoundary]);

  return (
    <ErrorState error={error} onRetry={() => void router.invalidate()} className="my-6">
      <Button variant="ghost" size="sm" asChild>
        <Link to="/accounts">Back to accounts</Link>
      </Button>
    </ErrorState>
  );
}
