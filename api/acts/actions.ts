// The act actions the JSON routes and the pages share: issue and start the act's procedure, record a receipt, a
// response (with its file) and the chair's close. Each talks to the workflow only through the engine and the typed
// contract of workflows/act/contract.ts; the one database write that precedes a workflow action (the issue) is
// made only after the engine was found available, and is idempotent so that "start again" repeats nothing.
import type { FastifyBaseLogger } from 'fastify';
import { issueAct, type Act, type IssuedAct } from '../../db/acts';
import type { IsoDate } from '../../domain/dates';
import { AppError } from '../app-error';
import type { AppDeps } from '../app-types';
import {
  actStateQuery,
  actWorkflowId,
  closeActUpdate,
  recordReceiptUpdate,
  recordResponseUpdate,
  type ActInput,
  type ActObligationKey,
  type ActState,
  type Receipt,
  type RecordedResponse,
} from '../../workflows/act/contract';
import { domain, domainAppError, engineOf, requireEngine, todayOf } from './common';
import { attachResponseFile, checkResponseFile, type ResponseFile, type UploadedFile } from './response-files';

export type DeliveryStart = 'started' | 'already-started' | 'not-started';

export interface IssueResult {
  issued: IssuedAct;
  /** not-started: the act is issued but its procedure could not be started now; issuing again starts it. */
  delivery: DeliveryStart;
}

/**
 * 8.1, 4.3: issues the act (refused with every missing 8.1 item) and starts its procedure, which mails it to the
 * object. The engine is checked first, so a 503 writes nothing. Issuing an issued act records nothing and starts the
 * procedure again (start is idempotent by the act's workflow id): the "start again" of a delivery that did not start.
 */
export async function issueAndStart(
  deps: AppDeps,
  log: FastifyBaseLogger,
  act: Act,
  actor: string,
): Promise<IssueResult> {
  if (act.status === 'received' || act.status === 'closed') {
    // Its procedure ran (the receipt is the workflow's); starting it again would open a second run.
    throw new AppError('conflict', `act ${act.id} is ${act.status}`, { subject: act.number ?? act.id });
  }
  const engine = requireEngine(deps);
  const issued = await domain(() => issueAct(deps.db, act.id, { on: todayOf(deps), actor }));
  const input: ActInput = { actId: issued.actId, groupId: issued.groupId, councilId: issued.councilId };
  let delivery: DeliveryStart;
  try {
    delivery = await engine.start('actWorkflow', actWorkflowId(act.id), [input]);
  } catch (error) {
    log.warn(
      { err: error, actId: act.id },
      'the act was issued but its procedure did not start; issuing again starts it',
    );
    delivery = 'not-started';
  }
  return { issued, delivery };
}

/** 4.3: the count starts on receipt (staff: e.g. a paper delivery; link: the object opened its link). A second receipt changes nothing. */
export async function recordReceipt(
  deps: AppDeps,
  actId: string,
  receivedOn: IsoDate,
  via: 'link' | 'staff',
): Promise<Receipt> {
  return requireEngine(deps).update(actWorkflowId(actId), recordReceiptUpdate, { receivedOn, via });
}

export interface ResponseRequest {
  act: Act;
  obligationKey: ActObligationKey;
  respondedOn: IsoDate;
  text: string;
  /** The form's nonce (or the API client's key), prefixed by who submits: the same again is the same submission. */
  submissionKey: string;
  file: UploadedFile | null;
  uploadedBy: string;
}

export interface ResponseResult {
  response: RecordedResponse;
  file: ResponseFile | null;
}

/**
 * 4.3: records a response (late ones are accepted and marked late by the workflow; the same submission key again is a
 * no-op), then keeps its file. The file is checked before anything is sent, so a refused file records nothing.
 */
export async function recordResponse(deps: AppDeps, request: ResponseRequest): Promise<ResponseResult> {
  if (request.file) checkUpload(request.file);
  const engine = requireEngine(deps);
  const response = await engine.update(actWorkflowId(request.act.id), recordResponseUpdate, {
    obligationKey: request.obligationKey,
    respondedOn: request.respondedOn,
    text: request.text,
    submissionKey: request.submissionKey,
  });
  const file = request.file
    ? await attachResponseFile(deps.db, {
        actId: request.act.id,
        responseId: response.responseId,
        file: request.file,
        dataDir: deps.config.dataDir,
        uploadedBy: request.uploadedBy,
        at: new Date((deps.clock ?? Date.now)()),
      })
    : null;
  return { response, file };
}

/** The annex policy on an uploaded response file (400 naming the rule), before anything is sent or written. */
export function checkUpload(file: UploadedFile): void {
  try {
    checkResponseFile(file);
  } catch (error) {
    throw domainAppError(error);
  }
}

/** The chair closes the act with a reason; the workflow refuses unless an obligation was escalated (409 with its problems). */
export async function closeAct(
  deps: AppDeps,
  actId: string,
  reason: string,
  on: IsoDate,
): Promise<NonNullable<ActState['closed']>> {
  // 'not-escalated' is in CONFLICT_CODES: about when, not what (a 409 with the workflow's problems).
  return requireEngine(deps).update(actWorkflowId(actId), closeActUpdate, { reason, on });
}

/** The procedure's state, or null when the engine is away or the procedure is not running. */
export async function queryActState(deps: AppDeps, actId: string): Promise<ActState | null> {
  const engine = engineOf(deps);
  if (!engine.available()) return null;
  try {
    return await engine.query(actWorkflowId(actId), actStateQuery);
  } catch {
    return null;
  }
}
