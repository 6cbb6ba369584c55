// 7.2.1-7.2.3: the chair's (or staff's) meeting actions on the group's term procedure. Each is checked first in
// domain/term.ts (a refusal names the field and the clause, nothing is sent), then sent as an update whose validator
// checks it again against the procedure's own state (the members, the meeting's status, the term's end).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { ProcedureNotFoundError, ProcedureRefusedError } from '../engine';
import { requireEngine, todayIn, type ProcedureDeps } from '../deps';
import type { Problem } from '../../domain/problem';
import { groupRemovals } from '../../db/conflicts';
import { personsOfMemberships, resolveDecisionSubject } from '../../db/decision-subjects';
import {
  checkDecisionAbout,
  checkParticipants,
  standingAside,
  type DecisionAbout,
  type DecisionSubject,
} from '../../domain/decision-stand-aside';
import { ConflictError } from '../refusals';
import { termState } from './term-state';
import {
  checkAttendanceInput,
  checkCancelInput,
  checkDecisionInput,
  checkMinutesInput,
  checkMoveInput,
  checkScheduleInput,
  termEndedProblem,
} from '../../domain/term';
import {
  cancelMeetingUpdate,
  changeMembersUpdate,
  moveMeetingUpdate,
  recordAttendanceUpdate,
  recordDecisionUpdate,
  recordMinutesUpdate,
  scheduleMeetingUpdate,
  termWorkflowId,
  type CancelMeetingInput,
  type ChangeMembersInput,
  type MoveMeetingInput,
  type RecordAttendanceInput,
  type RecordDecisionInput,
  type RecordMinutesInput,
  type ScheduleMeetingInput,
  type TermDecision,
  type TermMeeting,
  type TermState,
} from '../../workflows/term/contract';

/** With the database (the pages, the API, the CLI), an ended term is refused naming 5.3.1 instead of "not found". */
type Deps = Pick<ProcedureDeps, 'engine' | 'now'> & { db?: Kysely<Database> };

function refuseIf(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ProcedureRefusedError(problems.map((p) => p.message.en).join(' '), problems);
}

async function endedTerm(db: Kysely<Database> | undefined, groupId: string): Promise<string | null> {
  if (!db) return null;
  const row = await db
    .selectFrom('group_terms')
    .select(['status', 'term_end'])
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return row?.status === 'term-ended' ? String(row.term_end).slice(0, 10) : null;
}

/** 5.3.1: after the term's end nothing is started for the group; the procedure is over, the refusal says why. */
async function send<Ret>(deps: Deps, groupId: string, action: () => Promise<Ret>): Promise<Ret> {
  const before = await endedTerm(deps.db, groupId);
  if (before !== null) refuseIf([termEndedProblem('groupId', before)]);
  try {
    return await action();
  } catch (error) {
    if (error instanceof ProcedureNotFoundError) {
      const ended = await endedTerm(deps.db, groupId);
      if (ended !== null) refuseIf([termEndedProblem('groupId', ended)]);
    }
    throw error;
  }
}

/** 7.2.1: schedules a meeting (date not in the past, time, place, agenda); members are told by mail (ky, ru). */
export async function scheduleMeeting(
  deps: Deps,
  input: ScheduleMeetingInput & { groupId: string },
): Promise<TermMeeting> {
  refuseIf(checkScheduleInput(input, todayIn(deps)));
  const { groupId, ...update } = input;
  return send(deps, groupId, () => requireEngine(deps).update(termWorkflowId(groupId), scheduleMeetingUpdate, update));
}

/** Moves a scheduled meeting to another date/time (and place); members are told again. */
export async function moveMeeting(deps: Deps, input: MoveMeetingInput & { groupId: string }): Promise<TermMeeting> {
  refuseIf(checkMoveInput(input, todayIn(deps)));
  const { groupId, ...update } = input;
  return send(deps, groupId, () => requireEngine(deps).update(termWorkflowId(groupId), moveMeetingUpdate, update));
}

/** Cancels a scheduled meeting with a reason; members are told. */
export async function cancelMeeting(deps: Deps, input: CancelMeetingInput & { groupId: string }): Promise<TermMeeting> {
  refuseIf(checkCancelInput(input));
  const { groupId, ...update } = input;
  return send(deps, groupId, () => requireEngine(deps).update(termWorkflowId(groupId), cancelMeetingUpdate, update));
}

/** 7.2.3: who attended; the procedure records whether the meeting was quorate (more than half of all members). */
export async function recordAttendance(
  deps: Deps,
  input: RecordAttendanceInput & { groupId: string },
): Promise<TermMeeting> {
  refuseIf(checkAttendanceInput(input, todayIn(deps)));
  const { groupId, ...update } = input;
  return send(deps, groupId, () => requireEngine(deps).update(termWorkflowId(groupId), recordAttendanceUpdate, update));
}

/** The minutes (a date, a text, optionally the signed file). */
export async function recordMinutes(deps: Deps, input: RecordMinutesInput & { groupId: string }): Promise<TermMeeting> {
  refuseIf(checkMinutesInput(input, todayIn(deps)));
  const { groupId, ...update } = input;
  return send(deps, groupId, () => requireEngine(deps).update(termWorkflowId(groupId), recordMinutesUpdate, update));
}

/** What the chair sends for a decision: its text and votes, optionally what it is about and who voted (6.4). */
export interface RecordDecisionRequest extends Pick<
  RecordDecisionInput,
  'meetingId' | 'decisionId' | 'text' | 'votes' | 'actor'
> {
  groupId: string;
  /** An object, a work-plan item or a matter (at most one); absent: about neither. */
  about?: DecisionAbout | null;
  /** The members who voted; absent: those present minus those standing aside (6.4). */
  participantMembershipIds?: string[] | null;
}

/**
 * A decision with its votes; recorded as not taken at a meeting without quorum (7.2.3). 6.4: about an object, a plan
 * item or a matter, the members present under a removal in force on the meeting's day for it stand aside (read from
 * Postgres: the removals name the person, the memberships give each member's person); listing one of them among
 * those who voted is refused (ConflictError, 409) before the procedure is asked, nothing written.
 */
export async function recordDecision(deps: Deps, input: RecordDecisionRequest): Promise<TermDecision> {
  const problems = [...checkDecisionInput(input), ...checkDecisionAbout(input.about)];
  refuseIf(problems);
  const { groupId, about, participantMembershipIds, ...rest } = input;
  const listed = participantMembershipIds ?? null;
  let update: RecordDecisionInput = { ...rest };
  const aboutSomething = Boolean(about?.objectId?.trim() || about?.planItemId?.trim() || about?.matter?.trim());
  if (aboutSomething || listed) {
    const state = await termState(deps, { groupId });
    const term = state.source === 'procedure' ? state.state : null;
    const meeting = term?.meetings.find((m) => m.meetingId === input.meetingId);
    const again = meeting?.decisions.some((d) => d.decisionId === input.decisionId) ?? false;
    // Without the meeting's attendance (unknown meeting, not held) or for a decision already recorded, the procedure
    // answers (its refusal names the meeting; the same decision again is returned unchanged).
    if (term && meeting?.attendance && !again) {
      const a = meeting.attendance;
      let subject: DecisionSubject | null = null;
      let stoodAside: string[] = [];
      if (aboutSomething) {
        if (!deps.db)
          throw new Error('recordDecision: a decision about an object, a plan item or a matter needs the database');
        const resolved = await resolveDecisionSubject(deps.db, groupId, about);
        refuseIf(resolved.problems);
        subject = resolved.subject;
        stoodAside = standingAside(
          await personsOfMemberships(deps.db, groupId, a.presentMembershipIds),
          await groupRemovals(deps.db, groupId),
          subject,
          a.heldOn,
        );
      }
      const names = new Map([...term.members, ...(term.departures ?? [])].map((m) => [m.membershipId, m.fullName]));
      const checked = checkParticipants({
        presentMembershipIds: a.presentMembershipIds,
        stoodAside,
        participants: listed,
        votes: input.votes,
        names,
      });
      if (checked.conflicts.length > 0) throw new ConflictError(checked.conflicts, input.decisionId);
      refuseIf(checked.input);
      update = {
        ...rest,
        subject,
        participantMembershipIds: checked.participants,
        stoodAsideMembershipIds: stoodAside,
      };
    }
  }
  return send(deps, groupId, () => requireEngine(deps).update(termWorkflowId(groupId), recordDecisionUpdate, update));
}

/** The current members and chair as the procedure counts them for the quorum (a replacement, an election). */
export async function changeTermMembers(
  deps: Deps,
  input: ChangeMembersInput & { groupId: string },
): Promise<TermState> {
  const { groupId, ...update } = input;
  return send(deps, groupId, () => requireEngine(deps).update(termWorkflowId(groupId), changeMembersUpdate, update));
}
