// Reading and registering councils.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CouncilsTable, Database } from './database';
import { streams, type Bilingual } from './events';
import { record } from './record';

export type Council = Selectable<CouncilsTable>;

export function findCouncilById(db: Kysely<Database>, id: string): Promise<Council | undefined> {
  return db.selectFrom('councils').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCouncils(db: Kysely<Database>): Promise<Council[]> {
  return db.selectFrom('councils').selectAll().orderBy('registered_at').orderBy('id').execute();
}

export interface RegisterCouncilInput {
  name: Bilingual;
  website?: string | null;
  email?: string | null;
  timeZone?: string;
  /** Given by callers that need a stable id; a new UUID otherwise. */
  id?: string;
}

/** Records a council.registered event; returns the council's id. */
export async function registerCouncil(db: Kysely<Database>, input: RegisterCouncilInput, actor: string): Promise<string> {
  const councilId = input.id ?? randomUUID();
  await record(db, {
    stream: streams.council(councilId),
    expectedVersion: 0,
    actor,
    events: [
      {
        type: 'council.registered',
        payload: {
          councilId,
          name: input.name,
          website: input.website ?? null,
          timeZone: input.timeZone ?? 'Asia/Bishkek',
          email: input.email ?? null,
        },
      },
    ],
  });
  return councilId;
}
