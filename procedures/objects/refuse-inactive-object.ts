// 4.2: no new act nor information request goes to a monitored object staff marked inactive (issue 12, point 7).
// Drafting an act (procedures/acts/draft-act.ts) and writing a request (procedures/requests/write-request.ts) ask
// this first; the refusal is a 409 naming the field (objectId) and the rule (object-inactive), nothing written.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findObjectById, inactiveObjectProblem } from '../../db/objects';
import { ConflictError } from '../refusals';

export async function refuseInactiveObject(db: Kysely<Database>, objectId: string): Promise<void> {
  const object = await findObjectById(db, objectId);
  if (object && !object.active) throw new ConflictError([inactiveObjectProblem(object)], objectId);
}
