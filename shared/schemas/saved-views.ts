import { z } from 'zod';
import { AccountListQuerySchema } from './account-filters.ts';

const name = z.string().trim().min(1, 'A view needs a name').max(100, 'A name has at most 100 characters');

/**
 * The accounts table's search object as the URL holds it (`{ status: ['error'], q: 'acme' }`). It must
 * parse as an accounts query when saved; a view saved before the query changed may no longer parse,
 * and the web then falls back to the defaults with a notice.
 */
export const SavedViewSearchSchema = z
  .record(z.string().max(50), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 4000, 'A view’s search is at most 4,000 characters')
  .refine((v) => AccountListQuerySchema.safeParse(v).success, 'Not a valid accounts table search');

export const SavedViewCreateSchema = z.object({
  name,
  search: SavedViewSearchSchema,
  shared: z.boolean().default(false),
});
export type SavedViewCreate = z.output<typeof SavedViewCreateSchema>;

export const SavedViewPatchSchema = z
  .object({ name, search: SavedViewSearchSchema, shared: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type SavedViewPatch = z.output<typeof SavedViewPatchSchema>;

export const SavedViewIdParamSchema = z.object({ id: z.string().min(1).max(100) });

export const SavedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  search: z.record(z.string(), z.unknown()),
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  /** Whether the signed-in user may rename, change or delete it. */
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedViewSchema>;

export const SavedViewListSchema = z.object({ items: z.array(SavedViewSchema) });
export type SavedViewList = z.infer<typeof SavedViewListSchema>;
