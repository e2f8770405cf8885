import { CheckIcon, ChevronsUpDownIcon, UsersIcon } from 'lucide-react';
import { useState, type ComponentProps } from 'react';
import type { Connector } from '../../../shared/schemas/connector.ts';
import { ProviderLogo } from '../../components/provider/provider-logo.tsx';
import { Button } from '../../components/ui/button.tsx';
import {
  Command,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
  CommandSeparator,
} from '../../components/ui/command.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '../../components/ui/popover.tsx';
import { cn } from '../../lib/cn.ts';
import { categoryLabel } from './category-label.ts';

export type ProviderChoice = { choice: 'provider'; provider: string } | { choice: 'categories' };

export interface ProviderComboboxProps extends Omit<ComponentProps<'button'>, 'value' | 'onChange'> {
  connectors: readonly Connector[];
  isLoading: boolean;
  /** Loading the connector list failed: shown inside the list. */
  loadError?: string;
  value: ProviderChoice;
  onValueChange: (value: ProviderChoice) => void;
}

/** Searchable list of StackOne connectors (with logos), or "Let the customer choose". */
export function ProviderCombobox({
  connectors,
  isLoading,
  loadError,
  value,
  onValueChange,
  className,
  ...props
}: ProviderComboboxProps) {
  const [open, setOpen] = useState(false);
  const selected =
    value.choice === 'provider' ? connectors.find((c) => c.provider === value.provider) : undefined;
  const choose = (next: ProviderChoice) => {
    onValueChange(next);
    setOpen(false);
  };

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          role="combobox"
          aria-expanded={open}
          className={cn('w-full justify-between px-3 font-normal', className)}
          {...props}
        >
          <span className="flex min-w-0 items-center gap-2">
            {value.choice === 'categories' ? (
              <>
                <UsersIcon aria-hidden />
                Let the customer choose
              </>
            ) : selected ? (
              <>
                <ProviderLogo name={selected.name} logoUrl={selected.logoUrl} />
                <span className="truncate">{selected.name}</span>
              </>
            ) : value.provider ? (
              <span className="truncate">{value.provider}</span>
            ) : (
              <span className="text-muted-foreground">Choose a provider</span>
            )}
          </span>
          <ChevronsUpDownIcon className="opacity-50" aria-hidden />
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-(--radix-popover-trigger-width) min-w-72 p-0">
        <Command>
          <CommandInput placeholder="Search providers…" aria-label="Search providers" />
          <CommandList>
            <CommandEmpty>
              {isLoading ? 'Loading providers…' : (loadError ?? 'No provider matches.')}
            </CommandEmpty>
            <CommandGroup>
              <CommandItem value="Let the customer choose" onSelect={() => choose({ choice: 'categories' })}>
                <UsersIcon aria-hidden />
                Let the customer choose
                <CheckIcon
                  className={cn('ml-auto', value.choice !== 'categories' && 'invisible')}
                  aria-hidden
                />
              </CommandItem>
            </CommandGroup>
            {connectors.length > 0 && <CommandSeparator />}
            <CommandGroup heading="Providers">
              {connectors.map((c) => (
                <CommandItem
                  key={c.provider}
                  value={`${c.name} ${c.provider}`}
                  keywords={[c.category]}
                  onSelect={() => choose({ choice: 'provider', provider: c.provider })}
                >
                  <ProviderLogo name={c.name} logoUrl={c.logoUrl} />
                  <span className="truncate">{c.name}</span>
                  <span className="text-xs text-muted-foreground">{categoryLabel(c.category)}</span>
                  <CheckIcon
                    className={cn('ml-auto', selected?.provider !== c.provider && 'invisible')}
                    aria-hidden
                  />
                </CommandItem>
              ))}
            </CommandGroup>
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
