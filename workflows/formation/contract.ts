// The typed contract of the formation procedure (5.3, 5.4): its input and result, the updates staff send for
// each step, the calendar signal and the state query. The API and the CLI import these constants; the data they
// carry is defined in domain/formation.ts, and the checks behind each update in domain/formation-checks.ts.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { Localized } from '../../domain/i18n';
import type {
  AddCandidateInput,
  Candidate,
  CouncilDecisionInput,
  DecisionViolation,
  DeputyMembersInput,
  FirstMeetingInput,
  FormationState,
  GatheringInput,
  GatheringProtocol,
  MoveFirstMeetingInput,
  PublishNoticeInput,
  PublishedNotice,
  RemoveCandidateInput,
  ReplaceCandidateInput,
  ScheduleFirstMeetingInput,
  StaffCandidatesInput,
} from '../../domain/formation';
import type { CalendarChangedSignalInput } from '../obligation/contract';

/** Who owes each obligation of the procedure, as party ids the mail activities resolve (resolve-recipients.ts). */
export interface FormationParties {
  /** 5.4.1, 5.3.2, 5.3.3, 5.4.7: the executive body (aiyl okmotu). */
  executiveBody: string;
  /** 5.4.2: the head of the executive body. */
  executiveHead: string;
  /** 5.4.3: the council chair. */
  councilChair: string;
}

export const DEFAULT_FORMATION_PARTIES: FormationParties = {
  executiveBody: 'executive-body',
  executiveHead: 'executive-body',
  councilChair: 'council',
};

export interface FormationInput {
  councilId: string;
  /** The group opened for this formation (group.opened); the workflow id is formationWorkflowId(groupId). */
  groupId: string;
  /** The council's own formation date: 5.4.1 counts from it. */
  formedOn: IsoDate;
  parties?: Partial<FormationParties>;
  /** The hour (Asia/Bishkek) reminders go out; DEFAULT_REMINDER_HOUR (domain/reminders.ts) if absent. */
  reminderHour?: number;
}

export const formationWorkflowId = (groupId: string): string => `formation-${groupId}`;

export type {
  AddCandidateInput,
  Candidate,
  CouncilDecisionInput,
  DecisionViolation,
  DeputyMembersInput,
  EarlierMeeting,
  FirstMeetingInput,
  FormationState,
  FormationStep,
  GatheringInput,
  GatheringProtocol,
  MoveFirstMeetingInput,
  NominationSource,
  NoticeChannel,
  PersonInput,
  PublishNoticeInput,
  PublishedNotice,
  RemoveCandidateInput,
  ReplaceCandidateInput,
  ScheduleFirstMeetingInput,
  StaffCandidatesInput,
} from '../../domain/formation';

export interface FormationResult {
  groupId: string;
  createdOn: IsoDate;
  resolutionNumber: string;
  termEnd: IsoDate;
  chair: string;
  members: number;
  firstMeetingOn: IsoDate;
}

/** 5.4.1: the executive body published that formation has started; its date starts 5.4.2 and 5.4.3. */
export const publishFormationNoticeUpdate = defineUpdate<PublishedNotice, [PublishNoticeInput]>(
  'publishFormationNotice',
);
/** 5.4.2: the executive head's list of municipal employees. */
export const submitStaffCandidatesUpdate = defineUpdate<Candidate[], [StaffCandidatesInput]>('submitStaffCandidates');
/** 5.4.3: the deputies approved by the council chair. */
export const approveDeputyMembersUpdate = defineUpdate<Candidate[], [DeputyMembersInput]>('approveDeputyMembers');
/** 5.4.4: the community gathering's protocol; those with a majority of participants' votes become candidates. */
export const recordGatheringProtocolUpdate = defineUpdate<GatheringProtocol, [GatheringInput]>(
  'recordGatheringProtocol',
);
export const addCandidateUpdate = defineUpdate<Candidate, [AddCandidateInput]>('addCandidate');
export const removeCandidateUpdate = defineUpdate<void, [RemoveCandidateInput]>('removeCandidate');
export const replaceCandidateUpdate = defineUpdate<Candidate, [ReplaceCandidateInput]>('replaceCandidate');
/**
 * 5.4.5: the council's decision creates the group, recorded as adopted: a composition that breaks 5.2 is recorded with
 * each violation and its clause, never refused; a chair the decision names is recorded as named.
 */
export const recordCouncilDecisionUpdate = defineUpdate<
  { termEnd: IsoDate; firstMeetingDue: IsoDate; violations?: DecisionViolation[]; chair?: string | null },
  [CouncilDecisionInput]
>('recordCouncilDecision');
/** 5.3.2: the first meeting's date, time and place. */
export const scheduleFirstMeetingUpdate = defineUpdate<
  { meetingId: string; creationNoticeDue: IsoDate; warnings: Localized[] },
  [ScheduleFirstMeetingInput]
>('scheduleFirstMeeting');
/**
 * 5.3.3, 5.3.2, 7.2.3: the scheduled first meeting moved before it is held (or recorded as held without quorum) to a new
 * date, time and place; a new creation notice is then due N working days before it.
 */
export const moveFirstMeetingUpdate = defineUpdate<
  { meetingId: string; creationNoticeDue: IsoDate; warnings: Localized[]; late: boolean },
  [MoveFirstMeetingInput]
>('moveFirstMeeting');
/** 5.3.3, 5.4.7: the notice of the group's creation, composition and first meeting. */
export const publishCreationNoticeUpdate = defineUpdate<PublishedNotice, [PublishNoticeInput]>('publishCreationNotice');
/** 5.4.6: the first meeting and the chair's election; the group becomes active and the procedure ends. */
export const recordFirstMeetingUpdate = defineUpdate<FormationResult, [FirstMeetingInput]>('recordFirstMeeting');

/** The working-day calendar changed: every open obligation reloads it and recomputes. */
export const formationCalendarChangedSignal = defineSignal<[CalendarChangedSignalInput]>('calendarChanged');
export const formationStateQuery = defineQuery<FormationState>('formationState');
