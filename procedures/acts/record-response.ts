// 4.3: a response to an act (the object's answer, the executive body's report), with its file.
import type { IsoDate } from '../../domain/dates';
import {
  actWorkflowId,
  recordResponseUpdate,
  type ActObligationKey,
  type RecordedResponse,
} from '../../workflows/act/contract';
import {
  attachResponseFile,
  checkResponseFile,
  type ResponseFile,
  type UploadedFile,
} from '../../api/acts/response-files';
import { requireEngine, type ProcedureDeps } from '../deps';

export interface ResponseInput {
  actId: string;
  obligationKey: ActObligationKey;
  respondedOn: IsoDate;
  text: string;
  /** Who submits and their key (form nonce, API key, the CLI's hash of the text): the same again is the same submission. */
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
 * no-op), then keeps its file. The file is checked first (security/annex-policy.ts: AnnexRefusal), so a refused file
 * records nothing.
 */
export async function recordResponse(
  deps: ProcedureDeps & { dataDir: string },
  input: ResponseInput,
): Promise<ResponseResult> {
  if (input.file) checkResponseFile(input.file);
  const engine = requireEngine(deps);
  const response = await engine.update(actWorkflowId(input.actId), recordResponseUpdate, {
    obligationKey: input.obligationKey,
    respondedOn: input.respondedOn,
    text: input.text,
    submissionKey: input.submissionKey,
  });
  const file = input.file
    ? await attachResponseFile(deps.db, {
        actId: input.actId,
        responseId: response.responseId,
        file: input.file,
        dataDir: deps.dataDir,
        uploadedBy: input.uploadedBy,
        at: new Date(deps.now()),
      })
    : null;
  return { response, file };
}
