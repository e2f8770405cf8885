const STATUS_LABELS: Record<string, string> = { active: 'Active', error: 'Error', inactive: 'Inactive' };

/** "Active", "Error", "Inactive"; a status StackOne adds later reads as its own word, capitalised. */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status.charAt(0).toUpperCase() + status.slice(1);
}
