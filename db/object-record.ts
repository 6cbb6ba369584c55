// A monitored object's record of answers to acts (4.3), for the summary reports (8.1): on time, late, or never.
import type { Kysely } from 'kysely';
import { bishkekDateOf, compareDates, type IsoDate } from '../domain/dates';
import type { Database } from './database';
import type { ObligationStatus } from './events';
import { findObjectById, type MonitoredObject } from './objects';
import { actPath } from './pending';

/**
 * - on-time / late: the first answer came by / after the due date (the `late` mark recorded with the answer);
 * - never: no answer, and either the due date has passed by `today` or the obligation was closed without one
 *   (an overdue one may still turn into "late": answers are accepted late);
 * - pending: not yet due and not yet answered;
 * - cancelled: the obligation was withdrawn (not counted).
 */
export type AnswerOutcome = 'on-time' | 'late' | 'never' | 'pending' | 'cancelled';

export interface ObjectAnswer {
  obligationId: string;
  key: string;
  clause: string;
  actId: string | null;
  actNumber: string | null;
  actPath: string | null;
  anchorDate: IsoDate;
  dueDate: IsoDate;
  status: ObligationStatus;
  /** The Bishkek date of the first answer, if any. */
  answeredOn: IsoDate | null;
  /** Submissions including amendments. */
  submissions: number;
  outcome: AnswerOutcome;
}

export interface ObjectRecord {
  object: MonitoredObject;
  answers: ObjectAnswer[];
  counts: Record<Exclude<AnswerOutcome, 'cancelled'>, number>;
}

/**
 * The object's obligations are those it owes as a party: 'object:<id>' (4.3(3), the answer to an act about it),
 * and for the executive body also 'executive-body' in its council's groups (4.3(4), the report to the council).
 * `from`/`to` limit them to a reporting period by due date (inclusive).
 */
export async function objectRecord(
  db: Kysely<Database>,
  objectId: string,
  options: { today: IsoDate; from?: IsoDate; to?: IsoDate },
): Promise<ObjectRecord | undefined> {
  const object = await findObjectById(db, objectId);
  if (!object) return undefined;
  let q = db
    .selectFrom('obligations as o')
    .innerJoin('groups as g', 'g.id', 'o.group_id')
    .leftJoin('acts as a', 'a.id', 'o.act_id')
    .leftJoin('responses as p', 'p.obligation_id', 'o.id')
    .select(['o.id', 'o.key', 'o.clause', 'o.act_id', 'a.number', 'o.anchor_date', 'o.due_date', 'o.status'])
    .select((eb) => [eb.fn.min('p.submitted_at').as('first_at'), eb.fn.count<number>('p.id').as('submissions')])
    .where((eb) =>
      object.isExecutiveBody
        ? eb.or([
            eb('o.party', '=', `object:${objectId}`),
            eb.and([eb('o.party', '=', 'executive-body'), eb('g.council_id', '=', object.councilId)]),
          ])
        : eb('o.party', '=', `object:${objectId}`),
    )
    .groupBy(['o.id', 'a.number'])
    .orderBy('o.due_date')
    .orderBy('o.id');
  if (options.from !== undefined) q = q.where('o.due_date', '>=', options.from);
  if (options.to !== undefined) q = q.where('o.due_date', '<=', options.to);
  const rows = await q.execute();
  // The first answer's own late mark decides; an amendment later does not make an on-time answer late.
  const firstLate = await firstAnswerLateness(
    db,
    rows.map((r) => r.id),
  );
  const answers = rows.map((r): ObjectAnswer => {
    const answeredOn = r.first_at === null ? null : bishkekDateOf(new Date(r.first_at).getTime());
    let outcome: AnswerOutcome;
    if (r.status === 'cancelled') outcome = 'cancelled';
    else if (answeredOn !== null) outcome = firstLate.get(r.id) ? 'late' : 'on-time';
    else if (r.status === 'closed' || r.status === 'met' || compareDates(options.today, r.due_date) > 0)
      outcome = 'never';
    else outcome = 'pending';
    return {
      obligationId: r.id,
      key: r.key,
      clause: r.clause,
      actId: r.act_id,
      actNumber: r.number,
      actPath: r.act_id === null ? null : actPath(r.act_id),
      anchorDate: r.anchor_date,
      dueDate: r.due_date,
      status: r.status,
      answeredOn,
      submissions: Number(r.submissions),
      outcome,
    };
  });
  const counts = { 'on-time': 0, late: 0, never: 0, pending: 0 };
  for (const a of answers) if (a.outcome !== 'cancelled') counts[a.outcome]++;
  return { object, answers, counts };
}

async function firstAnswerLateness(db: Kysely<Database>, obligationIds: string[]): Promise<Map<string, boolean>> {
  if (obligationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('responses')
    .select(['obligation_id', 'late'])
    .distinctOn('obligation_id')
    .where('obligation_id', 'in', obligationIds)
    .orderBy('obligation_id')
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.obligation_id!, r.late]));
}
