import { BookmarkPlusIcon } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import type { AccountsSearch } from './accounts-search.ts';
import { SaveViewDialog } from './save-view-dialog.tsx';

/** "Save view" in the accounts toolbar. */
export function SaveViewButton({ search }: { search: AccountsSearch }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button variant="outline" size="sm" className="h-8" onClick={() => setIsOpen(true)}>
        <BookmarkPlusIcon aria-hidden />
        Save view
      </Button>
      {isOpen && <SaveViewDialog open onOpenChange={setIsOpen} search={search} />}
    </>
  );
}
