// 4.3: the receipt of an act, from which its deadlines count.
import type { IsoDate } from '../../domain/dates';
import { actWorkflowId, recordReceiptUpdate, type Receipt } from '../../workflows/act/contract';
import { requireEngine, type ProcedureDeps } from '../deps';

/** 4.3: the count starts on receipt (staff: e.g. a paper delivery; link: the object opened its link). A second receipt changes nothing. */
export async function recordReceipt(
  deps: Pick<ProcedureDeps, 'engine'>,
  input: { actId: string; receivedOn: IsoDate; via: 'link' | 'staff' },
): Promise<Receipt> {
  return requireEngine(deps).update(actWorkflowId(input.actId), recordReceiptUpdate, {
    receivedOn: input.receivedOn,
    via: input.via,
  });
}
