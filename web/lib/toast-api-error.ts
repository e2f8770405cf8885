import { toast } from 'sonner';
import { describeUpstream, toApiError } from './api-error.ts';

/** Shows any failure as one toast: the message, and the upstream status and request id when there is one. */
export function toastApiError(err: unknown, title?: string): void {
  const error = toApiError(err);
  const upstream = describeUpstream(error.upstream);
  if (title) {
    toast.error(title, { description: upstream ? `${error.message} — ${upstream}` : error.message });
  } else {
    toast.error(error.message, upstream ? { description: upstream } : undefined);
  }
}
