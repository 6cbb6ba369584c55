// What the database knows of a formation, for the page while the procedure engine is unreachable (or the
// procedure is not running): the group, its obligations with due dates, the candidates and protocols, the meeting
// and the notices. All of it is projected from the event log the workflow writes; nothing here needs Temporal.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { Group } from '../../db/groups';
import { calendarForCouncil, formationNoticeOwed } from '../../db/pending';
import type { IsoDate } from '../../domain/dates';

export interface ObligationRow {
  key: string;
  clause: string;
  party: string;
  anchor: IsoDate;
  due: IsoDate | null;
  status: 'open' | 'met' | 'met-late' | 'escalated' | 'closed' | 'cancelled';
  /** The day it was met (from the workflow's state; the database keeps when it was recorded). */
  metOn: IsoDate | null;
}

export interface CandidateRow {
  candidateId: string;
  fullName: string;
  sex: 'M' | 'F';
  /** As recorded: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; null once erased. */
  birthDate: string | null;
  category: 'municipal_employee' | 'deputy' | 'citizen';
  source: 'executive_head' | 'council_chair' | 'community_gathering';
  nominatedOn: IsoDate;
  votes: number | null;
  village: string | null;
  phone: string | null;
  email: string | null;
  /** Birth date, phone and e-mail erased at the person's request (pages show "erased"). */
  dataErased: boolean;
}

export interface DbFormationView {
  obligations: ObligationRow[];
  candidates: CandidateRow[];
  protocols: { id: string; heldOn: IsoDate; protocolRef: string; place: string | null; participants: number }[];
  meeting: { date: IsoDate; time: string | null; place: string | null; status: string; heldOn: IsoDate | null } | null;
  notices: { id: string; kind: string; publishedAt: Date; channels: string[] }[];
}

export async function loadDbFormationView(db: Kysely<Database>, group: Group): Promise<DbFormationView> {
  const [obligations, candidates, protocols, meetings, notices] = await Promise.all([
    db
      .selectFrom('obligations')
      .select(['key', 'clause', 'party', 'anchor_date', 'due_date', 'status'])
      .where('group_id', '=', group.id)
      .where('act_id', 'is', null)
      .orderBy('opened_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('candidates as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .innerJoin('nominations as n', 'n.candidate_id', 'c.id')
      .select([
        'c.id',
        'c.category',
        'p.full_name',
        'p.sex',
        'p.birth_date',
        'p.village',
        'p.phone',
        'p.email',
        'p.data_erased_at',
        'n.source',
        'n.nominated_on',
        'n.votes',
      ])
      .where('c.group_id', '=', group.id)
      .where('c.status', '!=', 'withdrawn')
      .orderBy('n.nominated_on')
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('gathering_protocols')
      .selectAll()
      .where('group_id', '=', group.id)
      .orderBy('held_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('meetings')
      .selectAll()
      .where('group_id', '=', group.id)
      .where('kind', '=', 'first')
      .orderBy('scheduled_on')
      .execute(),
    db
      .selectFrom('notices')
      .select(['id', 'kind', 'published_at', 'channels'])
      .where('group_id', '=', group.id)
      .orderBy('published_at')
      .execute(),
  ]);
  const meeting = meetings.at(-1);
  // 5.4.1 is owed from the day the formation starts, before the procedure records it (db/pending.ts).
  const owed =
    obligations.length === 0
      ? await formationNoticeOwed(db, { groupId: group.id, calendar: await calendarForCouncil(db, group.council_id) })
      : null;
  if (owed)
    obligations.push({
      key: owed.key,
      clause: owed.clause,
      party: owed.party,
      anchor_date: owed.anchor_date,
      due_date: owed.due_date,
      status: owed.status,
    });
  return {
    obligations: obligations.map((o) => ({
      key: o.key,
      clause: o.clause,
      party: o.party,
      anchor: o.anchor_date,
      due: o.due_date,
      status: o.status,
      metOn: null,
    })),
    candidates: candidates.map((c) => ({
      candidateId: c.id,
      fullName: c.full_name,
      sex: c.sex,
      birthDate: c.birth_date,
      category: c.category,
      source: c.source,
      nominatedOn: c.nominated_on,
      votes: c.votes,
      village: c.village,
      phone: c.phone,
      email: c.email,
      dataErased: c.data_erased_at !== null,
    })),
    protocols: protocols.map((p) => ({
      id: p.id,
      heldOn: p.held_on,
      protocolRef: p.protocol_ref,
      place: p.place,
      participants: p.participants,
    })),
    meeting: meeting
      ? {
          date: meeting.scheduled_on,
          time: meeting.starts_at,
          place: meeting.place,
          status: meeting.status,
          heldOn: meeting.held_on,
        }
      : null,
    notices: notices.map((n) => ({ id: n.id, kind: n.kind, publishedAt: n.published_at, channels: n.channels })),
  };
}
