import { z } from 'zod';

export const ConnectorSchema = z.object({
  provider: z.string(),
  name: z.string(),
  category: z.string(),
  logoUrl: z.string().nullable(),
  active: z.boolean(),
});
export type Connector = z.infer<typeof ConnectorSchema>;

/** `GET /api/connectors`. */
export const ConnectorListSchema = z.object({ items: z.array(ConnectorSchema) });
export type ConnectorList = z.infer<typeof ConnectorListSchema>;
