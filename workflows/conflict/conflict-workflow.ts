// A conflict of interest's procedure (issue 14 point 2; 6.3-6.4): on the member's written declaration the group's
// chair and the council are told at once ("promptly"); the council chair's removal is tracked against the product's
// target (3 working days after the declaration, not statutory) with no reminder before it and one to the council
// (the ladder's escalation) on the next working day after it; the removal, reported by the procedure that records
// it, fulfils the obligation and ends the workflow.
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { trackObligation } from '../obligation/track-obligation';
import type { ConflictActivities } from './activities-contract';
import {
  conflictObligationId,
  conflictStateQuery,
  removalRecordedUpdate,
  type ConflictInput,
  type ConflictOutcome,
  type ConflictState,
  type RemovalRecordedInput,
} from './contract';

const { tellOfConflictDeclared } = proxyActivities<ConflictActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** No reminder before the target: the chair was told on the day; the council is reminded once after it passes. */
export const CONFLICT_REMINDER_RUNGS: readonly number[] = [];

export async function conflictWorkflow(input: ConflictInput): Promise<ConflictOutcome> {
  let told: number | null = null;
  let removal: RemovalRecordedInput | null = null;
  const obligation = trackObligation({
    obligationId: conflictObligationId(input.declarationId),
    groupId: input.groupId,
    councilId: input.councilId,
    key: 'conflict-removal',
    clause: '6.3-6.4',
    party: 'council',
    anchor: input.declaredOn,
    rungs: CONFLICT_REMINDER_RUNGS,
    ...(input.reminderHour === undefined ? {} : { reminderHour: input.reminderHour }),
  });

  setHandler(conflictStateQuery, (): ConflictState => ({
    declarationId: input.declarationId,
    told,
    removalId: removal?.removalId ?? null,
    obligation: obligation.opened() ? obligation.state() : null,
  }));

  const outcome = (): ConflictOutcome => {
    const state = obligation.state();
    return {
      declarationId: input.declarationId,
      told: told ?? 0,
      removalId: removal?.removalId ?? null,
      removedOn: removal?.on ?? null,
      late: state.fulfilled?.late ?? false,
    };
  };

  setHandler(removalRecordedUpdate, async (req) => {
    // The first removal fulfils the obligation; a later one (a second period) changes nothing here.
    removal ??= req;
    await condition(() => obligation.opened());
    obligation.fulfil(removal.on);
    return outcome();
  });

  told = (await tellOfConflictDeclared({ declarationId: input.declarationId })).told;
  await obligation.done;
  await condition(allHandlersFinished);
  return outcome();
}
