// The act procedure (4.3) as data: what the workflow knows of the issued act, its delivery, receipt and responses,
// the state the checks of act-checks.ts read, and what staff and the object send.
import type { IsoDate } from './dates';
import type { ObligationState } from './obligation-state';

/** Staff are prompted when no receipt came within this many working days of the issue (ActInput can change it). */
export const DEFAULT_RECEIPT_PROMPT_WORKING_DAYS = 3;

export type ActObligationKey = 'object-response' | 'executive-report';

/** An obligation the act opens on receipt and the party that owes it (a party id the mail activities resolve). */
export type ActObligation = { key: ActObligationKey; party: string };

/**
 * 4.3: the obligations an act opens on its receipt. The object informs the executive body (4.3 (3)), which does not
 * apply when the object is the executive body itself; the executive body reports to the council (4.3 (4)) always.
 */
export function actObligations(object: { id: string; isExecutiveBody: boolean }): ActObligation[] {
  const report: ActObligation = { key: 'executive-report', party: 'executive-body' };
  return object.isExecutiveBody ? [report] : [{ key: 'object-response', party: `object:${object.id}` }, report];
}

/** What the workflow knows of the issued act (from the database, recorded in history). */
export interface IssuedActInfo {
  actId: string;
  number: string;
  issuedOn: IsoDate;
  title: string;
  objectId: string;
  isExecutiveBody: boolean;
  /** 4.3: the obligations that open on receipt, with the party that owes each. */
  obligations: ActObligation[];
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
