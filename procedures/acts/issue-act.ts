// 8.1, 4.3: issuing an act and starting its procedure, which mails it to the object and counts the 4.3 deadlines
// from the receipt. The one way to issue: the JSON route, the staff page and `jmeg act issue` all call issueAct.
import { findAct, issueAct as recordIssue, type IssuedAct } from '../../db/acts';
import { LANGS, type Localized } from '../../domain/i18n';
import { problem, type Problem } from '../../domain/problem';
import { checkGroupActive } from '../../domain/act-checks';
import { findGroupById } from '../../db/groups';
import { ConflictError } from '../refusals';
import { msg } from '../../api/ui/messages';
import { actWorkflowId, type ActInput } from '../../workflows/act/contract';
import { ProcedureRefusedError } from '../engine';
import { requireEngine, todayIn, type ProcedureDeps } from '../deps';

export type DeliveryStart = 'started' | 'already-started' | 'not-started';

export interface IssueResult {
  issued: IssuedAct;
  /** not-started: the act is issued but its procedure could not be started now; issuing again starts it. */
  delivery: DeliveryStart;
  /** Why the procedure did not start (the engine's words), when it did not. */
  notStartedBecause: string | null;
}

export interface IssueInput {
  actId: string;
  actor: string;
  /** The issue date; default today in Bishkek. */
  on?: string;
  /**
   * Without a reachable engine: 'refuse' writes nothing (EngineUnavailableError, the API's 503); 'issue' records the
   * issue all the same and reports the delivery as not started (`jmeg act issue`, which is run again to deliver).
   */
  whenEngineAway: 'refuse' | 'issue';
}

/**
 * 4.3: an act whose procedure ran (received, or closed) is not issued again: its workflow id is the act's and a
 * finished procedure does not run twice (procedures/temporal-engine.ts starts with REJECT_DUPLICATE).
 */
export function notIssuable(act: { id: string; number: string | null; status: 'received' | 'closed' }): Problem {
  const key = act.status === 'received' ? 'manageActs.refused.received' : 'manageActs.refused.closed';
  const message = Object.fromEntries(LANGS.map((l) => [l, msg(l, key, { act: act.number ?? act.id })])) as Localized;
  return problem(`act-${act.status}`, 'status', '4.3', message);
}

/**
 * 8.1, 4.3: issues the act (refused with every missing 8.1 item: db/acts.ts's ActError) and starts its procedure.
 * Issuing an issued act records nothing and starts the procedure again ('already-started' when it runs): the "start
 * again" of a delivery that did not start. A received or closed act is refused with one Problem, writing nothing; so
 * is a draft of a group still forming or whose term has ended (ConflictError, the API's 409: 8.1, 5.4.5, 5.3.1).
 */
export async function issueAct(deps: ProcedureDeps, input: IssueInput): Promise<IssueResult> {
  const act = await findAct(deps.db, input.actId);
  if (act && (act.status === 'received' || act.status === 'closed')) {
    const refusal = notIssuable({ id: act.id, number: act.number, status: act.status });
    throw new ProcedureRefusedError(refusal.message.en, [refusal]);
  }
  const on = input.on ?? todayIn(deps);
  if (act && act.status === 'draft') {
    // 8.1, 5.4.5, 5.3.1: only a group that stands issues its acts (the "start again" of an issued act is not refused).
    const group = await findGroupById(deps.db, act.groupId);
    const refusals = group ? checkGroupActive({ status: group.status, termEnd: group.term_end }, todayIn(deps)) : [];
    if (refusals.length > 0) throw new ConflictError(refusals, act.groupId);
  }
  if (input.whenEngineAway === 'refuse') requireEngine(deps);
  const issued = await recordIssue(deps.db, input.actId, { on, actor: input.actor });
  const start: ActInput = { actId: issued.actId, groupId: issued.groupId, councilId: issued.councilId };
  try {
    const delivery = await deps.engine.start('actWorkflow', actWorkflowId(issued.actId), [start]);
    return { issued, delivery, notStartedBecause: null };
  } catch (error) {
    deps.log?.warn(
      { err: error, actId: issued.actId },
      'the act was issued but its procedure did not start; issuing again starts it',
    );
    return {
      issued,
      delivery: 'not-started',
      notStartedBecause: error instanceof Error ? error.message : String(error),
    };
  }
}
