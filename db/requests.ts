// Information requests (7.3.2(1), Law No. 217): recording a written request and reading the projection.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { IsoDate } from '../domain/dates';
import type { CalendarKind } from '../domain/object-calendar';
import { requestOutcome, type RefusalGround, type RequestOutcome } from '../domain/request';
import { type Database, type InformationRequestsTable, isoDateOf } from './database';
import { findObjectById } from './objects';
import { record } from './record';
import { requestStream } from './requests-events';

export interface InformationRequest {
  id: string;
  groupId: string;
  councilId: string;
  objectId: string;
  subject: string;
  purpose: string;
  reference: string | null;
  actId: string | null;
  calendarKind: CalendarKind;
  sentOn: IsoDate;
  receivedOn: IsoDate | null;
  receivedVia: 'link' | 'staff' | null;
  firstDue: IsoDate | null;
  due: IsoDate | null;
  extension: { on: IsoDate; reason: string } | null;
  outcome: 'answered' | 'refused' | null;
  outcomeOn: IsoDate | null;
  answerText: string | null;
  refusal: { ground: RefusalGround; text: string } | null;
  escalated: boolean;
}

/** Date columns come back as 'YYYY-MM-DD' strings (db/connect.ts sets the date parser). */

function toRequest(row: Selectable<InformationRequestsTable>): InformationRequest {
  return {
    id: row.id,
    groupId: row.group_id,
    councilId: row.council_id,
    objectId: row.object_id,
    subject: row.subject,
    purpose: row.purpose,
    reference: row.reference,
    actId: row.act_id,
    calendarKind: row.calendar_kind,
    sentOn: isoDateOf(row.sent_on)!,
    receivedOn: isoDateOf(row.received_on),
    receivedVia: row.received_via,
    firstDue: isoDateOf(row.first_due_date),
    due: isoDateOf(row.due_date),
    extension:
      row.extended_on === null ? null : { on: isoDateOf(row.extended_on)!, reason: row.extension_reason ?? '' },
    outcome: row.outcome,
    outcomeOn: isoDateOf(row.outcome_on),
    answerText: row.answer_text,
    refusal: row.refusal_ground === null ? null : { ground: row.refusal_ground, text: row.refusal_text ?? '' },
    escalated: row.escalated,
  };
}

export async function findRequest(db: Kysely<Database>, id: string): Promise<InformationRequest | undefined> {
  const row = await db.selectFrom('information_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRequest(row);
}

/** The group's requests, the latest sent first. */
export async function listGroupRequests(db: Kysely<Database>, groupId: string): Promise<InformationRequest[]> {
  const rows = await db
    .selectFrom('information_requests')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('sent_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toRequest);
}

/** A line of the public list: no personal data (the object is an organisation; nobody's name or address). */
export interface PublicRequestLine {
  subject: string;
  object: { ky: string; ru: string };
  sentOn: IsoDate;
  due: IsoDate | null;
  outcome: RequestOutcome;
}

export async function publicGroupRequests(
  db: Kysely<Database>,
  groupId: string,
  today: IsoDate,
): Promise<PublicRequestLine[]> {
  const rows = await db
    .selectFrom('information_requests')
    .innerJoin('monitored_objects', 'monitored_objects.id', 'information_requests.object_id')
    .select([
      'information_requests.subject',
      'information_requests.sent_on',
      'information_requests.due_date',
      'information_requests.outcome',
      'information_requests.outcome_on',
      'monitored_objects.name',
      'monitored_objects.name_ru',
    ])
    .where('information_requests.group_id', '=', groupId)
    .orderBy('information_requests.sent_on', 'desc')
    .execute();
  return rows.map((r) => ({
    subject: r.subject,
    object: { ky: r.name, ru: r.name_ru ?? r.name },
    sentOn: isoDateOf(r.sent_on)!,
    due: isoDateOf(r.due_date),
    outcome: requestOutcome(
      { outcome: r.outcome, outcomeOn: isoDateOf(r.outcome_on), due: isoDateOf(r.due_date) },
      today,
    ),
  }));
}

export interface WriteRequestInput {
  id?: string;
  groupId: string;
  objectId: string;
  subject: string;
  purpose: string;
  reference: string | null;
  actId: string | null;
  sentOn: IsoDate;
}

/**
 * Records request.written (the caller checked the draft, the group and the object). The object's calendar is fixed
 * when the request is written (4.2).
 */
export async function recordWrittenRequest(
  db: Kysely<Database>,
  input: WriteRequestInput & { councilId: string },
  actor: string,
): Promise<InformationRequest> {
  const object = (await findObjectById(db, input.objectId))!;
  const requestId = input.id ?? randomUUID();
  await record(db, {
    stream: requestStream(requestId),
    expectedVersion: 0,
    actor,
    events: [
      {
        type: 'request.written',
        payload: {
          requestId,
          groupId: input.groupId,
          councilId: input.councilId,
          objectId: input.objectId,
          subject: input.subject.trim(),
          purpose: input.purpose.trim(),
          reference: input.reference?.trim() || null,
          actId: input.actId,
          calendarKind: object.calendarKind,
          sentOn: input.sentOn,
        },
        idempotencyKey: `request-written:${requestId}`,
      },
    ],
  });
  return (await findRequest(db, requestId))!;
}
