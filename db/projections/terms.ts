// Projection: the group's term as its procedure keeps it (5.3.1), and the warnings and reminders it sent (7.2.2).
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { TermEvent } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<TermEvent>): Promise<void> {
  switch (event.type) {
    case 'term.started': {
      const p = event.payload;
      await trx
        .insertInto('group_terms')
        .values({ group_id: p.groupId, term_start: p.termStart, term_end: p.termEnd, status: 'active', ended_on: null })
        .onConflict((oc) => oc.column('group_id').doUpdateSet({ term_start: p.termStart, term_end: p.termEnd }))
        .execute();
      return;
    }
    case 'term.cadence-warned': {
      const p = event.payload;
      await trx
        .insertInto('term_notices')
        .values({
          group_id: p.groupId,
          notice_key: `cadence:${p.year}-Q${p.quarter}`,
          kind: 'cadence-warning',
          on_date: p.on,
          detail: `${p.state} (${p.meetings}; ${p.reading})`,
        })
        .onConflict((oc) => oc.columns(['group_id', 'notice_key']).doNothing())
        .execute();
      return;
    }
    case 'term.reminder-sent': {
      const p = event.payload;
      await trx
        .insertInto('term_notices')
        .values({
          group_id: p.groupId,
          notice_key: `term-end:${p.key}`,
          kind: 'term-reminder',
          on_date: p.on,
          detail: `term ends ${p.termEnd}`,
        })
        .onConflict((oc) => oc.columns(['group_id', 'notice_key']).doNothing())
        .execute();
      return;
    }
    case 'term.ended': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('group_terms')
          .set({ status: 'term-ended', ended_on: p.termEnd })
          .where('group_id', '=', p.groupId)
          .executeTakeFirst(),
        'group_terms',
        p.groupId,
      );
      return;
    }
  }
}
