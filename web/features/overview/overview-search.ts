import { z } from 'zod';

/** The overview's URL state: charts, or the same figures as tables. */
export const OverviewSearchSchema = z.object({
  view: z.enum(['charts', 'table']).default('charts').catch('charts'),
});
export type OverviewSearch = z.infer<typeof OverviewSearchSchema>;
export const OVERVIEW_SEARCH_DEFAULTS: OverviewSearch = { view: 'charts' };
