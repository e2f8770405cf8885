import { useMutation, useQuery } from '@tanstack/react-query';
import { AlertCircleIcon, CopyIcon, DownloadIcon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { BULK_LINKS_MAX } from '../../../../shared/schemas/links.ts';
import { Alert, AlertDescription, AlertTitle } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import { Progress } from '../../../components/ui/progress.tsx';
import { toApiError } from '../../../lib/api-error.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { bulkCsvUrl, linkQueries, startBulkLinks, type BulkFilter } from '../../../lib/queries/links.ts';
import { ExpiryRadioGroup } from '../../connect/expiry-radio-group.tsx';
import { DEFAULT_RELINK_EXPIRY } from '../../connect/relink-expiry.ts';

export interface BulkRelinkDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The accounts picked by hand, or every account matching `filter`. */
  target: { accountIds: string[] } | { filter: BulkFilter };
  count: number;
}

/**
 * Sends re-link links to many accounts: the server runs the job (closing this dialog does not stop
 * it); the dialog follows its progress, then offers the CSV for a mail merge and every link to copy.
 */
export function BulkRelinkDialog({ open, onOpenChange, target, count }: BulkRelinkDialogProps) {
  const [expiresIn, setExpiresIn] = useState(DEFAULT_RELINK_EXPIRY);
  const start = useMutation({ mutationFn: () => startBulkLinks({ ...target, expiresIn }) });
  const jobId = start.data?.jobId;
  const job = useQuery({
    ...linkQueries.job(jobId ?? ''),
    enabled: Boolean(jobId),
    // Progress also arrives over SSE; polling covers a lost stream.
    refetchInterval: (q) => (q.state.data?.state === 'finished' ? false : 2_000),
  });
  const progress = job.data;
  const finished = progress?.state === 'finished';
  const made = progress?.items?.filter((i) => i.url) ?? [];
  const failed = progress?.items?.filter((i) => i.state === 'failed') ?? [];
  const tooMany = count > BULK_LINKS_MAX;
  const error = start.error ? toApiError(start.error) : null;

  const copyAll = async () => {
    const text = made
      .map((i) => `${i.originOwnerName ?? ''}\t${i.provider ?? ''}\t${i.accountId}\t${i.url}`)
      .join('\n');
    try {
      await navigator.clipboard.writeText(text);
      toast.success(`${formatNumber(made.length)} links copied`, {
        description: 'Customer, provider, account and link, one per line.',
      });
    } catch {
      toast.error('Could not copy to the clipboard', { description: 'Download the CSV instead.' });
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Send re-link links</DialogTitle>
          <DialogDescription>
            One link for each of {formatNumber(count)} {count === 1 ? 'account' : 'accounts'}, made on the
            server at a pace StackOne allows. A newer link replaces an account&apos;s earlier one.
          </DialogDescription>
        </DialogHeader>
        {!jobId ? (
          <div className="grid gap-4">
            <ExpiryRadioGroup value={expiresIn} onChange={setExpiresIn} disabled={start.isPending} />
            {tooMany && (
              <Alert variant="destructive" role="alert">
                <AlertCircleIcon aria-hidden />
                <AlertTitle>Too many accounts</AlertTitle>
                <AlertDescription>
                  A job takes at most {formatNumber(BULK_LINKS_MAX)} accounts. Narrow the filter.
                </AlertDescription>
              </Alert>
            )}
            {error && (
              <Alert variant="destructive" role="alert">
                <AlertCircleIcon aria-hidden />
                <AlertTitle>Could not start the job</AlertTitle>
                <AlertDescription>{error.message}</AlertDescription>
              </Alert>
            )}
          </div>
        ) : (
          <div className="grid gap-3">
            <Progress
              aria-label="Links made"
              value={progress ? Math.round(((progress.done + progress.failed) / progress.total) * 100) : null}
            />
            <p className="text-sm" role="status">
              {!progress
                ? 'Starting…'
                : finished
                  ? `Done: ${formatNumber(progress.done)} links made, ${formatNumber(progress.failed)} failed.`
                  : `${formatNumber(progress.done + progress.failed)} of ${formatNumber(progress.total)} accounts…`}
            </p>
            {finished && failed.length > 0 && (
              <details className="text-sm">
                <summary className="cursor-pointer">Why {formatNumber(failed.length)} failed</summary>
                <ul className="mt-2 max-h-40 overflow-auto text-xs">
                  {failed.map((i) => (
                    <li key={i.accountId}>
                      <span className="font-mono">{i.accountId}</span>: {i.error}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        )}
        <DialogFooter>
          {!jobId ? (
            <>
              <Button variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button onClick={() => start.mutate()} disabled={start.isPending || tooMany || count === 0}>
                {start.isPending
                  ? 'Starting…'
                  : `Send ${formatNumber(count)} ${count === 1 ? 'link' : 'links'}`}
              </Button>
            </>
          ) : (
            <>
              {finished && (
                <>
                  <Button variant="outline" asChild>
                    <a href={bulkCsvUrl(jobId)} download>
                      <DownloadIcon aria-hidden />
                      Download CSV
                    </a>
                  </Button>
                  <Button variant="outline" onClick={() => void copyAll()} disabled={made.length === 0}>
                    <CopyIcon aria-hidden />
                    Copy all
                  </Button>
                </>
              )}
              <Button onClick={() => onOpenChange(false)}>
                {finished ? 'Done' : 'Close (keeps running)'}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
