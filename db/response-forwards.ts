// 4.3(3): the object's answers forwarded to the executive body (copy to the group), as the act workflow recorded
// them in the event log (response.forwarded on the act's stream).
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface ResponseForward {
  responseId: string;
  to: string[];
  forwardedAt: string;
}

/** The forwards of an act's answers, oldest first. */
export async function listResponseForwards(db: Kysely<Database>, actId: string): Promise<ResponseForward[]> {
  const rows = await db
    .selectFrom('events')
    .select(['payload'])
    .where('stream_id', '=', `act-${actId}`)
    .where('type', '=', 'response.forwarded')
    .orderBy('stream_version')
    .execute();
  return rows.map((r) => {
    const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as ResponseForward;
    return { responseId: p.responseId, to: p.to, forwardedAt: p.forwardedAt };
  });
}
