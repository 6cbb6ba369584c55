// The steps of a running information request (Law No. 217): the receipt, the one extension, the answer, the refusal
// with its ground, and the state. Each is one update of its workflow, whose validator applies domain/request.ts.
import type { IsoDate } from '../../domain/dates';
import type { RefusalGround } from '../../domain/request';
import {
  answerRequestUpdate,
  extendRequestUpdate,
  recordRequestReceiptUpdate,
  refuseRequestUpdate,
  requestStateQuery,
  requestWorkflowId,
  type RequestResult,
  type RequestState,
} from '../../workflows/request/contract';
import { requireEngine, type ProcedureDeps } from '../deps';

type Engine = Pick<ProcedureDeps, 'engine'>;

/** The count starts on receipt: the object's deliberate "I have received it", or a paper receipt recorded by staff. */
export function recordRequestReceipt(
  deps: Engine,
  input: { requestId: string; receivedOn: IsoDate; via: 'link' | 'staff' },
): Promise<NonNullable<RequestState['receipt']>> {
  return requireEngine(deps).update(requestWorkflowId(input.requestId), recordRequestReceiptUpdate, {
    receivedOn: input.receivedOn,
    via: input.via,
  });
}

/** Law No. 217: once, before the first period ends, to a new due date at most 10 working days later, with a reason. */
export function extendRequest(
  deps: Engine,
  input: { requestId: string; on: IsoDate; newDue: IsoDate; reason: string },
): Promise<NonNullable<RequestState['extension']>> {
  return requireEngine(deps).update(requestWorkflowId(input.requestId), extendRequestUpdate, {
    on: input.on,
    newDue: input.newDue,
    reason: input.reason,
  });
}

export function answerRequest(
  deps: Engine,
  input: { requestId: string; on: IsoDate; text: string },
): Promise<RequestResult> {
  return requireEngine(deps).update(requestWorkflowId(input.requestId), answerRequestUpdate, {
    on: input.on,
    text: input.text,
  });
}

/** Law No. 217: a refusal cites its ground (a choice) and explains it. */
export function refuseRequest(
  deps: Engine,
  input: { requestId: string; on: IsoDate; ground: RefusalGround; text: string },
): Promise<RequestResult> {
  return requireEngine(deps).update(requestWorkflowId(input.requestId), refuseRequestUpdate, {
    on: input.on,
    ground: input.ground,
    text: input.text,
  });
}

export function requestState(deps: Engine, requestId: string): Promise<RequestState> {
  return requireEngine(deps).query(requestWorkflowId(requestId), requestStateQuery);
}
