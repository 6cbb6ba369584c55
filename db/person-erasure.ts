// Erasing a person's personal data (crypto-shredding): their data key is destroyed, so the phone, e-mail and birth
// date sealed in every event of the log become unreadable, and person.data-erased (no personal data in it) is
// appended to the person's group stream, which the projections apply. No event row changes.
import type { Kysely } from 'kysely';
import { DomainError } from '../domain/domain-error';
import type { Database } from './database';
import { lockStream } from './event-store';
import { streams } from './events';
import { recordInTransaction } from './record';

export interface ErasePersonDataResult {
  /** 'already-erased': an earlier erasure stands; nothing was written. */
  status: 'erased' | 'already-erased';
  personId: string;
  groupId: string;
}

/** The group whose stream records the erasure: the person's latest membership, else their latest candidacy. */
async function groupOfPerson(db: Kysely<Database>, personId: string): Promise<string | null> {
  const membership = await db
    .selectFrom('memberships')
    .select('group_id')
    .where('person_id', '=', personId)
    .orderBy((eb) => eb.case().when('left_on', 'is', null).then(0).else(1).end())
    .orderBy('joined_on', (ob) => ob.desc().nullsLast())
    .executeTakeFirst();
  if (membership) return membership.group_id;
  const candidate = await db.selectFrom('candidates').select('group_id').where('person_id', '=', personId).orderBy('id', 'desc').executeTakeFirst();
  return candidate?.group_id ?? null;
}

/**
 * Erases the person's data key and records person.data-erased, in one transaction. Idempotent: a second call
 * reports 'already-erased'. A person recorded before keys existed (their data in clear in older events) gets an
 * erased key row, so every reader withholds those fields too.
 */
export async function erasePersonData(db: Kysely<Database>, personId: string, input: { reason: string; actor: string }): Promise<ErasePersonDataResult> {
  const reason = input.reason.trim();
  if (reason === '') throw new DomainError('erasure-reason-required', 'a reason for the erasure is required', { field: 'reason' });
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw new DomainError('unknown-person', `person ${personId} does not exist`, { personId });
    const groupId = await groupOfPerson(trx, personId);
    if (groupId === null) throw new DomainError('unknown-person', `person ${personId} belongs to no group`, { personId });
    // The stream's lock first, as appends take it, then the key row.
    await lockStream(trx, streams.group(groupId));
    const key = await trx.selectFrom('person_keys').select(['erased_at']).where('person_id', '=', personId).forUpdate().executeTakeFirst();
    if (key?.erased_at) return { status: 'already-erased', personId, groupId };
    const now = new Date();
    await trx
      .insertInto('person_keys')
      .values({ person_id: personId, key: null, erased_at: now })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ key: null, erased_at: now }))
      .execute();
    await recordInTransaction(trx, {
      stream: streams.group(groupId),
      events: [{ type: 'person.data-erased', payload: { personId, groupId, reason }, idempotencyKey: `person-data-erased:${personId}`, occurredAt: now }],
      actor: input.actor,
    });
    return { status: 'erased', personId, groupId };
  });
}

/** A person of a group as the staff's erasure page lists them: no phone, e-mail or birth date. */
export interface GroupPerson {
  personId: string;
  fullName: string;
  village: string | null;
  /** A member of the group (now or earlier), else only a candidate. */
  member: boolean;
  candidate: boolean;
  /** When their phone, e-mail and birth date were erased; null while readable. */
  dataErasedAt: Date | null;
}

/** The members and candidates of a group (each person once), by name. */
export async function listGroupPersons(db: Kysely<Database>, groupId: string): Promise<GroupPerson[]> {
  const members = await db.selectFrom('memberships').select('person_id').where('group_id', '=', groupId).execute();
  const candidates = await db.selectFrom('candidates').select('person_id').where('group_id', '=', groupId).execute();
  const memberIds = new Set(members.map((m) => m.person_id));
  const candidateIds = new Set(candidates.map((c) => c.person_id));
  const ids = [...new Set([...memberIds, ...candidateIds])];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('persons').select(['id', 'full_name', 'village', 'data_erased_at']).where('id', 'in', ids).orderBy('full_name').orderBy('id').execute();
  return rows.map((r) => ({ personId: r.id, fullName: r.full_name, village: r.village, member: memberIds.has(r.id), candidate: candidateIds.has(r.id), dataErasedAt: r.data_erased_at }));
}
