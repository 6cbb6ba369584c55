// The typed contract of the act procedure (4.3, 8.1): delivery to the object, receipt, the 10- and 30-day
// obligations, responses, and the chair's closing. The API and the CLI import these constants.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { CalendarChangedSignalInput, ObligationState } from '../obligation/contract';

export type ActObligationKey = 'object-response' | 'executive-report';

export interface ActInput {
  actId: string;
  groupId: string;
  councilId: string;
  /** Working days after the issue without a receipt before staff are prompted (issue 5: a setting); 3 by default. */
  receiptPromptWorkingDays?: number;
  /** The hour (Asia/Bishkek) reminders and the receipt prompt go out; 9 by default. */
  reminderHour?: number;
}

export const actWorkflowId = (actId: string): string => `act-${actId}`;

/** What the workflow knows of the issued act (from the database, recorded in history). */
export interface IssuedActInfo {
  actId: string;
  number: string;
  issuedOn: IsoDate;
  title: string;
  objectId: string;
  isExecutiveBody: boolean;
  /** 4.3: the obligations that open on receipt, with the party that owes each. */
  obligations: { key: ActObligationKey; party: string }[];
}

export interface DeliveryResult {
  /** The addresses the act went to (the object's contacts). */
  to: string[];
  /** When the response link stops working (UTC ISO). */
  linkExpiresAt: string;
}

export interface ReceiptInput {
  receivedOn: IsoDate;
  /** 'link': the object opened its response link; 'staff': staff recorded a receipt (e.g. paper delivery). */
  via: 'link' | 'staff';
}

export interface Receipt extends ReceiptInput {
  /** When it was recorded (the workflow clock, UTC ISO). */
  recordedAt: string;
}

export interface ResponseInput {
  obligationKey: ActObligationKey;
  respondedOn: IsoDate;
  text: string;
  /** The submitter's own key (e.g. a form token): the same key again is the same submission. */
  submissionKey: string;
}

export interface RecordedResponse {
  responseId: string;
  obligationKey: ActObligationKey;
  obligationId: string;
  respondedOn: IsoDate;
  late: boolean;
  submissionKey: string;
  /** The response this one amends, or null for the first. */
  supersedes: string | null;
}

export interface CloseActInput {
  reason: string;
  on: IsoDate;
}

export type ActStep = 'delivering' | 'awaiting-receipt' | 'awaiting-responses' | 'closed';

export interface ActState {
  actId: string;
  groupId: string;
  councilId: string;
  step: ActStep;
  /** The workflow clock's date (Asia/Bishkek). */
  today: IsoDate;
  act: IssuedActInfo | null;
  /** The response link itself is never in the state. */
  delivery: DeliveryResult | null;
  receipt: Receipt | null;
  /** The staff prompt when no receipt arrives: its instant and whether it went out. */
  receiptPrompt: { at: string | null; sent: boolean };
  responses: RecordedResponse[];
  obligations: ObligationState[];
  closed: { on: IsoDate; by: 'obligations-met' | 'chair'; reason: string | null } | null;
}

export type ActResult = NonNullable<ActState['closed']> & { actId: string; obligations: ObligationState[] };

/** 4.3: the count starts on receipt (a second receipt changes nothing and returns the first). */
export const recordReceiptUpdate = defineUpdate<Receipt, [ReceiptInput]>('recordReceipt');
/** 4.3: a response to one obligation; late ones are accepted and marked late; the same submission again is a no-op. */
export const recordResponseUpdate = defineUpdate<RecordedResponse, [ResponseInput]>('recordResponse');
/** The chair closes the act with a reason, only after an escalation. */
export const closeActUpdate = defineUpdate<NonNullable<ActState['closed']>, [CloseActInput]>('closeAct');
export const actCalendarChangedSignal = defineSignal<[CalendarChangedSignalInput]>('calendarChanged');
export const actStateQuery = defineQuery<ActState>('actState');
