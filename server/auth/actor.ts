import type { Context } from 'hono';
import type { Role } from '../../shared/schemas/roles.ts';

/** The signed-in user a request acts as. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}

declare module 'hono' {
  interface ContextVariableMap {
    actor: Actor | undefined;
  }
}

export const getActor = (c: Context): Actor | undefined => c.get('actor');
