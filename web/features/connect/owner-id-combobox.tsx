import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type ComponentProps, type Ref } from 'react';
import { Input } from '../../components/ui/input.tsx';
import { Popover, PopoverAnchor, PopoverContent } from '../../components/ui/popover.tsx';
import { cn } from '../../lib/cn.ts';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { distinctOwners, type OwnerSuggestion } from './owner-suggestions.ts';
import { useDebouncedValue } from './use-debounced-value.ts';

export interface OwnerIdComboboxProps extends Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'ref'> {
  value: string;
  onValueChange: (value: string) => void;
  /** An existing customer was chosen from the suggestions. */
  onPick: (owner: OwnerSuggestion) => void;
  ref?: Ref<HTMLInputElement>;
}

/** A free-text customer ID that suggests the customers already in the index as you type. */
export function OwnerIdCombobox({
  value,
  onValueChange,
  onPick,
  onKeyDown,
  onFocus,
  ref,
  className,
  ...props
}: OwnerIdComboboxProps) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(value.trim(), 200);
  const { data } = useQuery({
    ...accountQueries.ownerSearch(q),
    enabled: isOpen && q.length > 0,
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const owners = q ? distinctOwners(data?.items ?? [], 8, q) : [];
  const expanded = isOpen && value.trim().length > 0 && owners.length > 0;
  const activeIndex = Math.min(active, owners.length - 1);
  const optionId = (i: number) => `${listId}-option-${i}`;

  const pick = (owner: OwnerSuggestion) => {
    onPick(owner);
    setIsOpen(false);
  };

  return (
    <Popover open={expanded} onOpenChange={(open) => !open && setIsOpen(false)}>
      <PopoverAnchor asChild>
        <Input
          {...props}
          ref={(el) => {
            inputRef.current = el;
            if (typeof ref === 'function') ref(el);
            else if (ref) ref.current = el;
          }}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={expanded ? listId : undefined}
          aria-activedescendant={expanded ? optionId(activeIndex) : undefined}
          autoComplete="off"
          className={className}
          value={value}
          onFocus={(e) => {
            setIsOpen(true);
            onFocus?.(e);
          }}
          onChange={(e) => {
            onValueChange(e.target.value);
            setIsOpen(true);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              if (!expanded) return setIsOpen(true);
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((activeIndex + step + owners.length) % owners.length);
            } else if (e.key === 'Enter' && expanded && owners[activeIndex]) {
              // Choosing a suggestion, not submitting the form.
              e.preventDefault();
              pick(owners[activeIndex]);
            }
            onKeyDown?.(e);
          }}
        />
      </PopoverAnchor>
      <PopoverContent
        align="start"
        className="w-(--radix-popover-trigger-width) min-w-64 p-1"
        // Focus stays in the input: the list is navigated with the arrow keys from there.
        onOpenAutoFocus={(e) => e.preventDefault()}
        onCloseAutoFocus={(e) => e.preventDefault()}
        onInteractOutside={(e) => {
          if (e.target === inputRef.current) e.preventDefault();
        }}
      >
        <ul role="listbox" id={listId} aria-label="Existing customers" className="grid gap-0.5">
          {owners.map((owner, i) => (
            <li
              key={owner.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={cn(
                'flex cursor-default flex-col rounded-sm px-2 py-1.5 text-sm select-none',
                i === activeIndex && 'bg-accent text-accent-foreground',
              )}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(owner)}
            >
              <span className="font-medium">{owner.name}</span>
              <span className="font-mono text-xs text-muted-foreground">{owner.id}</span>
            </li>
          ))}
        </ul>
      </PopoverContent>
    </Popover>
  );
}
