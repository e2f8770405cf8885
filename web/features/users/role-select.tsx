import type { ComponentProps } from 'react';
import type { Role } from '../../../shared/schemas/roles.ts';
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from '../../components/ui/select.tsx';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from './role-options.ts';

export interface RoleSelectProps extends Omit<ComponentProps<typeof SelectTrigger>, 'value' | 'onChange'> {
  value: Role;
  onValueChange: (role: Role) => void;
}

/** One of the four roles; the trigger takes the label, id and aria props it is given. */
export function RoleSelect({ value, onValueChange, disabled, ...triggerProps }: RoleSelectProps) {
  return (
    <Select value={value} onValueChange={(v) => onValueChange(v as Role)} disabled={disabled}>
      <SelectTrigger {...triggerProps}>
        <SelectValue>{ROLE_LABELS[value]}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {ROLES.map((role) => (
          <SelectItem key={role} value={role} textValue={ROLE_LABELS[role]}>
            <span className="flex flex-col">
              <span>{ROLE_LABELS[role]}</span>
              <span className="text-xs text-muted-foreground">{ROLE_DESCRIPTIONS[role]}</span>
            </span>
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
