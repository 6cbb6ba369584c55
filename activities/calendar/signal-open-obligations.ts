// After staff change the working-day calendar, every running obligation workflow is told to recompute its due
// date (DESIGN.md, "Deadlines": an updatable timer). Whoever holds a Temporal client (API, CLI) calls this.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { ObligationStatus } from '../../db/events';
import { formationWorkflowId } from '../../workflows/formation/contract';
import type { CalendarChangedSignalInput } from '../../workflows/obligation/contract';

/** The workflow id of an obligation's workflow: one workflow per obligation, found again by its business key. */
export const obligationWorkflowId = (obligationId: string): string => `obligation-${obligationId}`;

/** 5.3, 5.4: the obligations the formation workflow tracks inside itself, as `<groupId>/<key>`. */
const FORMATION_KEYS: ReadonlySet<string> = new Set(['formation-notice', 'staff-candidates', 'deputy-members', 'first-meeting', 'creation-notice']);

/**
 * Which workflow runs an obligation: the group's formation workflow (formation-<groupId>, workflows/formation/contract.ts)
 * for the formation's own deadlines, else the obligation's own workflow (obligation-<obligationId>).
 */
export function workflowIdOfObligation(o: RunningObligation): string {
  return FORMATION_KEYS.has(o.key) && o.id === `${o.groupId}/${o.key}` ? formationWorkflowId(o.groupId) : obligationWorkflowId(o.id);
}

/** The signal's name in workflows/obligation/contract.ts (calendarChangedSignal) and workflows/formation/contract.ts. */
export const CALENDAR_CHANGED_SIGNAL = 'calendarChanged';

/** The part of @temporalio/client's WorkflowClient used here (a Client's `workflow`, or a test harness). */
export interface SignalClient {
  getHandle(workflowId: string): { signal(signal: string, input: CalendarChangedSignalInput): Promise<void> };
}

/** Obligations whose workflows still run: open ones wait for their rungs, escalated ones for a late fulfilment. */
export const RUNNING_STATUSES: readonly ObligationStatus[] = ['open', 'escalated'];

export interface SignalReport {
  /** The workflow ids signalled, in due-date order of their obligations. */
  signalled: string[];
  /** Workflows that were gone (completed, or never started) with the reason. */
  missed: { workflowId: string; reason: string }[];
}

export interface RunningObligation { id: string; groupId: string; key: string }

export interface SignalOptions {
  /** Only the obligations of this council's groups (a council's own correction); all councils otherwise. */
  councilId?: string | null;
  /**
   * Which workflow runs an obligation (workflowIdOfObligation by default); each workflow is signalled once,
   * even when it tracks several obligations.
   */
  workflowIdOf?: (obligation: RunningObligation) => string;
}

/**
 * Sends calendarChanged to the workflow of every running obligation (of one council's groups when councilId is
 * given, else of all councils: a national change concerns everyone). A workflow that no longer runs is reported,
 * not an error; any other failure (server unreachable) is thrown.
 */
export async function signalOpenObligations(client: SignalClient, db: Kysely<Database>, reason: string, options: SignalOptions = {}): Promise<SignalReport> {
  let query = db
    .selectFrom('obligations')
    .innerJoin('groups', 'groups.id', 'obligations.group_id')
    .select(['obligations.id', 'obligations.group_id', 'obligations.key'])
    .where('obligations.status', 'in', RUNNING_STATUSES);
  if (options.councilId) query = query.where('groups.council_id', '=', options.councilId);
  const rows = await query.orderBy('obligations.due_date').orderBy('obligations.id').execute();
  const workflowIdOf = options.workflowIdOf ?? workflowIdOfObligation;
  const report: SignalReport = { signalled: [], missed: [] };
  const done = new Set<string>();
  for (const row of rows) {
    const workflowId = workflowIdOf({ id: row.id, groupId: row.group_id, key: row.key });
    if (done.has(workflowId)) continue; // one signal per workflow, even when it tracks several obligations
    done.add(workflowId);
    try {
      await client.getHandle(workflowId).signal(CALENDAR_CHANGED_SIGNAL, { reason });
      report.signalled.push(workflowId);
    } catch (error) {
      if (!isWorkflowGone(error)) throw error;
      report.missed.push({ workflowId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

/** @temporalio/client throws WorkflowNotFoundError for an unknown or closed workflow. */
function isWorkflowGone(error: unknown): boolean {
  return error instanceof Error && (error.name === 'WorkflowNotFoundError' || /not found|already completed/i.test(error.message));
}
