import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { toApiError } from './api-error.ts';
import { toastApiError } from './toast-api-error.ts';

/**
 * The failure half of the form recipe: the server's `fields` go inline onto the matching inputs,
 * everything else (no fields, or fields the form does not have) becomes a toast.
 */
export function applyFormErrors<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  fieldNames: readonly Path<T>[],
  title?: string,
): void {
  const error = toApiError(err);
  let unmatched = !error.fields;
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    if ((fieldNames as readonly string[]).includes(field)) {
      setError(field as Path<T>, { type: 'server', message }, { shouldFocus: true });
    } else {
      unmatched = true;
    }
  }
  if (unmatched) toastApiError(error, title);
}
