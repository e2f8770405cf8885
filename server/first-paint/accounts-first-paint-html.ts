import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { statusLabel } from '../../shared/account-status-label.ts';
import { formatRelative } from '../../shared/format.ts';
import { reasonLabel } from '../../shared/reason-label.ts';
import type { AccountListQuery } from '../../shared/schemas/account-filters.ts';
import type { Account } from '../../shared/schemas/account.ts';

/** What the first paint of `/accounts` draws: the page of rows the SPA's first screen will show. */
export interface AccountsFirstPaint {
  items: readonly Account[];
  /** The URL's search the rows answer: its text shows in the search box, its sort in the header. */
  search: AccountListQuery;
  /** The signed-in role may pick rows (the SPA then draws a checkbox column). */
  canSelect: boolean;
  /** provider key → its display name, from connectors already known to the console. */
  connectors: ReadonlyMap<string, { name: string }>;
  now: number;
}

// The markup is kept small (the browser parses, styles and lays it out before the SPA's scripts
// run): the class names are short, styled in web/styles.css as the SPA's components style theirs,
// and no whitespace is written between elements. Nothing here is for hover or assistive technology:
// the picture is inert and hidden from it.

const NONE = html`<span class="fp-muted">—</span>`;
const BOX = html`<span class="fp-box"></span>`;
/** The SPA's default columns, and the sort key of each that sorts (its header holds a sort button). */
const COLUMNS = [
  ['Customer', 'owner'],
  ['Provider', 'provider'],
  ['Label', 'label'],
  ['Status', 'status'],
  ['Reason', null],
  ['Type', null],
  ['Username', null],
  ['Updated', 'updatedAt'],
] as const;
const WAYPOINTS = html`<svg class="fp-mark-icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="m10.586 5.414-5.172 5.172"/><path d="m18.586 13.414-5.172 5.172"/><path d="M6 12h12"/><circle cx="12" cy="20" r="2"/><circle cx="12" cy="4" r="2"/><circle cx="20" cy="12" r="2"/><circle cx="4" cy="12" r="2"/></svg>`;

function row(a: Account, view: AccountsFirstPaint) {
  const provider = a.providerName ?? view.connectors.get(a.provider)?.name ?? a.provider;
  const reason = a.statusReasons[0]?.code;
  const status = ['active', 'error', 'inactive'].includes(a.status) ? a.status : 'other';
  return html`<tr>${view.canSelect ? html`<td class="fp-pick">${BOX}</td>` : ''}<td><span class="fp-owner"><a href="/accounts/${encodeURIComponent(a.id)}"><span class="fp-name">${a.originOwnerName}</span><span class="fp-id">${a.originOwnerId}</span></a><span class="fp-icon"></span></span></td><td><span class="fp-provider"><span class="fp-logo"></span><span class="fp-cut">${provider}</span></span></td><td class="fp-cut">${a.label ?? NONE}</td><td><span class="fp-badge fp-${status}"><span class="fp-ring"></span>${statusLabel(a.status)}</span></td><td class="fp-cut">${reason ? reasonLabel(reason) : NONE}</td><td>${a.type ? html`<span class="fp-badge fp-type fp-${a.type === 'production' ? 'production' : 'test'}">${a.type}</span>` : NONE}</td><td class="fp-cut fp-wide">${a.originUsername ?? NONE}</td><td class="fp-time">${formatRelative(a.updatedAt, view.now)}</td><td class="fp-end"></td></tr>`;
}

/**
 * The first screen of `/accounts` as plain HTML, drawn before the SPA's scripts have run: the app's
 * header and the page of rows, as a picture over the page (inert, hidden from assistive technology)
 * that the SPA removes once it has drawn the real screen (web/lib/first-paint.ts).
 */
export function accountsFirstPaintHtml(
  view: AccountsFirstPaint,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  const header = COLUMNS.map(
    ([title, sort]) =>
      html`<th>${sort ? html`<span class="fp-sort${sort === view.search.sort ? ' fp-sorted' : ''}">${title}<span class="fp-sort-button"></span></span>` : title}</th>`,
  );
  const facets = ['Status', 'Provider', 'Type', 'Reason'].map(
    (facet) => html`<span class="fp-facet">${facet}</span>`,
  );
  return html`<div id="first-paint" inert aria-hidden="true"><div class="fp-bar"><div class="fp-bar-in"><span class="fp-mark">${WAYPOINTS}</span>Switchboard</div></div><div class="fp-main"><div class="fp-title"><div>Accounts</div><p>Every StackOne linked account of your customers, mirrored and searchable.</p></div><div class="fp-tools"><div class="fp-search${view.search.q ? ' fp-typed' : ''}">${view.search.q ?? 'Search customer, label, username'}</div>${facets}</div><div class="fp-table table-cards"><table aria-label="Accounts"><thead><tr>${view.canSelect ? html`<th class="fp-pick">${BOX}</th>` : ''}${header}<th class="fp-end"></th></tr></thead><tbody>${view.items.map((a) => row(a, view))}</tbody></table></div></div></div>`;
}
