// The generations of a party's response link to an act or an information request (4.3, 7.3.2(1)): the link mailed
// with it is generation 0 (not stored); each fresh link staff re-send is the next generation, recorded here before
// its mail goes out. Only the newest generation's link works: an older one is revoked (security/response-token.ts).
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface LinkGenerationsTable {
  subject: string;
  party_object_id: string;
  generation: number;
  expires_at: Date;
  created_at: Date;
  created_by: string;
}

type Db = Kysely<Database>;
const table = (db: Db) => db.withTables<{ link_generations: LinkGenerationsTable }>();

/** What a link opens: an act ('act:<id>') or an information request ('request:<id>'). */
export const actLinkSubject = (actId: string) => `act:${actId}`;
export const requestLinkSubject = (requestId: string) => `request:${requestId}`;

export interface LinkGeneration {
  generation: number;
  expiresAtMs: number;
  createdAt: string;
  createdBy: string;
}

/** The newest re-sent link of the party, or null while only the first link (generation 0) was sent. */
export async function latestLinkGeneration(db: Db, subject: string, objectId: string): Promise<LinkGeneration | null> {
  const row = await table(db)
    .selectFrom('link_generations')
    .selectAll()
    .where('subject', '=', subject)
    .where('party_object_id', '=', objectId)
    .orderBy('generation', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? {
        generation: row.generation,
        expiresAtMs: new Date(row.expires_at).getTime(),
        createdAt: new Date(row.created_at).toISOString(),
        createdBy: row.created_by,
      }
    : null;
}

/** The generation whose link works now (0: the first one). */
export async function currentLinkGeneration(db: Db, subject: string, objectId: string): Promise<number> {
  return (await latestLinkGeneration(db, subject, objectId))?.generation ?? 0;
}

/**
 * Records the next generation (revoking every earlier link of the party), numbered after the newest one; two
 * concurrent re-sends get two numbers (the primary key refuses a second row with the same one, and the loser retries).
 */
export async function recordLinkGeneration(
  db: Db,
  input: { subject: string; objectId: string; expiresAtMs: number; at: Date; by: string },
): Promise<LinkGeneration> {
  for (let attempt = 0; ; attempt++) {
    const next = (await currentLinkGeneration(db, input.subject, input.objectId)) + 1;
    const inserted = await table(db)
      .insertInto('link_generations')
      .values({
        subject: input.subject,
        party_object_id: input.objectId,
        generation: next,
        expires_at: new Date(input.expiresAtMs),
        created_at: input.at,
        created_by: input.by,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1)
      return {
        generation: next,
        expiresAtMs: input.expiresAtMs,
        createdAt: input.at.toISOString(),
        createdBy: input.by,
      };
    if (attempt >= 5) throw new Error(`link generation for ${input.subject}: too many concurrent re-sends`);
  }
}

/** Whether the outbox has sent the mail of `businessKey` (a pending one is sent again under the same key). */
export async function outboxSent(db: Db, businessKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_outbox')
    .select('status')
    .where('business_key', '=', businessKey)
    .executeTakeFirst();
  return row?.status === 'sent';
}
