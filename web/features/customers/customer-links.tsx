import { useQuery } from '@tanstack/react-query';
import { LinkIcon } from 'lucide-react';
import { Badge } from '../../components/ui/badge.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { toApiError } from '../../lib/api-error.ts';
import { linkQueries } from '../../lib/queries/links.ts';

/** The customer's re-link and new-account links, newest first, from the link ledger. */
export function CustomerLinks({ ownerId }: { ownerId: string }) {
  const query = useQuery({
    ...linkQueries.list({ state: [], provider: [], ownerId, page: 1, pageSize: 10 }),
    retry: false,
    meta: { silent: true },
  });
  // Not allowed to read the ledger: the section is not shown.
  if (query.isError && toApiError(query.error).status === 403) return null;
  if (query.isPending || query.isError) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <LinkIcon className="size-4" aria-hidden />
          Links
        </CardTitle>
      </CardHeader>
      <CardContent>
        {query.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No links were sent to this customer.</p>
        ) : (
          <ul className="divide-y" aria-label="Links sent to this customer">
            {query.data.items.map((link) => (
              <li key={link.id} className="flex items-center gap-3 py-2 text-sm">
                <Badge variant="outline">{link.state}</Badge>
                <span>{link.provider ?? 'any provider'}</span>
                <span className="ml-auto text-xs text-muted-foreground">
                  sent <RelativeTime value={link.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
