import { useQuery } from '@tanstack/react-query';
import { LinkIcon } from 'lucide-react';
import { z } from 'zod';
import { Badge } from '../../components/ui/badge.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { requestJson } from '../../lib/api-client.ts';
import { toApiError } from '../../lib/api-error.ts';

/**
 * The fields of `GET /api/links` this section shows (issue 11's ledger). Seam: the links work adds
 * the route and its schema in shared/schemas; until then the route answers 404 and the section hides.
 * Swap this for the shared schema and the typed client when it lands.
 */
const CustomerLinksSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      provider: z.string().nullable().optional(),
      state: z.string(),
      createdAt: z.string(),
      expiresAt: z.string().nullable().optional(),
    }),
  ),
  total: z.number(),
});

/** The customer's re-link and new-account links, when the console keeps a ledger of them. */
export function CustomerLinks({ ownerId }: { ownerId: string }) {
  const query = useQuery({
    queryKey: ['links', 'list', { ownerId, pageSize: 10 }],
    queryFn: ({ signal }) =>
      requestJson(`/links?${new URLSearchParams({ ownerId, pageSize: '10' })}`, CustomerLinksSchema, {
        signal,
      }),
    retry: false,
    meta: { silent: true },
  });
  // No ledger on this server (404), or not allowed to read it: the section is not shown.
  if (query.isError && [403, 404].includes(toApiError(query.error).status)) return null;
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
