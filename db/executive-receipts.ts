// 4.3(4): the executive body's own receipt of an act about another object, as the act workflow recorded it in the
// event log (act.received with party 'executive-body' on the act's stream); the acts table keeps the object's.
import type { Kysely } from 'kysely';
import type { IsoDate } from '../domain/dates';
import type { Database } from './database';

export interface ExecutiveReceipt {
  receivedOn: IsoDate;
  via: 'link' | 'staff';
}

/** The executive body's own receipt of the act, or null while it has none recorded. */
export async function executiveReceiptOf(db: Kysely<Database>, actId: string): Promise<ExecutiveReceipt | null> {
  const row = await db
    .selectFrom('events')
    .select('payload')
    .where('stream_id', '=', `act-${actId}`)
    .where('type', '=', 'act.received')
    .orderBy('stream_version')
    .execute();
  for (const r of row) {
    const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as {
      receivedOn: IsoDate;
      via: 'link' | 'staff';
      party?: string;
    };
    if (p.party === 'executive-body') return { receivedOn: p.receivedOn, via: p.via };
  }
  return null;
}
