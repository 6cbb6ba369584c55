// Projection: the council's answer to the group's recommendations, on acts and reports (issue 15 point 3), and its period for considering acts.
import type { Transaction } from 'kysely';
import type { ConsiderationEvent } from '../consideration-events';
import type { Database } from '../database';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<ConsiderationEvent>): Promise<void> {
  switch (event.type) {
    case 'act.council-considered': {
      const p = event.payload;
      await trx
        .insertInto('act_considerations')
        .values({
          id: p.considerationId,
          act_id: p.actId,
          session_on: p.sessionOn,
          agenda_item: p.agendaItem,
          recorded_at: event.occurredAt,
        })
        .execute();
      if (p.decisions.length > 0)
        await trx
          .insertInto('recommendation_decisions')
          .values(
            p.decisions.map((d) => ({
              consideration_id: p.considerationId,
              act_id: p.actId,
              recommendation: d.recommendation,
              decision: d.decision,
              text: d.text,
            })),
          )
          .execute();
      return;
    }
    case 'report.council-considered': {
      const p = event.payload;
      await trx
        .insertInto('report_considerations')
        .values({
          id: p.considerationId,
          report_id: p.reportId,
          session_on: p.sessionOn,
          agenda_item: p.agendaItem,
          recorded_at: event.occurredAt,
        })
        .execute();
      if (p.decisions.length > 0)
        await trx
          .insertInto('report_recommendation_decisions')
          .values(
            p.decisions.map((d) => ({
              consideration_id: p.considerationId,
              report_id: p.reportId,
              recommendation: d.recommendation,
              decision: d.decision,
              text: d.text,
            })),
          )
          .execute();
      return;
    }
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
