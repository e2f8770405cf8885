import { Link } from '@tanstack/react-router';
import { SearchXIcon } from 'lucide-react';
import { Button } from '../ui/button.tsx';
import { EmptyState } from './empty-state.tsx';

export function NotFound() {
  return (
    <EmptyState
      icon={SearchXIcon}
      title="Page not found"
      description="There is nothing at this address."
      action={
        <Button variant="outline" size="sm" asChild>
          <Link to="/accounts">Go to accounts</Link>
        </Button>
      }
    />
  );
}
