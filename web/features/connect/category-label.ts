const SPECIAL: Record<string, string> = { 'hris-legacy': 'HRIS (legacy)', stackone: 'StackOne' };
const ACRONYMS = new Set(['ats', 'hris', 'crm', 'iam', 'lms']);

/** "ats" → "ATS", "ticketing" → "Ticketing". */
export function categoryLabel(category: string): string {
  if (SPECIAL[category]) return SPECIAL[category];
  if (ACRONYMS.has(category)) return category.toUpperCase();
  return category.charAt(0).toUpperCase() + category.slice(1);
}
