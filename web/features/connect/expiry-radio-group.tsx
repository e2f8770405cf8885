import { useId } from 'react';
import { cn } from '../../lib/cn.ts';
import { RELINK_EXPIRY_OPTIONS } from './relink-expiry.ts';

export interface ExpiryRadioGroupProps {
  value: number;
  onChange: (seconds: number) => void;
  disabled?: boolean;
}

/** "Link expires in": native radios, so arrow keys and screen readers work without extra code. */
export function ExpiryRadioGroup({ value, onChange, disabled }: ExpiryRadioGroupProps) {
  const id = useId();
  return (
    <div role="radiogroup" aria-labelledby={`${id}-label`} className="grid gap-2">
      <span id={`${id}-label`} className="text-sm font-medium">
        Link expires in
      </span>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {RELINK_EXPIRY_OPTIONS.map((option) => (
          <label
            key={option.seconds}
            className={cn(
              'flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm shadow-xs transition-colors has-[:checked]:border-primary has-[:checked]:bg-accent has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50',
              disabled && 'cursor-not-allowed opacity-50',
            )}
          >
            <input
              type="radio"
              name={`${id}-expiry`}
              value={option.seconds}
              checked={value === option.seconds}
              onChange={() => onChange(option.seconds)}
              disabled={disabled}
              className="accent-primary"
            />
            {option.label}
          </label>
        ))}
      </div>
    </div>
  );
}
