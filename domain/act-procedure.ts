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
 * 4.3: the obligations an act opens on its receipt. The object informs the executive body (4.3(3)), which does not
 * apply when the object is the executive body itself; the executive body reports to the council (4.3(4)) always.
 */
export function actObligations(object: { id: string; isExecutiveBody: boolean }): ActObligation[] {
  const report: ActObligation = { key: 'executive-report', party: 'executive-body' };
  return object.isExecutiveBody ? [report] : [{ key: 'object-response', party: `object:${object.id}` }, report];
}

/**
 * 4.3: the obligations whose count starts on the given party's receipt. With the executive body's own track (an act
 * about another object), the object's receipt opens 4.3(3) and the executive body's own receipt opens 4.3(4);
 * otherwise (an act about the executive body, or a procedure started before the track existed) one receipt opens all.
 */
export function obligationsOnReceipt(
  obligations: readonly ActObligation[],
  party: ReceiptParty,
  ownTrack: boolean,
): ActObligation[] {
  if (!ownTrack) return [...obligations];
  return obligations.filter((o) => (o.key === 'executive-report') === (party === 'executive-body'));
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

/**
 * Who received the act: the object, or the executive body (4.3(4): its 30 days count from its own receipt of the
 * act). For an act about the executive body itself, the two are one receipt.
 */
export type ReceiptParty = 'object' | 'executive-body';

export const RECEIPT_PARTIES: readonly ReceiptParty[] = ['object', 'executive-body'];

export interface ReceiptInput {
  receivedOn: IsoDate;
  /** 'link': the party's own response link; 'staff': staff recorded a receipt (e.g. paper delivery). */
  via: 'link' | 'staff';
  /** Whose receipt; the object's when absent. */
  party?: ReceiptParty;
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
  /**
   * 4.3(4): the executive body's own delivery and receipt, for an act about another object; null for an act about
   * the executive body (its receipt is `receipt`) and for procedures started before the executive body had its track.
   */
  executiveBody: { delivery: DeliveryResult | null; receipt: Receipt | null } | null;
  /** The staff prompt when no receipt arrives: its instant and whether it went out. */
  receiptPrompt: { at: string | null; sent: boolean };
  responses: RecordedResponse[];
  obligations: ObligationState[];
  closed: { on: IsoDate; by: 'obligations-met' | 'chair'; reason: string | null } | null;
}
