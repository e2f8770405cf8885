import { useId } from 'react';
import type { z } from 'zod';
import type { CategorySchema } from '../../../shared/schemas/connect-session.ts';
import { Checkbox } from '../../components/ui/checkbox.tsx';
import { Label } from '../../components/ui/label.tsx';
import { categoryLabel } from './category-label.ts';

type Category = z.infer<typeof CategorySchema>;

export interface CategoryCheckboxesProps {
  options: readonly Category[];
  value: readonly Category[];
  onValueChange: (value: Category[]) => void;
  disabled?: boolean;
}

/** Which kinds of provider the customer may pick from in the Hub; none checked offers them all. */
export function CategoryCheckboxes({ options, value, onValueChange, disabled }: CategoryCheckboxesProps) {
  const id = useId();
  return (
    <fieldset className="grid gap-2" aria-describedby={`${id}-hint`}>
      <legend className="mb-2 text-sm font-medium">Categories</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {options.map((category) => (
          <div key={category} className="flex items-center gap-2">
            <Checkbox
              id={`${id}-${category}`}
              checked={value.includes(category)}
              disabled={disabled}
              onCheckedChange={(checked) =>
                onValueChange(checked ? [...value, category] : value.filter((c) => c !== category))
              }
            />
            <Label htmlFor={`${id}-${category}`} className="font-normal">
              {categoryLabel(category)}
            </Label>
          </div>
        ))}
      </div>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        The customer picks a provider of these kinds in the Hub. Leave all unchecked to offer every provider.
      </p>
    </fieldset>
  );
}
