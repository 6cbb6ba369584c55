// 7.3.2(1): the chair (or staff) writes an information request to a monitored object and sends it; its procedure
// mails the signed link and counts Law No. 217's 10 working days from the object's receipt.
import { findObjectById, inactiveObjectProblem } from '../../db/objects';
import { findRequest, recordWrittenRequest, type InformationRequest } from '../../db/requests';
import { checkRequestDraft, describeRequestProblems, type RequestDraft } from '../../domain/request';
import { problem, type Problem } from '../../domain/problem';
import { checkGroupActive } from '../../domain/act-checks';
import { ConflictError } from '../refusals';
import { requestWorkflowId, type RequestInput } from '../../workflows/request/contract';
import { ProcedureRefusedError } from '../engine';
import { requireEngine, todayIn, type ProcedureDeps } from '../deps';
import { refuseIfRemoved } from '../conflicts/conflicts';

export interface WriteRequestInput extends RequestDraft {
  groupId: string;
  objectId: string;
  /** The act it serves, when it serves one (the reference may also name a plan item in words). */
  actId?: string | null;
  actor: string;
  /** A business key given by the caller (e.g. a form's token): the same key again is the same request. */
  requestId?: string;
}

function refuse(problems: Problem[]): never {
  throw new ProcedureRefusedError(describeRequestProblems(problems), problems);
}

/**
 * Checks the request (what and why, the group, the object of the group's council), records it and starts its
 * procedure (workflow id from the request's id, never run twice). Bad input is refused with every problem, writing
 * nothing; without an engine nothing is written either.
 */
export async function writeRequest(
  deps: ProcedureDeps,
  input: WriteRequestInput,
): Promise<{ request: InformationRequest; delivery: 'started' | 'already-started' }> {
  const problems = checkRequestDraft(input);
  const group = await deps.db
    .selectFrom('groups')
    .select(['id', 'council_id', 'status', 'term_end'])
    .where('id', '=', input.groupId)
    .executeTakeFirst();
  if (!group)
    problems.push(
      problem('unknown-group', 'groupId', null, {
        ky: `${input.groupId} деген топ жок.`,
        ru: `Группы ${input.groupId} нет.`,
        en: `There is no group ${input.groupId}.`,
      }),
    );
  const object = await findObjectById(deps.db, input.objectId);
  if (!object || (group && object.councilId !== group.council_id))
    problems.push(
      problem('unknown-object', 'objectId', '4.2', {
        ky: `${input.objectId} бул кеңештин мониторинг объектиси эмес (4.2-пункт).`,
        ru: `${input.objectId} — не объект мониторинга этого кенеша (п. 4.2).`,
        en: `${input.objectId} is not a monitored object of this council (clause 4.2).`,
      }),
    );
  if (object && !object.active) problems.push(inactiveObjectProblem(object)); // 4.2: none to an inactive object
  if (problems.length > 0) refuse(problems);
  // 7.3.2(1), 5.4.5, 5.3.1: only a group that stands (created, its term of office not over) requests information.
  const standing = checkGroupActive({ status: group!.status, termEnd: group!.term_end }, todayIn(deps));
  if (standing.length > 0) throw new ConflictError(standing, input.groupId);
  // 6.4: a member removed from this object for a conflict of interest writes no request about it (409, nothing written).
  await refuseIfRemoved(deps, { groupId: input.groupId, objectId: input.objectId, actor: input.actor });
  const engine = requireEngine(deps);
  const existing = input.requestId ? await findRequest(deps.db, input.requestId) : undefined;
  const request =
    existing ??
    (await recordWrittenRequest(
      deps.db,
      {
        ...(input.requestId ? { id: input.requestId } : {}),
        groupId: input.groupId,
        councilId: group!.council_id,
        objectId: input.objectId,
        subject: input.subject,
        purpose: input.purpose,
        reference: input.reference ?? null,
        actId: input.actId ?? null,
        sentOn: todayIn(deps),
      },
      input.actor,
    ));
  const start: RequestInput = { requestId: request.id, groupId: request.groupId, councilId: request.councilId };
  const delivery = await engine.start('requestWorkflow', requestWorkflowId(request.id), [start]);
  return { request, delivery };
}
