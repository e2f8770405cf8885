import { z } from 'zod';

const KEY = 'switchboard.palette.recent';
const MAX = 8;

/** Something the palette jumped to: enough to show it again and go there. */
export const PaletteItemSchema = z.object({
  kind: z.enum(['customer', 'account', 'page', 'view']),
  id: z.string(),
  label: z.string(),
  detail: z.string().optional(),
});
export type PaletteItem = z.infer<typeof PaletteItemSchema>;

export const itemKey = (item: Pick<PaletteItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

/** The items last jumped to, newest first (this browser only); anything unreadable is dropped. */
export function readRecentItems(storage: Pick<Storage, 'getItem'> = localStorage): PaletteItem[] {
  try {
    const parsed = z.array(PaletteItemSchema).safeParse(JSON.parse(storage.getItem(KEY) ?? '[]'));
    return parsed.success ? parsed.data.slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberItem(
  item: PaletteItem,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
) {
  const rest = readRecentItems(storage).filter((r) => itemKey(r) !== itemKey(item));
  try {
    storage.setItem(KEY, JSON.stringify([item, ...rest].slice(0, MAX)));
  } catch {
    // Storage full or refused (private mode): recents are a convenience.
  }
}
