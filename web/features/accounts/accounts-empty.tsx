import { CloudDownloadIcon, SearchXIcon } from 'lucide-react';
import { EmptyState } from '../../components/feedback/empty-state.tsx';
import { Button } from '../../components/ui/button.tsx';

export function NoAccountsYet({ isSyncing, hasSynced }: { isSyncing: boolean; hasSynced: boolean }) {
  if (hasSynced && !isSyncing) {
    return (
      <EmptyState
        icon={CloudDownloadIcon}
        title="No accounts yet"
        description="StackOne has no linked accounts for this project. Accounts appear here as soon as a customer connects one."
      />
    );
  }
  return (
    <EmptyState
      icon={CloudDownloadIcon}
      title="No accounts synced yet"
      description={
        isSyncing
          ? 'Switchboard is copying your accounts from StackOne. They appear here as the sync goes.'
          : 'Switchboard has not copied your accounts from StackOne yet. The sync runs at start and on a schedule.'
      }
    />
  );
}

export function NoMatchingAccounts({ onReset }: { onReset: () => void }) {
  return (
    <EmptyState
      icon={SearchXIcon}
      title="No account matches these filters"
      description="Try a shorter search, or remove a filter."
      action={
        <Button variant="outline" size="sm" onClick={onReset}>
          Reset
        </Button>
      }
    />
  );
}
