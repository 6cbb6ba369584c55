// Projection: the council's reading of 5.4.2/5.4.3 for a replacement (5.4.8), kept on its councils row.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { TermMembershipEvent } from '../term-membership-events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

type SettingEvent = Extract<TermMembershipEvent, { type: 'council.replacement-periods-set' }>;

export async function apply(trx: Transaction<Database>, event: Stored<SettingEvent>): Promise<void> {
  const p = event.payload;
  expectOne(
    await trx
      .updateTable('councils')
      .set({ replacement_periods: p.apply })
      .where('id', '=', p.councilId)
      .executeTakeFirst(),
    'councils',
    p.councilId,
  );
}
