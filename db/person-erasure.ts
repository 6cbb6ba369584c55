// Erasing a person's personal data (crypto-shredding): their data key is destroyed, so the phone, e-mail and birth
// date sealed in every event of the log become unreadable, and person.data-erased (no personal data in it) is
// appended to the person's group stream, which the projections apply. No event row changes.
import type { Kysely } from 'kysely';
import type { IsoDate } from '../domain/dates';
import { DomainError } from '../domain/domain-error';
import { retainedUntil, retentionExpired } from '../domain/retention';
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
  const candidate = await db
    .selectFrom('candidates')
    .select('group_id')
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return candidate?.group_id ?? null;
}

/**
 * Erases the person's data key and records person.data-erased, in one transaction. Idempotent: a second call
 * reports 'already-erased'. A person recorded before keys existed (their data in clear in older events) gets an
 * erased key row, so every reader withholds those fields too.
 */
export async function erasePersonData(
  db: Kysely<Database>,
  personId: string,
  input: { reason: string; actor: string },
): Promise<ErasePersonDataResult> {
  const reason = input.reason.trim();
  if (reason === '')
    throw new DomainError('erasure-reason-required', 'a reason for the erasure is required', { field: 'reason' });
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw new DomainError('unknown-person', `person ${personId} does not exist`, { personId });
    const groupId = await groupOfPerson(trx, personId);
    if (groupId === null)
      throw new DomainError('unknown-person', `person ${personId} belongs to no group`, { personId });
    // The stream's lock first, as appends take it, then the key row.
    await lockStream(trx, streams.group(groupId));
    const key = await trx
      .selectFrom('person_keys')
      .select(['erased_at'])
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (key?.erased_at) return { status: 'already-erased', personId, groupId };
    const now = new Date();
    await trx
      .insertInto('person_keys')
      .values({ person_id: personId, key: null, erased_at: now })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ key: null, erased_at: now }))
      .execute();
    await recordInTransaction(trx, {
      stream: streams.group(groupId),
      events: [
        {
          type: 'person.data-erased',
          payload: { personId, groupId, reason },
          idempotencyKey: `person-data-erased:${personId}`,
          occurredAt: now,
        },
      ],
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
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'full_name', 'village', 'data_erased_at'])
    .where('id', 'in', ids)
    .orderBy('full_name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    personId: r.id,
    fullName: r.full_name,
    village: r.village,
    member: memberIds.has(r.id),
    candidate: candidateIds.has(r.id),
    dataErasedAt: r.data_erased_at,
  }));
}

/** A person due for erasure by retention, and why. */
export interface ExpiredPerson {
  personId: string;
  fullName: string;
  /** The term end and period that decided it: the group whose retention ends last. */
  termEnd: IsoDate;
  months: number;
  reason: string;
}

export const retentionReason = (months: number, termEnd: IsoDate) =>
  `retention: ${months} months after the term ended on ${termEnd}`;

/**
 * The persons not erased yet whose every group (as member or candidate) has a term end and a council retention
 * period that ran out before `on` (domain/retention.ts); a person with any group still in term, not yet created, or
 * of a council that keeps data until asked is kept.
 */
export async function findExpiredPersons(db: Kysely<Database>, on: IsoDate): Promise<ExpiredPerson[]> {
  const links = await db
    .selectFrom('memberships')
    .select(['person_id', 'group_id'])
    .union(db.selectFrom('candidates').select(['person_id', 'group_id']))
    .execute();
  const groups = await db
    .selectFrom('groups')
    .innerJoin('councils', 'councils.id', 'groups.council_id')
    .select(['groups.id', 'groups.term_end', 'councils.retention_months'])
    .execute();
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const byPerson = new Map<string, string[]>();
  for (const l of links) byPerson.set(l.person_id, [...(byPerson.get(l.person_id) ?? []), l.group_id]);
  const due = new Map<string, { termEnd: IsoDate; months: number }>();
  for (const [personId, groupIds] of byPerson) {
    let decisive: { termEnd: IsoDate; months: number; until: IsoDate } | null = null;
    let expired = true;
    for (const groupId of groupIds) {
      const g = groupById.get(groupId);
      if (!g || !retentionExpired(g.term_end, g.retention_months, on)) {
        expired = false;
        break;
      }
      const until = retainedUntil(g.term_end!, g.retention_months);
      if (decisive === null || until > decisive.until)
        decisive = { termEnd: g.term_end!, months: g.retention_months, until };
    }
    if (expired && decisive) due.set(personId, { termEnd: decisive.termEnd, months: decisive.months });
  }
  if (due.size === 0) return [];
  const persons = await db
    .selectFrom('persons')
    .select(['id', 'full_name'])
    .where('id', 'in', [...due.keys()])
    .where('data_erased_at', 'is', null)
    .orderBy('full_name')
    .orderBy('id')
    .execute();
  return persons.map((p) => {
    const d = due.get(p.id)!;
    return {
      personId: p.id,
      fullName: p.full_name,
      termEnd: d.termEnd,
      months: d.months,
      reason: retentionReason(d.months, d.termEnd),
    };
  });
}

/**
 * Erases every person findExpiredPersons names on `on` (nothing with dryRun), each with its retention reason.
 * Idempotent: a second run finds nobody left (an erasure done meanwhile counts as done).
 */
export async function eraseExpiredPersons(
  db: Kysely<Database>,
  input: { on: IsoDate; dryRun?: boolean; actor: string },
): Promise<{ due: ExpiredPerson[]; erased: string[] }> {
  const due = await findExpiredPersons(db, input.on);
  const erased: string[] = [];
  if (input.dryRun) return { due, erased };
  for (const person of due) {
    const result = await erasePersonData(db, person.personId, { reason: person.reason, actor: input.actor });
    if (result.status === 'erased') erased.push(person.personId);
  }
  return { due, erased };
}
