import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { BookmarkIcon, Building2Icon, CompassIcon, KeyRoundIcon, type LucideIcon } from 'lucide-react';
import { useCallback, useState } from 'react';
import { AccountListQuerySchema } from '../../../shared/schemas/account-filters.ts';
import { NAV_ITEMS } from '../../components/layout/nav-items.ts';
import {
  CommandDialog,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from '../../components/ui/command.tsx';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { customerQueries } from '../../lib/queries/customers.ts';
import { viewQueries } from '../../lib/queries/views.ts';
import { usePermissions } from '../../lib/use-me.ts';
import { useDebouncedValue } from '../connect/use-debounced-value.ts';
import { useOpenView } from '../views/use-open-view.ts';
import { itemKey, readRecentItems, rememberItem, type PaletteItem } from './recent-items.ts';
import { usePaletteShortcut } from './use-palette-shortcut.ts';

const SERVER_RESULTS = 5;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const matches = (item: PaletteItem, q: string) =>
  !q || fold(`${item.label} ${item.detail ?? ''} ${item.id}`).includes(fold(q));

const ICONS: Record<PaletteItem['kind'], LucideIcon> = {
  customer: Building2Icon,
  account: KeyRoundIcon,
  page: CompassIcon,
  view: BookmarkIcon,
};

/**
 * Ctrl+K / ⌘K: jump to a customer, an account (by id, customer or label: the server's search), a
 * page or a saved view. What was jumped to last comes first.
 */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  usePaletteShortcut(toggle);
  return open ? <PaletteDialog onClose={() => setOpen(false)} /> : null;
}

function PaletteDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const openView = useOpenView();
  const can = usePermissions();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 200);
  const [recent] = useState(readRecentItems);

  const views = useQuery(viewQueries.list());
  const customers = useQuery({
    ...customerQueries.list({ q, page: 1, pageSize: SERVER_RESULTS }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const accounts = useQuery({
    ...accountQueries.list(AccountListQuerySchema.parse({ q, pageSize: SERVER_RESULTS })),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });

  const pages: PaletteItem[] = NAV_ITEMS.filter((item) => can(item.permission)).map((item) => ({
    kind: 'page',
    id: item.to,
    label: item.label,
  }));
  const viewItems: PaletteItem[] = (views.data?.items ?? []).map((v) => ({
    kind: 'view',
    id: v.id,
    label: v.name,
    detail: v.shared ? `Shared by ${v.ownerName}` : 'My view',
  }));
  const customerItems: PaletteItem[] = q
    ? (customers.data?.items ?? []).map((c) => ({
        kind: 'customer',
        id: c.ownerId,
        label: c.ownerName,
        detail: `${c.ownerId} · ${c.accounts} account${c.accounts === 1 ? '' : 's'}`,
      }))
    : [];
  const accountItems: PaletteItem[] = q
    ? (accounts.data?.items ?? []).map((a) => ({
        kind: 'account',
        id: a.id,
        label: `${a.originOwnerName} · ${a.providerName ?? a.provider}`,
        detail: [a.label, a.id].filter(Boolean).join(' · '),
      }))
    : [];

  // Recent items first; each item once, in the first group that has it.
  const shown = new Set<string>();
  const fresh = (items: PaletteItem[]) =>
    items.filter((item) => {
      const key = itemKey(item);
      if (shown.has(key)) return false;
      shown.add(key);
      return true;
    });
  const groups: { heading: string; items: PaletteItem[] }[] = [
    { heading: 'Recent', items: fresh(recent.filter((r) => matches(r, text.trim()))) },
    { heading: 'Customers', items: fresh(customerItems) },
    { heading: 'Accounts', items: fresh(accountItems) },
    { heading: 'Saved views', items: fresh(viewItems.filter((v) => matches(v, text.trim()))) },
    { heading: 'Pages', items: fresh(pages.filter((p) => matches(p, text.trim()))) },
  ];
  const isSearching = q !== text.trim() || (q.length > 0 && (customers.isFetching || accounts.isFetching));

  const go = (item: PaletteItem) => {
    rememberItem(item);
    onClose();
    if (item.kind === 'customer') void navigate({ to: '/customers/$ownerId', params: { ownerId: item.id } });
    else if (item.kind === 'account')
      void navigate({ to: '/accounts/$accountId', params: { accountId: item.id } });
    else if (item.kind === 'view') {
      const view = views.data?.items.find((v) => v.id === item.id);
      if (view) openView(view);
      else void navigate({ to: '/accounts' });
    } else void navigate({ to: item.id as '/accounts' });
  };

  return (
    <CommandDialog
      open
      onOpenChange={(next) => !next && onClose()}
      title="Command palette"
      description="Jump to a customer, an account, a page or a saved view."
      shouldFilter={false}
    >
      <CommandInput
        placeholder="Search customers, accounts, pages, views…"
        aria-label="Search customers, accounts, pages and views"
        value={text}
        onValueChange={setText}
      />
      <CommandList>
        <CommandEmpty>{isSearching ? 'Searching…' : 'Nothing matches.'}</CommandEmpty>
        {groups
          .filter((g) => g.items.length > 0)
          .map((group) => (
            <CommandGroup key={group.heading} heading={group.heading}>
              {group.items.map((item) => {
                const Icon = ICONS[item.kind];
                return (
                  <CommandItem key={itemKey(item)} value={itemKey(item)} onSelect={() => go(item)}>
                    <Icon aria-hidden />
                    <span className="truncate">{item.label}</span>
                    {item.detail && (
                      <span className="ml-auto truncate text-xs text-muted-foreground">{item.detail}</span>
                    )}
                  </CommandItem>
                );
              })}
            </CommandGroup>
          ))}
      </CommandList>
    </CommandDialog>
  );
}
