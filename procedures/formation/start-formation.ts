// Starting a formation (5.4): open the group in the database, then start its procedure (the JSON route, the start
// page and `jmeg formation start` all call startFormation). The group must exist before
// the workflow (its events go to the group's stream), so the start is made idempotent: a caller's key (the form's
// nonce, the API's Idempotency-Key) fixes the group's id, and a repeat finds that group instead of opening another
// one, then asks the engine to start again ('already-started' when it runs). A group whose start failed can be
// started again from its formation page (restartFormation).
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { ConcurrencyError } from '../../db/event-store';
import { findGroupById, openGroup, type Group } from '../../db/groups';
import { compareDates, isIsoDate, type IsoDate } from '../../domain/dates';
import { checkPreviousGroup } from '../../domain/formation-checks';
import { LANGS, type Localized } from '../../domain/i18n';
import { problem } from '../../domain/problem';
import { msg } from '../../api/ui/messages';
import { formationWorkflowId, type FormationInput } from '../../workflows/formation/contract';
import { requireEngine, todayIn, type ProcedureDeps } from '../deps';
import type { ProcedureEngine } from '../engine';
import { ConflictError, InvalidInputError } from '../refusals';

export interface StartedFormation {
  groupId: string;
  workflowId: string;
  procedure: 'started' | 'already-started';
}

/** The group id a key stands for: the same council and key give the same id (a UUID-shaped sha-256 prefix). */
export function groupIdForKey(councilId: string, key: string): string {
  const hex = createHash('sha256').update(`formation\u0000${councilId}\u0000${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The council's formation date as entered: a real date, not after today (it has happened). */
export function checkFormedOn(formedOn: unknown, today: IsoDate): IsoDate {
  if (typeof formedOn !== 'string' || !isIsoDate(formedOn))
    throw new InvalidInputError('formedOn', 'date', `formedOn: "${String(formedOn)}" is not a date`);
  if (compareDates(formedOn, today) > 0)
    throw new InvalidInputError('formedOn', 'range', `formedOn: ${formedOn} is after today (${today})`, formedOn);
  return formedOn;
}

const localized = (
  key: 'formation.start.inProgress' | 'formation.start.keyReused' | 'formation.start.notForming',
  params: Record<string, string>,
) => Object.fromEntries(LANGS.map((l) => [l, msg(l, key, params)])) as Localized;

function conflict(
  code: string,
  field: string,
  key: 'formation.start.inProgress' | 'formation.start.keyReused' | 'formation.start.notForming',
  params: Record<string, string>,
  subject: string,
): ConflictError {
  return new ConflictError([problem(code, field, null, localized(key, params))], subject);
}

/** A formation not yet handed over in this council (the one to continue instead of opening another). */
async function formationInProgress(db: Kysely<Database>, councilId: string): Promise<Group | undefined> {
  return db
    .selectFrom('groups')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('status', 'in', ['forming', 'created'])
    .orderBy('opened_at')
    .executeTakeFirst();
}

/** 5.3.1: the next formation follows a group of this council whose term has ended (or that was dissolved). */
async function refuseUnlessPreviousEnded(db: Kysely<Database>, councilId: string, previousGroupId: string) {
  const previous = await findGroupById(db, previousGroupId);
  const problems = checkPreviousGroup(previous && { councilId: previous.council_id, status: previous.status }, {
    councilId,
    previousGroupId,
  });
  if (problems.length > 0) throw new ConflictError(problems, previousGroupId);
}

/** Asks the engine to run the group's procedure, unless it was handed over already (a finished workflow id must not run twice). */
async function runProcedure(engine: ProcedureEngine, group: Group, formedOn: IsoDate): Promise<StartedFormation> {
  const workflowId = formationWorkflowId(group.id);
  if (group.status !== 'forming' && group.status !== 'created')
    return { groupId: group.id, workflowId, procedure: 'already-started' };
  const input: FormationInput = { councilId: group.council_id, groupId: group.id, formedOn };
  const procedure = await engine.start('formationWorkflow', workflowId, [input]);
  return { groupId: group.id, workflowId, procedure };
}

/**
 * Opens a group of `councilId` in formation and starts its procedure. Writes nothing while the engine is unavailable
 * (503). With a key, a repeat returns the same group; a council with a formation in progress gets a 409 naming it.
 */
export async function startFormation(
  deps: ProcedureDeps,
  input: {
    councilId: string;
    formedOn: unknown;
    key: string | null;
    actor: string;
    /** The group whose term ended, when this formation follows it (5.3.1): the new group's record names it. */
    previousGroupId?: string | null;
  },
): Promise<StartedFormation> {
  const formedOn = checkFormedOn(input.formedOn, todayIn(deps));
  if (input.previousGroupId) await refuseUnlessPreviousEnded(deps.db, input.councilId, input.previousGroupId);
  const engine = requireEngine(deps);
  const groupId = input.key === null ? randomUUID() : groupIdForKey(input.councilId, input.key);
  let group = await findGroupById(deps.db, groupId);
  if (group && group.council_formed_on !== formedOn) {
    throw conflict(
      'idempotency-key-reused',
      'formedOn',
      'formation.start.keyReused',
      { formedOn: group.council_formed_on ?? '—' },
      groupId,
    );
  }
  if (!group) {
    const ongoing = await formationInProgress(deps.db, input.councilId);
    if (ongoing)
      throw conflict(
        'formation-in-progress',
        'councilId',
        'formation.start.inProgress',
        { groupId: ongoing.id },
        ongoing.id,
      );
    try {
      await openGroup(
        deps.db,
        {
          councilId: input.councilId,
          councilFormedOn: formedOn,
          id: groupId,
          previousGroupId: input.previousGroupId ?? null,
        },
        input.actor,
      );
    } catch (error) {
      // The same key raced in twice: the other request opened it.
      if (!(error instanceof ConcurrencyError)) throw error;
    }
    group = await findGroupById(deps.db, groupId);
    if (!group) throw new Error(`group ${groupId}: not projected after group.opened`);
  }
  return runProcedure(engine, group, formedOn);
}

/** Starts the procedure of a group opened earlier whose start failed (or asks again: 'already-started' when it runs). */
export async function restartFormation(
  deps: ProcedureDeps,
  group: Group,
  formedOnInput: unknown,
): Promise<StartedFormation> {
  if (group.status !== 'forming' && group.status !== 'created') {
    throw conflict('not-forming', 'groupId', 'formation.start.notForming', { status: group.status }, group.id);
  }
  const formedOn = group.council_formed_on ?? checkFormedOn(formedOnInput, todayIn(deps));
  return runProcedure(requireEngine(deps), group, formedOn);
}
