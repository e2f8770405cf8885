/** Query keys of incidents, general to specific. */
export const incidentKeys = {
  all: ['incidents'] as const,
};
