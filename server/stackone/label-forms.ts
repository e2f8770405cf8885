/**
 * The two ways a PATCH can carry a label: a string (LinkedAccount `label`, what the sandbox and the
 * docs take) and an object (the SDK and the API reference type PATCH `label` as one). StackOne does not
 * say what the object holds; the console sends the text under `value`.
 */
export type LabelForm = 'string' | 'object';

export const LABEL_FORMS: readonly LabelForm[] = ['string', 'object'];

/** The PATCH body for a label in one form; null clears it and reads the same in both. */
export function labelBody(form: LabelForm, label: string | null): { label: string | { value: string } | null } {
  if (label === null) return { label: null };
  return { label: form === 'string' ? label : { value: label } };
}

export const otherForm = (form: LabelForm): LabelForm => (form === 'string' ? 'object' : 'string');

/** One PATCH that reached StackOne, for the audit row: the form sent and what StackOne answered. */
export interface LabelAttempt {
  form: LabelForm;
  status: number | null;
  /** StackOne's refusal, when it refused. */
  error?: string;
}

/** "as a string: refused (400: label must be an object); as an object: accepted" */
export function describeAttempts(attempts: readonly LabelAttempt[]): string {
  return attempts
    .map((a) => `as ${a.form === 'string' ? 'a string' : 'an object'}: ${a.error ? `refused (${a.error})` : 'accepted'}`)
    .join('; ');
}
