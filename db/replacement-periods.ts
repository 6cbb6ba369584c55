// 5.4.8: whether the 15-working-day periods of 5.4.2/5.4.3 apply to a replacement, a reading the council sets
// (default: they apply). Recorded as council.replacement-periods-set on the council's stream.
import type { Kysely } from 'kysely';
import type { Database } from './database';
import { streams } from './events';
import { record } from './record';

export async function councilReplacementPeriods(db: Kysely<Database>, councilId: string): Promise<boolean> {
  const row = await db
    .selectFrom('councils')
    .select('replacement_periods')
    .where('id', '=', councilId)
    .executeTakeFirst();
  return row?.replacement_periods ?? true;
}

export async function setCouncilReplacementPeriods(
  db: Kysely<Database>,
  councilId: string,
  apply: boolean,
  actor: string,
): Promise<{ changed: boolean }> {
  if ((await councilReplacementPeriods(db, councilId)) === apply) return { changed: false };
  await record(db, {
    stream: streams.council(councilId),
    actor,
    events: [{ type: 'council.replacement-periods-set', payload: { councilId, apply } }],
  });
  return { changed: true };
}
