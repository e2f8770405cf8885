import { DownloadIcon } from 'lucide-react';
import { Button } from '../../components/ui/button.tsx';
import { accountsCsvHref } from '../../lib/queries/accounts.ts';
import type { AccountsSearch } from './accounts-search.ts';

/** Every row of the current filter and sort as CSV; the browser downloads the streamed file. */
export function ExportCsvButton({ search }: { search: AccountsSearch }) {
  return (
    <Button variant="outline" size="sm" className="h-8" asChild>
      <a href={accountsCsvHref(search)} download>
        <DownloadIcon aria-hidden />
        Export CSV
      </a>
    </Button>
  );
}
