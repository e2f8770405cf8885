import type { AccountsPage } from '../accounts-pages.ts';

/** "answered 503: Service Unavailable" / "is unreachable: connect ECONNREFUSED …" */
export function describePage(page: AccountsPage): string {
  switch (page.shape) {
    case 'unreachable':
      return `no answer (${page.message})`;
    case 'refused':
      return `${page.status}${page.message ? ` ${page.message}` : ''}`;
    case 'other':
      return `${page.status} with a body that is neither a list nor {"data": [...]}`;
    default:
      return `${page.items.length} accounts`;
  }
}
