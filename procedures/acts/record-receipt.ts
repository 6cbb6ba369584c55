// 4.3: the receipt of an act, from which its deadlines count: the object's, or the executive body's own (4.3(4)).
import type { ReceiptParty } from '../../domain/act-procedure';
import type { IsoDate } from '../../domain/dates';
import { actWorkflowId, recordReceiptUpdate, type Receipt } from '../../workflows/act/contract';
import { requireEngine, type ProcedureDeps } from '../deps';

/**
 * 4.3: the count starts on receipt (staff: e.g. a paper delivery; link: the party's own link). `party` is whose
 * receipt: the object's (the default) or the executive body's, whose 30 days (4.3(4)) count from its own receipt of
 * an act about another object. A second receipt of the same party changes nothing.
 */
export async function recordReceipt(
  deps: Pick<ProcedureDeps, 'engine'>,
  input: { actId: string; receivedOn: IsoDate; via: 'link' | 'staff'; party?: ReceiptParty },
): Promise<Receipt> {
  return requireEngine(deps).update(actWorkflowId(input.actId), recordReceiptUpdate, {
    receivedOn: input.receivedOn,
    via: input.via,
    ...(input.party === undefined || input.party === 'object' ? {} : { party: input.party }),
  });
}
