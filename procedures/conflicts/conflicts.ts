// Conflicts of interest (6.3-6.4): a member declares in writing (a text or a scan) a conflict about an object or a
// matter; the council chair (council staff act for the council in this product) records a temporary removal; while
// removed, the member drafts and edits no act or request of the group about that object (refuseIfRemoved, called by
// procedures/acts/draft-act.ts and procedures/requests/write-request.ts). Checked whole before anything is written.
import type { Kysely } from 'kysely';
import { findDeclaration, groupRemovals, recordDeclaration, recordRemoval } from '../../db/conflicts';
import type { Database } from '../../db/database';
import type { AnnexData } from '../../db/events';
import { findObjectById } from '../../db/objects';
import { checkDeclaration, checkNotRemoved, checkRemoval } from '../../domain/conflict-of-interest';
import { bishkekDateOf, type IsoDate } from '../../domain/dates';
import { loc } from '../../domain/i18n';
import { describeProblems, problem } from '../../domain/problem';
import { ProcedureRefusedError } from '../engine';
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

/** 6.4: refuses (409, nothing written) a removed member's draft or edit about `objectId` of `groupId`. */
export async function refuseIfRemoved(
  deps: { db: Kysely<Database> },
  input: { groupId: string; objectId: string; actor: string },
): Promise<void> {
  const accountId = memberAccountOf(input.actor);
  if (accountId === null) return;
  const problems = checkNotRemoved(await groupRemovals(deps.db, input.groupId), {
    memberAccountOrPersonId: accountId,
    objectId: input.objectId,
    on: today(deps),
  });
  if (problems.length > 0) throw new ConflictError(problems, input.objectId);
}

export interface DeclareInput {
  groupId: string;
  membershipId: string;
  objectId?: string | null;
  matter?: string | null;
  text?: string | null;
  file: AnnexData | null;
  declarationId?: string;
  actor: string;
}

const refuse = (problems: ReturnType<typeof checkDeclaration>): never => {
  throw new ProcedureRefusedError(describeProblems(problems), problems);
};

/** 6.3: the member's written declaration, kept on the group's record. A member or chair declares only for themselves. */
export async function declareConflict(
  deps: { db: Kysely<Database> },
  input: DeclareInput,
): Promise<{ declarationId: string; declaredOn: IsoDate }> {
  const problems = checkDeclaration({ ...input, hasFile: input.file !== null });
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
    const group = await deps.db
      .selectFrom('groups')
      .select('council_id')
      .where('id', '=', input.groupId)
      .executeTakeFirst();
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
  if (problems.length > 0) refuse(problems);
  const declaredOn = today(deps);
  const declarationId = await recordDeclaration(
    deps.db,
    {
      ...(input.declarationId ? { declarationId: input.declarationId } : {}),
      groupId: input.groupId,
      membershipId: membership!.id,
      personId: membership!.person_id,
      accountId: memberAccountOf(input.actor),
      objectId,
      matter: input.matter?.trim() || null,
      text: input.text?.trim() || null,
      file: input.file,
      declaredOn,
    },
    input.actor,
  );
  return { declarationId, declaredOn };
}

/** 6.4: the council chair's temporary removal from the declared object or matter; refused without a declaration. */
export async function recordConflictRemoval(
  deps: { db: Kysely<Database> },
  input: { groupId: string; declarationId?: string | null; from: string; to: string; reason: string; actor: string },
): Promise<{ removalId: string }> {
  const found = input.declarationId ? await findDeclaration(deps.db, input.groupId, input.declarationId) : undefined;
  const problems = checkRemoval(input, found !== undefined);
  if (problems.length > 0) refuse(problems);
  const removalId = await recordRemoval(
    deps.db,
    {
      groupId: input.groupId,
      declarationId: found!.id,
      from: input.from,
      to: input.to,
      reason: input.reason,
      recordedOn: today(deps),
    },
    input.actor,
  );
  return { removalId };
}
