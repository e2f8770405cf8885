import type { StackOneView } from './stackone-view.ts';

/** What every check reads: StackOne (raw) and the parts of the console's config it judges. */
export interface DoctorContext {
  view: StackOneView;
  baseUrl: string;
  isSandbox: boolean;
  publicUrl: string;
  webhookSecretCount: number;
}

/** The page size the console's sync asks for. */
export const REQUESTED_PAGE_SIZE = 100;
