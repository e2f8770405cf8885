import { z } from 'zod';

/** How a doctor check came out: `fail` makes `npm run doctor` exit non-zero. */
export const DoctorLevelSchema = z.enum(['ok', 'warn', 'fail']);
export type DoctorLevel = z.infer<typeof DoctorLevelSchema>;

export const DoctorCheckSchema = z.object({
  /** Stable id (`api-key`, `accounts-paging`, …), for tests and links. */
  id: z.string(),
  title: z.string(),
  level: DoctorLevelSchema,
  /** What was found, in one or two sentences. */
  detail: z.string(),
  /** What to do about it, when there is anything to do. */
  fix: z.string().optional(),
});
export type DoctorCheck = z.infer<typeof DoctorCheckSchema>;

/** `npm run doctor` and `GET /api/settings/stackone/doctor`: a read-only check of the configured StackOne. */
export const DoctorReportSchema = z.object({
  /** Where the checks went: the StackOne base URL (or the embedded sandbox's). */
  target: z.string(),
  sandbox: z.boolean(),
  checkedAt: z.string(),
  checks: z.array(DoctorCheckSchema),
});
export type DoctorReport = z.infer<typeof DoctorReportSchema>;
