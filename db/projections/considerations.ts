// Projection: the council's answer to the group's recommendations, on acts and reports (issue 15 point 3), and its period for considering acts.
import type { Transaction } from 'kysely';
import type { ConsiderationEvent } from '../consideration-events';
import { CONSIDERATION_SUBJECTS, considerationTablesIn, type ConsiderationSubject } from '../consideration-subjects';
import type { Database } from '../database';
import type { CouncilDecision } from '../../domain/council-consideration';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<ConsiderationEvent>): Promise<void> {
  switch (event.type) {
    case 'act.council-considered':
      return insertConsideration(trx, 'act', event.payload.actId, event.payload, event.occurredAt);
    case 'report.council-considered':
      return insertConsideration(trx, 'report', event.payload.reportId, event.payload, event.occurredAt);
    case 'council.consideration-days-set': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('councils')
          .set({ consideration_days: p.days })
          .where('id', '=', p.councilId)
          .executeTakeFirst(),
        'councils',
        p.councilId,
      );
      return;
    }
  }
}

/** The session's row and a row per decision, in the subject's own tables. */
async function insertConsideration(
  trx: Transaction<Database>,
  subject: ConsiderationSubject,
  subjectId: string,
  p: {
    considerationId: string;
    sessionOn: string;
    agendaItem: string;
    decisions: { recommendation: number; decision: CouncilDecision; text: string }[];
  },
  occurredAt: Date,
): Promise<void> {
  const s = CONSIDERATION_SUBJECTS[subject];
  const tables = considerationTablesIn(trx);
  await tables
    .insertInto(s.sessions)
    .values({
      id: p.considerationId,
      [s.key]: subjectId,
      session_on: p.sessionOn,
      agenda_item: p.agendaItem,
      recorded_at: occurredAt,
    })
    .execute();
  if (p.decisions.length > 0)
    await tables
      .insertInto(s.decisions)
      .values(
        p.decisions.map((d) => ({
          consideration_id: p.considerationId,
          [s.key]: subjectId,
          recommendation: d.recommendation,
          decision: d.decision,
          text: d.text,
        })),
      )
      .execute();
}
