import { AlertTriangleIcon, CheckCircle2Icon, XCircleIcon } from 'lucide-react';
import type { DoctorCheck, DoctorLevel } from '../../../shared/schemas/doctor.ts';
import { Badge } from '../../components/ui/badge.tsx';

/** Each level has its own icon and word: colour only repeats what they say. */
export const LEVELS: Record<
  DoctorLevel,
  {
    label: string;
    icon: typeof CheckCircle2Icon;
    variant: 'success' | 'warning' | 'destructive';
    tone: string;
  }
> = {
  ok: {
    label: 'OK',
    icon: CheckCircle2Icon,
    variant: 'success',
    tone: 'text-emerald-600 dark:text-emerald-400',
  },
  warn: {
    label: 'Warning',
    icon: AlertTriangleIcon,
    variant: 'warning',
    tone: 'text-amber-600 dark:text-amber-400',
  },
  fail: {
    label: 'Failed',
    icon: XCircleIcon,
    variant: 'destructive',
    tone: 'text-red-600 dark:text-red-400',
  },
};

export function DoctorCheckItem({ check }: { check: DoctorCheck }) {
  const level = LEVELS[check.level];
  return (
    <li className="flex gap-3 py-3" aria-label={`${check.title}: ${level.label}`}>
      <level.icon className={`mt-0.5 size-5 shrink-0 ${level.tone}`} aria-hidden />
      <div className="grid min-w-0 gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="text-sm font-medium">{check.title}</h3>
          <Badge variant={level.variant}>{level.label}</Badge>
        </div>
        <p className="text-sm break-words text-muted-foreground">{check.detail}</p>
        {check.fix && (
          <p className="text-sm break-words">
            <span className="font-medium">What to do: </span>
            {check.fix}
          </p>
        )}
      </div>
    </li>
  );
}
