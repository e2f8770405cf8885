import { z } from 'zod';

export const ConnectorSchema = z.object({
  provider: z.string(),
  name: z.string(),
  category: z.string(),
  logoUrl: z.string().nullable(),
  active: z.boolean(),
});
export type Connector = z.infer<typeof ConnectorSchema>;
