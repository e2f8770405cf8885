import { useNavigate } from '@tanstack/react-router';
import { toast } from 'sonner';
import type { SavedView } from '../../../shared/schemas/saved-views.ts';
import type { AccountsSearch } from '../accounts/accounts-search.ts';
import { resolveViewSearch } from './resolve-view-search.ts';

/** Opens a saved view on the accounts table, with a notice when its filter had to fall back. */
export function useOpenView() {
  const navigate = useNavigate();
  return (view: Pick<SavedView, 'name' | 'search'>) => {
    const { search, isFallback } = resolveViewSearch(view);
    if (isFallback)
      toast.warning(`The view “${view.name}” has filters that no longer apply`, {
        description: 'Those filters are back to their defaults. Save the view again to keep this version.',
      });
    void navigate({ to: '/accounts', search: search as AccountsSearch });
  };
}
