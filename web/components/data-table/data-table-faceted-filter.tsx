import { PlusCircleIcon } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { formatNumber } from '../../../shared/format.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { Checkbox } from '../ui/checkbox.tsx';
import { Input } from '../ui/input.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '../ui/popover.tsx';
import { Separator } from '../ui/separator.tsx';

export interface FacetOption {
  value: string;
  label: string;
  /** Rendered before the label (a status dot, a provider logo). */
  icon?: ReactNode;
  /** How many rows have this value; from the server's facets. */
  count?: number;
}

export interface DataTableFacetedFilterProps {
  /** The button's accessible name, e.g. "Status". */
  title: string;
  options: readonly FacetOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Show a text box to narrow long option lists; defaults to more than 8 options. */
  searchable?: boolean;
}

/** A toolbar button opening a popover of checkboxes with counts; selection is controlled by the caller. */
export function DataTableFacetedFilter({
  title,
  options,
  selected,
  onChange,
  searchable,
}: DataTableFacetedFilterProps) {
  const [filter, setFilter] = useState('');
  const summaryId = useId();
  const selectedSet = new Set(selected);
  const showSearch = searchable ?? options.length > 8;
  const needle = filter.trim().toLowerCase();
  const visible = needle
    ? options.filter((o) => o.label.toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle))
    : options;

  const toggle = (value: string, checked: boolean) => {
    const next = new Set(selectedSet);
    if (checked) next.add(value);
    else next.delete(value);
    // Keep the options' order so the URL is stable whatever the click order.
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };

  const selectedLabels = options.filter((o) => selectedSet.has(o.value)).map((o) => o.label);
  return (
    <Popover onOpenChange={(open) => !open && setFilter('')}>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className="h-8 border-dashed"
          aria-label={title}
          aria-describedby={summaryId}
        >
          <PlusCircleIcon aria-hidden />
          {title}
          {selected.length > 0 && (
            <>
              <Separator orientation="vertical" className="mx-0.5 h-4" />
              {selected.length > 2 ? (
                <Badge variant="secondary" className="rounded-sm px-1 font-normal">
                  {selected.length} selected
                </Badge>
              ) : (
                selectedLabels.map((label) => (
                  <Badge key={label} variant="secondary" className="rounded-sm px-1 font-normal">
                    {label}
                  </Badge>
                ))
              )}
            </>
          )}
          <span id={summaryId} className="sr-only">
            {selected.length > 0 ? `Filtered by ${selectedLabels.join(', ')}` : 'No filter'}
          </span>
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-64 p-0" align="start">
        <fieldset className="grid">
          <legend className="sr-only">{title}</legend>
          {showSearch && (
            <div className="border-b p-2">
              <Input
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder={`Find ${title.toLowerCase()}`}
                aria-label={`Find ${title.toLowerCase()}`}
                className="h-8"
              />
            </div>
          )}
          <div className="max-h-72 overflow-y-auto p-1">
            {visible.length === 0 && (
              <p className="px-2 py-4 text-center text-sm text-muted-foreground">No match</p>
            )}
            {visible.map((option) => {
              const id = `${summaryId}-${option.value}`;
              return (
                <div
                  key={option.value}
                  className="flex items-center gap-2 rounded-sm px-2 py-1.5 hover:bg-accent"
                >
                  <Checkbox
                    id={id}
                    checked={selectedSet.has(option.value)}
                    onCheckedChange={(checked) => toggle(option.value, checked === true)}
                  />
                  <label htmlFor={id} className="flex flex-1 cursor-pointer items-center gap-2 text-sm">
                    {option.icon}
                    <span className="truncate">{option.label}</span>
                  </label>
                  {option.count !== undefined && (
                    <span className="ml-auto font-mono text-xs text-muted-foreground tabular-nums">
                      {formatNumber(option.count)}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
          {selected.length > 0 && (
            <div className="border-t p-1">
              <Button
                variant="ghost"
                size="sm"
                className="w-full justify-center"
                onClick={() => onChange([])}
              >
                Clear filter
              </Button>
            </div>
          )}
        </fieldset>
      </PopoverContent>
    </Popover>
  );
}
