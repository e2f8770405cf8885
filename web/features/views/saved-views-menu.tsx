import { useQuery } from '@tanstack/react-query';
import { BookmarkIcon, ChevronDownIcon, Settings2Icon, UsersIcon } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu.tsx';
import { viewQueries } from '../../lib/queries/views.ts';
import { ManageViewsDialog } from './manage-views-dialog.tsx';
import { useOpenView } from './use-open-view.ts';

/** "Views" in the navigation: the user's saved views and the team's shared ones. */
export function SavedViewsMenu() {
  const query = useQuery(viewQueries.list());
  const openView = useOpenView();
  const items = query.data?.items ?? [];
  const own = items.filter((v) => v.canEdit && !v.shared);
  const shared = items.filter((v) => v.shared);
  const canManage = items.some((v) => v.canEdit);
  const [isManaging, setIsManaging] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button ref={triggerRef} variant="ghost" size="sm" className="h-8 gap-2 px-3 text-muted-foreground">
            <BookmarkIcon className="size-4" aria-hidden />
            Views
            <ChevronDownIcon className="size-3.5" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          {query.isPending ? (
            <DropdownMenuLabel className="font-normal text-muted-foreground">
              Loading views…
            </DropdownMenuLabel>
          ) : query.isError ? (
            <DropdownMenuLabel className="font-normal text-destructive">
              Could not load the views
            </DropdownMenuLabel>
          ) : items.length === 0 ? (
            <DropdownMenuLabel className="font-normal text-muted-foreground">
              No saved views yet: use “Save view” above the accounts table.
            </DropdownMenuLabel>
          ) : (
            <>
              {own.length > 0 && <DropdownMenuLabel>My views</DropdownMenuLabel>}
              {own.map((view) => (
                <DropdownMenuItem key={view.id} onSelect={() => openView(view)}>
                  <BookmarkIcon aria-hidden />
                  {view.name}
                </DropdownMenuItem>
              ))}
              {own.length > 0 && shared.length > 0 && <DropdownMenuSeparator />}
              {shared.length > 0 && <DropdownMenuLabel>Shared with the team</DropdownMenuLabel>}
              {shared.map((view) => (
                <DropdownMenuItem key={view.id} onSelect={() => openView(view)}>
                  <UsersIcon aria-hidden />
                  <span className="truncate">{view.name}</span>
                  <span className="ml-auto truncate text-xs text-muted-foreground">{view.ownerName}</span>
                </DropdownMenuItem>
              ))}
              {canManage && (
                <>
                  <DropdownMenuSeparator />
                  <DropdownMenuItem onSelect={() => setIsManaging(true)}>
                    <Settings2Icon aria-hidden />
                    Manage views…
                  </DropdownMenuItem>
                </>
              )}
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      {isManaging && (
        <ManageViewsDialog
          open
          onOpenChange={(open) => {
            setIsManaging(open);
            // The menu item that opened the dialog is gone; give focus back to the Views button.
            if (!open) requestAnimationFrame(() => triggerRef.current?.focus());
          }}
        />
      )}
    </>
  );
}
