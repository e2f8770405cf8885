import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { statusLabel } from '../../shared/account-status-label.ts';
import { formatDateTime, formatRelative } from '../../shared/format.ts';
import { reasonLabel } from '../../shared/reason-label.ts';
import type { Account } from '../../shared/schemas/account.ts';

/** What the first paint of `/accounts` draws: the page of rows the SPA's first screen will show. */
export interface AccountsFirstPaint {
  items: readonly Account[];
  /** The signed-in role may pick rows (the SPA then draws a checkbox column). */
  canSelect: boolean;
  /** provider key → its display name and logo, from connectors already known to the console. */
  connectors: ReadonlyMap<string, { name: string; logoUrl: string | null }>;
  now: number;
}

// Class names as the SPA's components write them (ui/table, ui/badge, the app shell, the accounts
// columns), so the picture does not move when the SPA takes its place. Tailwind finds them here too.
const TH = 'h-9 px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-muted-foreground';
const TD = 'px-3 py-1.5 align-middle whitespace-nowrap';
const MUTED = html`<span class="text-muted-foreground">—</span>`;
const BADGE =
  'inline-flex w-fit shrink-0 items-center justify-center gap-1 whitespace-nowrap rounded-md border px-2 py-0.5 text-xs font-medium';
const STATUS_BADGE: Record<string, string> = {
  active:
    'border-emerald-200 dark:border-emerald-800 bg-emerald-50 dark:bg-emerald-950/60 text-emerald-700 dark:text-emerald-400',
  error: 'border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/60 text-red-700 dark:text-red-400',
  inactive:
    'border-amber-200 dark:border-amber-800 bg-amber-50 dark:bg-amber-950/60 text-amber-800 dark:text-amber-400',
};
const TYPE_BADGE: Record<string, string> = {
  production: 'text-foreground',
  test: 'border-zinc-200 bg-zinc-100 text-zinc-600 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
};

const WAYPOINTS = html`<svg
  class="size-4"
  viewBox="0 0 24 24"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  stroke-linejoin="round"
>
  <path d="m10.586 5.414-5.172 5.172" />
  <path d="m18.586 13.414-5.172 5.172" />
  <path d="M6 12h12" />
  <circle cx="12" cy="20" r="2" />
  <circle cx="12" cy="4" r="2" />
  <circle cx="20" cy="12" r="2" />
  <circle cx="4" cy="12" r="2" />
</svg>`;

const truncated = (text: string, className: string) =>
  html`<span class="block min-w-0 truncate ${className}" title="${text}">${text}</span>`;

function providerCell(account: Account, connectors: AccountsFirstPaint['connectors']) {
  const connector = connectors.get(account.provider);
  const name = account.providerName ?? connector?.name ?? account.provider;
  const logo = connector?.logoUrl
    ? html`<img src="${connector.logoUrl}" alt="" class="size-5 shrink-0 rounded-sm object-contain" />`
    : html`<span
        class="flex size-5 shrink-0 items-center justify-center rounded-sm bg-muted text-[10px] font-semibold text-muted-foreground uppercase"
        >${name.slice(0, 2)}</span
      >`;
  return html`<span class="inline-flex items-center gap-2"
    >${logo}<span class="truncate">${name}</span></span
  >`;
}

function row(account: Account, view: AccountsFirstPaint) {
  const reason = account.statusReasons[0]?.code;
  const updated = account.updatedAt;
  return html`<tr class="border-b">
    ${
      view.canSelect
        ? html`<td class="${TD} pr-0">
            <span class="block size-4 rounded-[4px] border border-input shadow-xs"></span>
          </td>`
        : ''
    }
    <td class="${TD}">
      <span class="flex max-w-72 min-w-0 items-start gap-1">
        <a
          href="/accounts/${encodeURIComponent(account.id)}"
          class="flex max-w-64 min-w-0 flex-col rounded-sm"
        >
          ${truncated(account.originOwnerName, 'font-medium')}
          ${truncated(account.originOwnerId, 'font-mono text-xs text-muted-foreground')}
        </a>
        <span class="p-1"><span class="block size-3.5"></span></span>
      </span>
    </td>
    <td class="${TD}">${providerCell(account, view.connectors)}</td>
    <td class="${TD} max-w-48 truncate">${account.label ? truncated(account.label, '') : MUTED}</td>
    <td class="${TD}">
      <span class="${BADGE} ${STATUS_BADGE[account.status] ?? 'text-foreground'}"
        ><span class="size-3 rounded-full border-[1.5px] border-current"></span
        >${statusLabel(account.status)}</span
      >
    </td>
    <td class="${TD} max-w-48 truncate">
      ${reason ? html`<span title="${reason}">${reasonLabel(reason)}</span>` : MUTED}
    </td>
    <td class="${TD}">
      ${
        account.type
          ? html`<span class="${BADGE} ${TYPE_BADGE[account.type] ?? TYPE_BADGE.test} capitalize"
              >${account.type}</span
            >`
          : MUTED
      }
    </td>
    <td class="${TD} max-w-56 truncate">${account.originUsername ?? MUTED}</td>
    <td class="${TD} text-muted-foreground tabular-nums">
      ${
        updated
          ? html`<time datetime="${updated}" title="${formatDateTime(updated)}"
              >${formatRelative(updated, view.now)}</time
            >`
          : '—'
      }
    </td>
    <td class="${TD} w-10"></td>
  </tr>`;
}

/** The SPA's default columns, and whether each sorts (its header then holds a sort button). */
const COLUMNS = [
  ['Customer', true],
  ['Provider', true],
  ['Label', true],
  ['Status', true],
  ['Reason', false],
  ['Type', false],
  ['Username', false],
  ['Updated', true],
] as const;

const header = (canSelect: boolean) =>
  html`<tr class="border-b">
    ${canSelect ? html`<th class="${TH} pr-0!"><span class="block size-4 rounded-[4px] border border-input"></span></th>` : ''}
    ${COLUMNS.map(
      ([title, sorts]) =>
        html`<th class="${TH}">
          ${sorts ? html`<span class="inline-flex items-center gap-0.5">${title}<span class="size-6"></span></span>` : title}
        </th>`,
    )}
    <th class="${TH} w-10"></th>
  </tr>`;

/**
 * The first screen of `/accounts` as plain HTML, drawn before the SPA's scripts have run: the app's
 * header and the page of rows, as a picture over the page (inert, hidden from assistive technology)
 * that the SPA removes once it has drawn the real screen (web/lib/first-paint.ts).
 */
export function accountsFirstPaintHtml(
  view: AccountsFirstPaint,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<div
    id="first-paint"
    inert
    aria-hidden="true"
    class="fixed inset-0 z-50 overflow-auto bg-muted/30"
  >
    <div class="sticky top-0 z-40 border-b bg-background/95">
      <div
        class="mx-auto flex h-14 max-w-screen-2xl items-center gap-3 px-4 font-semibold tracking-tight sm:px-6 md:gap-6"
      >
        <span class="flex items-center gap-2">
          <span class="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground"
            >${WAYPOINTS}</span
          >
          Switchboard
        </span>
      </div>
    </div>
    <div class="mx-auto w-full max-w-screen-2xl px-4 py-6 sm:px-6">
      <div class="mb-5 grid gap-1">
        <div class="text-2xl font-semibold tracking-tight">Accounts</div>
        <p class="text-sm text-muted-foreground">
          Every StackOne linked account of your customers, mirrored and searchable.
        </p>
      </div>
      <div class="flex flex-col gap-3">
        <div class="flex flex-wrap items-center gap-2">
          <div
            class="flex h-8 w-full items-center rounded-md border border-input bg-background pl-8 text-sm text-muted-foreground sm:w-80"
          >
            Search customer, label, username
          </div>
          ${['Status', 'Provider', 'Type', 'Reason'].map(
            (facet) =>
              html`<span
                class="flex h-8 items-center rounded-md border border-dashed px-3 pl-8 text-xs font-medium"
                >${facet}</span
              >`,
          )}
        </div>
        <div class="table-cards overflow-hidden rounded-lg border bg-background">
          <div class="relative w-full overflow-x-auto">
            <table aria-label="Accounts" class="w-full caption-bottom text-sm">
              <thead class="bg-muted/40">
                ${header(view.canSelect)}
              </thead>
              <tbody>
                ${view.items.map((account) => row(account, view))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  </div>`;
}
