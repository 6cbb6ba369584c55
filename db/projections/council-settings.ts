// Projection: a council's settings kept on its councils row (7.2.2's cadence reading).
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { CouncilEvent } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

type SettingEvent = Extract<CouncilEvent, { type: 'council.cadence-reading-set' }>;

export async function apply(trx: Transaction<Database>, event: Stored<SettingEvent>): Promise<void> {
  const p = event.payload;
  expectOne(
    await trx
      .updateTable('councils')
      .set({ cadence_reading: p.reading })
      .where('id', '=', p.councilId)
      .executeTakeFirst(),
    'councils',
    p.councilId,
  );
}
