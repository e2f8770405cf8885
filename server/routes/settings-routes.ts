import { Hono } from 'hono';
import type { DoctorReport } from '../../shared/schemas/doctor.ts';
import type { AppDeps } from '../app-deps.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { doctorTarget } from '../doctor/doctor-target.ts';
import { runDoctor } from '../doctor/run-doctor.ts';

export function settingsRoutes(deps: AppDeps) {
  // One run at a time per process: "Run again" pressed repeatedly, or by several admins, shares the
  // run in flight instead of spending StackOne's rate limit once per click.
  let inFlight: Promise<DoctorReport> | null = null;
  const doctor = () =>
    (inFlight ??= runDoctor(doctorTarget(deps.config)).finally(() => {
      inFlight = null;
    }));
  return new Hono().get('/stackone/doctor', requirePermission('settings:stackone'), async (c) =>
    c.json((await doctor()) satisfies DoctorReport, 200),
  );
}
