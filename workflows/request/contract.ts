// The typed contract of the information request procedure (7.3.2(1), Law No. 217 of 29.12.2023): delivery with a
// signed link, the receipt, the 10-working-day answer on the object's calendar, the one extension, the answer or the
// refusal with its ground, reminders and one escalation. The API and the CLI import these constants.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { CalendarKind } from '../../domain/object-calendar';
import type { RefusalGround } from '../../domain/request';
import type { RungName } from '../../domain/reminders';
import type { CalendarChangedSignalInput } from '../obligation/contract';

export interface RequestInput {
  requestId: string;
  groupId: string;
  councilId: string;
  /** The hour (Asia/Bishkek) reminders go out; 9 by default. */
  reminderHour?: number;
}

/** The workflow id is the request's business key. */
export const requestWorkflowId = (requestId: string): string => `request-${requestId}`;

/** What the workflow knows of the request (from the database, recorded in history). */
export interface RequestInfo {
  requestId: string;
  objectId: string;
  sentOn: IsoDate;
  subject: string;
}

export interface RequestDelivery {
  to: string[];
  linkExpiresAt: string;
}

export interface RequestReceiptInput {
  receivedOn: IsoDate;
  /** 'link': the object pressed "I have received it" on the page of its link; 'staff': a paper receipt recorded. */
  via: 'link' | 'staff';
}

export interface ExtendRequestInput {
  /** The day the object gave notice of the extension. */
  on: IsoDate;
  /** The new due date it gives: at most 10 working days after the first one. */
  newDue: IsoDate;
  reason: string;
}

export interface AnswerRequestInput {
  on: IsoDate;
  text: string;
}

export interface RefuseRequestInput {
  on: IsoDate;
  ground: RefusalGround;
  text: string;
}

export type RequestStep = 'delivering' | 'awaiting-receipt' | 'awaiting-answer' | 'answered' | 'refused';

export interface RequestState {
  requestId: string;
  groupId: string;
  step: RequestStep;
  today: IsoDate;
  info: RequestInfo | null;
  delivery: RequestDelivery | null;
  receipt: (RequestReceiptInput & { recordedAt: string }) | null;
  /** The calendar the count uses (the object's, 4.2). */
  calendarKind: CalendarKind | null;
  firstDue: IsoDate | null;
  due: IsoDate | null;
  extension: { on: IsoDate; newDue: IsoDate; reason: string } | null;
  outcome: { kind: 'answered' | 'refused'; on: IsoDate; late: boolean; ground?: RefusalGround } | null;
  /** The obligation currently tracked (the first period, then the extended one). */
  obligationId: string | null;
  ladder: { rung: RungName; date: IsoDate; at: string; status: 'pending' | 'sent' | 'skipped' }[];
  escalated: boolean;
}

export type RequestResult = NonNullable<RequestState['outcome']> & { requestId: string; due: IsoDate };

/** Law No. 217: the count starts on receipt (a second receipt changes nothing and returns the first). */
export const recordRequestReceiptUpdate = defineUpdate<NonNullable<RequestState['receipt']>, [RequestReceiptInput]>(
  'recordRequestReceipt',
);
/** Law No. 217: once, before the first period ends, by up to 10 working days, with a written reason. */
export const extendRequestUpdate = defineUpdate<NonNullable<RequestState['extension']>, [ExtendRequestInput]>(
  'extendRequest',
);
export const answerRequestUpdate = defineUpdate<RequestResult, [AnswerRequestInput]>('answerRequest');
/** Law No. 217: a refusal cites its ground. */
export const refuseRequestUpdate = defineUpdate<RequestResult, [RefuseRequestInput]>('refuseRequest');
export const requestCalendarChangedSignal = defineSignal<[CalendarChangedSignalInput]>('calendarChanged');
export const requestStateQuery = defineQuery<RequestState>('requestState');
