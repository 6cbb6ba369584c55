// The monitored object's side of an act (4.3), reached only through the signed link mailed with the act
// (security/response-token.ts): the link is checked (format, signature, expiry, this act, its party, not revoked by a
// fresh link re-sent since: db/link-generations.ts). Opening it records nothing (a mail scanner opens links too): the
// receipt the 4.3 counts start from is the party's deliberate "I have received it" (receiveAsObject), and the answers
// are recorded as responses to what the party owes. An act about another object also goes to the executive body with
// its own link: its receipt is its own (4.3(4)).
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { findAct, type Act } from '../../db/acts';
import { executiveReceiptOf } from '../../db/executive-receipts';
import { actLinkSubject, currentLinkGeneration } from '../../db/link-generations';
import { findObjectById, type MonitoredObject } from '../../db/objects';
import type { ReceiptParty } from '../../domain/act-procedure';
import type { Lang } from '../../domain/i18n';
import {
  RESPONSE_TOKEN_MESSAGES,
  ResponseTokenError,
  verifyResponseToken,
  type ResponseTokenErrorCode,
} from '../../security/response-token';
import { responseLinkSecret } from '../../security/server-secret';
import { AppError } from '../app-error';
import type { AppDeps } from '../app-types';
import { procedureDeps } from '../procedure-deps';
import { EngineUnavailableError, ProcedureNotFoundError, ProcedureRefusedError } from '../../procedures/engine';
import { recordReceipt } from '../../procedures/acts/record-receipt';
import { recordResponse, type ResponseResult } from '../../procedures/acts/record-response';
import { checkUpload, domain, engineOf, todayOf } from './common';
import { actProgress, keysOwedBy, owedBy, type ActProgress } from '../../procedures/acts/act-progress';
import type { UploadedFile } from './response-files';

/** Why a link does not open the act: 410 for an expired or revoked link (it was genuine), 403 for anything else. */
export class LinkRefusal extends Error {
  override name = 'LinkRefusal';
  constructor(readonly code: ResponseTokenErrorCode) {
    super(`response link refused: ${code}`);
  }
  get status(): 403 | 410 {
    return this.code === 'expired' || this.code === 'revoked' ? 410 : 403;
  }
  /** RESPONSE_TOKEN_MESSAGES in the request's language. */
  words(lang: Lang): string {
    return RESPONSE_TOKEN_MESSAGES[this.code][lang];
  }
}

/** The per-address limit on the link routes (the login's window, so the 429 text "try again in 15 minutes" holds). */
export const LINK_RATE_LIMIT = {
  windowMs: 15 * 60 * 1000,
  /** Opening the page (and its language switch, the redirect after an answer). */
  reads: 60,
  /** Answers: a few per act are normal (an amendment, a double click); a flood is not. */
  writes: 20,
};

export const linkRateKey = (request: FastifyRequest): string =>
  `link|${request.ip}|${(request.params as { actId?: string }).actId ?? ''}`;

export interface LinkedAct {
  act: Act;
  /** The party the link was signed for: the act's object, or the executive body (an act about another object). */
  object: MonitoredObject;
  /** Whose receipt the link records (4.3(3) and (4)). */
  party: ReceiptParty;
}

/**
 * Checks the link for this act: format, signature (constant time), expiry, then that it names this act. Throws
 * LinkRefusal. An act that is not issued (or unknown) under a genuine link is a 404, with no content.
 */
export async function openLink(deps: AppDeps, actId: string, token: string | undefined): Promise<LinkedAct> {
  const now = (deps.clock ?? Date.now)();
  let payload;
  try {
    payload = verifyResponseToken(token ?? '', responseLinkSecret(deps.config), { nowMs: now, actId });
  } catch (error) {
    if (error instanceof ResponseTokenError) throw new LinkRefusal(error.code);
    throw error;
  }
  const act = await findAct(deps.db, actId);
  if (!act || act.status === 'draft') throw new AppError('not-found', `act ${actId}`, { subject: 'act' });
  // A fresh link re-sent since revokes this one: only the party's newest generation opens the act.
  if ((payload.generation ?? 0) !== (await currentLinkGeneration(deps.db, actLinkSubject(actId), payload.objectId)))
    throw new LinkRefusal('revoked');
  const object = await findObjectById(deps.db, payload.objectId);
  if (act.objectId === payload.objectId) {
    if (!object) throw new AppError('not-found', `object of act ${actId}`, { subject: 'act' });
    return { act, object, party: 'object' };
  }
  // 4.3(4): the executive body's own link to an act about another object of its council.
  const about = await findObjectById(deps.db, act.objectId);
  if (object?.isExecutiveBody && about && !about.isExecutiveBody && about.councilId === object.councilId)
    return { act, object, party: 'executive-body' };
  throw new LinkRefusal('wrong-act');
}

/** The receipt posted through a link names its party (when it does) as the link's own: else 'wrong-party' (4.3). */
export function checkLinkParty(linked: LinkedAct, claimed: unknown): void {
  if (claimed === undefined || claimed === null || claimed === '') return;
  const party = claimed === 'executive_body' ? 'executive-body' : claimed;
  if (party !== linked.party) throw new LinkRefusal('wrong-party');
}

export type ReceiptNote = 'engine-unavailable' | 'not-started' | 'refused' | null;

export interface ObjectView {
  linked: LinkedAct;
  progress: ActProgress;
  /** This party's receipt (the object's, or the executive body's own: 4.3(4)); null until it confirms it. */
  receipt: { receivedOn: string; via: 'link' | 'staff' } | null;
  /** The act still takes a receipt (issued, not closed) and this party has none: the page shows its button. */
  awaitingReceipt: boolean;
}

/** What the link shows: the act and where it stands. Opening a link records nothing (4.3: receipt is deliberate). */
export async function viewAsObject(deps: AppDeps, log: FastifyBaseLogger, linked: LinkedAct): Promise<ObjectView> {
  const engine = engineOf(deps);
  const today = todayOf(deps);
  const progress = await actProgress({ db: deps.db, engine, today, log }, linked.act, councilOf(linked));
  const receipt =
    linked.party === 'executive-body'
      ? (progress.executiveReceipt ?? (await executiveReceiptOf(deps.db, linked.act.id)))
      : (progress.receipt ??
        (linked.act.receivedOn && linked.act.receivedVia
          ? { receivedOn: linked.act.receivedOn, via: linked.act.receivedVia }
          : null));
  const closed = progress.closed !== null || linked.act.status === 'closed';
  return { linked, progress, receipt, awaitingReceipt: receipt === null && !closed };
}

/**
 * 4.3: the party's deliberate receipt through its own link ("I have received it"), dated today. A second one changes
 * nothing (the workflow returns the first: no second event, no second mail). Without the engine, or before the
 * procedure started, nothing is recorded and the note says why; the party presses again later.
 */
export async function receiveAsObject(
  deps: AppDeps,
  log: FastifyBaseLogger,
  linked: LinkedAct,
): Promise<{ receivedOn: string; via: 'link' | 'staff'; recordedAt: string } | { note: Exclude<ReceiptNote, null> }> {
  try {
    const receipt = await recordReceipt(procedureDeps(deps, log), {
      actId: linked.act.id,
      receivedOn: todayOf(deps),
      via: 'link',
      party: linked.party,
    });
    return { receivedOn: receipt.receivedOn, via: receipt.via, recordedAt: receipt.recordedAt };
  } catch (error) {
    if (error instanceof EngineUnavailableError) return { note: 'engine-unavailable' };
    if (error instanceof ProcedureNotFoundError) return { note: 'not-started' };
    if (error instanceof ProcedureRefusedError || error instanceof AppError) {
      log.warn({ err: error, actId: linked.act.id }, 'the receipt through the link was refused');
      return { note: 'refused' };
    }
    throw error;
  }
}

function councilOf(linked: LinkedAct): string {
  return linked.object.councilId;
}

/**
 * The object's answer: to what it owes (4.3(3); the executive body's report under 4.3(4)), dated today, keyed by
 * the form's nonce so a double submit records once. An answer is itself deliberate: a party that answers without
 * having pressed "I have received it" has received the act, so its receipt is recorded first (dated today).
 */
export async function respondAsObject(
  deps: AppDeps,
  log: FastifyBaseLogger,
  linked: LinkedAct,
  answer: { text: string; submissionKey: string; file: UploadedFile | null },
): Promise<ResponseResult> {
  const today = todayOf(deps);
  const { act, object } = linked;
  if (answer.file) checkUpload(answer.file);
  if (linked.party === 'executive-body') {
    if (act.status === 'issued' || act.status === 'received')
      await recordReceipt(procedureDeps(deps, log), {
        actId: act.id,
        receivedOn: today,
        via: 'link',
        party: linked.party,
      });
  } else if (act.status === 'issued') {
    const progress = await actProgress({ db: deps.db, engine: engineOf(deps), today, log }, act, object.councilId);
    if (progress.receipt === null)
      await recordReceipt(procedureDeps(deps, log), { actId: act.id, receivedOn: today, via: 'link' });
  }
  const [obligationKey] = keysOwedBy(object);
  return domain(() =>
    recordResponse(procedureDeps(deps, log), {
      actId: act.id,
      obligationKey: obligationKey!,
      respondedOn: today,
      text: answer.text,
      submissionKey: `link:${answer.submissionKey}`,
      file: answer.file,
      uploadedBy: `object:${object.id}`,
    }),
  );
}

export { owedBy };
