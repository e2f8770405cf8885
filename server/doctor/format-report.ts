import type { DoctorReport } from '../../shared/schemas/doctor.ts';

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

/**
 * The report as text, one line per check (and an indented line with what to do). A report of one
 * failed check is exactly one line: a wrong key reads as one sentence, never a stack trace.
 */
export function formatReport(report: DoctorReport): string {
  const lines = report.checks.map((c) =>
    [`${MARK[c.level]}  ${c.title}: ${c.detail}`, ...(c.fix ? [`      → ${c.fix}`] : [])].join('\n'),
  );
  if (report.checks.length === 1 && report.checks[0]!.level === 'fail') {
    const c = report.checks[0]!;
    return `FAIL  ${c.title}: ${c.detail}${c.fix ? ` — ${c.fix}` : ''}`;
  }
  const count = (level: 'ok' | 'warn' | 'fail') => report.checks.filter((c) => c.level === level).length;
  const target = report.sandbox ? `the embedded sandbox (${report.target})` : report.target;
  return [
    `StackOne doctor: ${target}`,
    ...lines,
    `${count('ok')} ok, ${count('warn')} warn, ${count('fail')} fail`,
  ].join('\n');
}
