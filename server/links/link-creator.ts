import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { authUsers } from '../db/schema.ts';

/** The email a ledger entry names as its creator (the page of an ended link says whom to ask). */
export async function creatorEmail(db: Db, userId: string): Promise<string | null> {
  const [user] = await db
    .select({ email: authUsers.email })
    .from(authUsers)
    .where(eq(authUsers.id, userId))
    .limit(1);
  return user?.email ?? null;
}
