// Conflicts of interest (6.3-6.4): a member declares in writing (a text or a scan) a conflict about an object, an item
// of the group's work plan or a matter; the declaration starts its procedure (workflows/conflict/), which tells the
// group's chair and the council at once and tracks the council chair's removal against the product's target (3
// working days, not statutory) with one reminder to the council; the council chair (council staff act for the
// council in this product) records a temporary removal, which fulfils that obligation; while removed, the member
// drafts and edits no act or request of the group about that object or linked to that plan item (refuseIfRemoved,
// called by procedures/acts/draft-act.ts, procedures/requests/write-request.ts and procedures/plans/plans.ts).
// A member's or chair's account declares only for the membership it is linked to (db/account-membership.ts).
// Checked whole before anything is written; nothing is written without an engine.
import type { Kysely } from 'kysely';
import { accountMembership } from '../../db/account-membership';
import { findDeclaration, groupRemovals, recordDeclaration, recordRemoval } from '../../db/conflicts';
import { isoDateOf, type Database } from '../../db/database';
import type { AnnexData } from '../../db/events';
import { findObjectById } from '../../db/objects';
import {
  checkDeclaration,
  checkNotRemoved,
  checkOwnDeclaration,
  checkRemoval,
} from '../../domain/conflict-of-interest';
import { bishkekDateOf, type IsoDate } from '../../domain/dates';
import { loc } from '../../domain/i18n';
import { describeProblems, problem } from '../../domain/problem';
import {
  conflictObligationId,
  conflictWorkflowId,
  removalRecordedUpdate,
  type ConflictInput,
} from '../../workflows/conflict/contract';
import { requireEngine, type ProcedureDeps } from '../deps';
import { ProcedureNotFoundError, ProcedureRefusedError } from '../engine';
import { ConflictError } from '../refusals';

/** Today in Bishkek from the deps' clock (`now` of procedures, `clock` of the app), else the system's. */
function today(deps: object): IsoDate {
  const d = deps as { now?: () => number; clock?: () => number };
  return bishkekDateOf((d.now ?? d.clock ?? Date.now)());
}

/** The account id in an actor `member:<id>` or `chair:<id>`; staff and others are never removed members. */
function memberAccountOf(actor: string): string | null {
  const [role, id] = actor.split(':', 2);
  return (role === 'member' || role === 'chair') && id ? id : null;
}

/**
 * 6.4: refuses (409, nothing written) a removed member's draft or edit about `objectId` of `groupId`, or of an act or
 * request linked to one of `planItemIds`. The member is matched by the acting account and by the person of the
 * membership that account is linked to (a removal recorded on a paper declaration staff entered holds too).
 */
export async function refuseIfRemoved(
  deps: { db: Kysely<Database> },
  input: { groupId: string; objectId?: string | null; planItemIds?: readonly string[]; actor: string },
): Promise<void> {
  const accountId = memberAccountOf(input.actor);
  if (accountId === null) return;
  const linked = await accountMembership(deps.db, accountId);
  const problems = checkNotRemoved(await groupRemovals(deps.db, input.groupId), {
    memberAccountOrPersonId: linked ? [accountId, linked.personId] : [accountId],
    objectId: input.objectId ?? null,
    planItemIds: input.planItemIds ?? [],
    on: today(deps),
  });
  if (problems.length > 0) throw new ConflictError(problems, input.objectId ?? input.planItemIds?.[0] ?? input.groupId);
}

/** The plan items an act or an information request is linked to (7.3.1), for the 6.4 check of its edits. */
export async function linkedPlanItems(
  db: Kysely<Database>,
  link: { actId: string } | { requestId: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('plan_item_links')
    .select('plan_item_id')
    .where('actId' in link ? 'act_id' : 'request_id', '=', 'actId' in link ? link.actId : link.requestId)
    .execute();
  return rows.map((r) => r.plan_item_id);
}

export interface DeclareInput {
  groupId: string;
  membershipId: string;
  objectId?: string | null;
  planItemId?: string | null;
  matter?: string | null;
  text?: string | null;
  file: AnnexData | null;
  declarationId?: string;
  actor: string;
}

const refuse = (problems: ReturnType<typeof checkDeclaration>): never => {
  throw new ProcedureRefusedError(describeProblems(problems), problems);
};

/**
 * 6.3: the member's written declaration, kept on the group's record, and its procedure started (the chair and the
 * council told, the removal tracked). A member or chair declares only for the membership their account is linked to.
 */
export async function declareConflict(
  deps: Pick<ProcedureDeps, 'db' | 'engine' | 'now'>,
  input: DeclareInput,
): Promise<{ declarationId: string; declaredOn: IsoDate }> {
  const problems = checkDeclaration({ ...input, hasFile: input.file !== null });
  const group = await deps.db
    .selectFrom('groups')
    .select(['id', 'council_id'])
    .where('id', '=', input.groupId)
    .executeTakeFirst();
  const membership = input.membershipId
    ? await deps.db
        .selectFrom('memberships')
        .select(['id', 'person_id', 'left_on'])
        .where('id', '=', input.membershipId)
        .where('group_id', '=', input.groupId)
        .executeTakeFirst()
    : undefined;
  if (input.membershipId && !membership)
    problems.push(
      problem(
        'unknown-member',
        'membershipId',
        '6.3',
        loc('Мындай мүчө бул топто жок.', 'Такого члена в этой группе нет.', 'There is no such member of this group.'),
      ),
    );
  const objectId = input.objectId?.trim() || null;
  if (objectId) {
    const object = await findObjectById(deps.db, objectId);
    if (!object || object.councilId !== group?.council_id)
      problems.push(
        problem(
          'unknown-object',
          'objectId',
          '4.2',
          loc(
            `${objectId} бул кеңештин мониторинг объектиси эмес (4.2-пункт).`,
            `${objectId} — не объект мониторинга этого кенеша (п. 4.2).`,
            `${objectId} is not a monitored object of this council (clause 4.2).`,
          ),
        ),
      );
  }
  const planItemId = input.planItemId?.trim() || null;
  if (planItemId) {
    const item = await deps.db
      .selectFrom('plan_items')
      .innerJoin('work_plans', 'work_plans.id', 'plan_items.plan_id')
      .select('plan_items.id')
      .where('plan_items.id', '=', planItemId)
      .where('work_plans.group_id', '=', input.groupId)
      .executeTakeFirst();
    if (!item)
      problems.push(
        problem(
          'unknown-plan-item',
          'planItemId',
          '7.3.1',
          loc(
            `${planItemId} топтун иш планынын пункту эмес (7.3.1-пункт).`,
            `${planItemId} — не пункт плана работы группы (п. 7.3.1).`,
            `${planItemId} is not an item of the group's work plan (clause 7.3.1).`,
          ),
        ),
      );
  }
  const accountId = memberAccountOf(input.actor);
  if (problems.length > 0) refuse(problems);
  // 6.3: the member declares their own conflict; staff enter a paper declaration for any member.
  if (accountId !== null) {
    const own = await accountMembership(deps.db, accountId);
    const refused = checkOwnDeclaration(own?.membershipId ?? null, membership!.id);
    if (refused.length > 0) throw new ConflictError(refused, own === null ? input.groupId : input.membershipId);
  }
  const engine = requireEngine(deps);
  const declaredOn = today(deps);
  const declarationId = await recordDeclaration(
    deps.db,
    {
      ...(input.declarationId ? { declarationId: input.declarationId } : {}),
      groupId: input.groupId,
      membershipId: membership!.id,
      personId: membership!.person_id,
      accountId,
      objectId,
      planItemId,
      matter: input.matter?.trim() || null,
      text: input.text?.trim() || null,
      file: input.file,
      declaredOn,
    },
    input.actor,
  );
  const args: ConflictInput = { declarationId, groupId: input.groupId, councilId: group!.council_id, declaredOn };
  // Started again after a crash between the record and the start: the workflow id makes it the same procedure.
  await engine.start('conflictWorkflow', conflictWorkflowId(declarationId), [args]);
  return { declarationId, declaredOn };
}

/**
 * 6.4: the council chair's temporary removal from the declared object, plan item or matter; refused without a
 * declaration. The first removal of a declaration fulfils its procedure's obligation (the reminder is not sent).
 */
/** Whether the obligation's row is still waiting for its fulfilment (open, or escalated after its target). */
async function obligationOpen(db: Kysely<Database>, obligationId: string): Promise<boolean> {
  const row = await db.selectFrom('obligations').select('status').where('id', '=', obligationId).executeTakeFirst();
  return row !== undefined && (row.status === 'open' || row.status === 'escalated');
}

export async function recordConflictRemoval(
  deps: Pick<ProcedureDeps, 'db' | 'engine' | 'now'>,
  input: { groupId: string; declarationId?: string | null; from: string; to: string; reason: string; actor: string },
): Promise<{ removalId: string }> {
  const found = input.declarationId ? await findDeclaration(deps.db, input.groupId, input.declarationId) : undefined;
  const problems = checkRemoval(input, found !== undefined);
  if (problems.length > 0) refuse(problems);
  const engine = requireEngine(deps);
  const recordedOn = today(deps);
  const removals = await deps.db
    .selectFrom('conflict_removals')
    .select(['id', 'recorded_on', 'from_date', 'to_date', 'reason'])
    .where('declaration_id', '=', found!.id)
    .orderBy('recorded_on')
    .orderBy('id')
    .execute();
  const earlier = removals[0];
  // The same removal sent again (a retry after the engine failed) is not written twice: the procedure is told again.
  const same = removals.find(
    (r) => isoDateOf(r.from_date) === input.from && isoDateOf(r.to_date) === input.to && r.reason === input.reason,
  );
  const removalId = same
    ? same.id
    : await recordRemoval(
        deps.db,
        {
          groupId: input.groupId,
          declarationId: found!.id,
          from: input.from,
          to: input.to,
          reason: input.reason,
          recordedOn,
        },
        input.actor,
      );
  // The first removal fulfils the procedure's obligation; a later one (another period) has nothing to report, unless
  // the procedure was never told of the first (the engine failed after it was written): then it is told now, of the
  // first, so the council is not reminded of a removal it made.
  const first = earlier
    ? { removalId: earlier.id, on: isoDateOf(earlier.recorded_on) as IsoDate }
    : { removalId, on: recordedOn };
  if (earlier && !(await obligationOpen(deps.db, conflictObligationId(found!.id)))) return { removalId };
  try {
    await engine.update(conflictWorkflowId(found!.id), removalRecordedUpdate, first);
  } catch (error) {
    // A declaration recorded before its procedure existed has none to tell.
    if (!(error instanceof ProcedureNotFoundError)) throw error;
  }
  return { removalId };
}
