// Every update of the formation contract as a step the API and the pages send: its path segment, the clause it
// records, its input and result schemas. One table, so the JSON routes and the page forms cannot drift apart.
import type { TSchema } from 'typebox';
import type { UpdateDefinition } from '@temporalio/common';
import {
  addCandidateUpdate,
  approveDeputyMembersUpdate,
  publishCreationNoticeUpdate,
  publishFormationNoticeUpdate,
  recordCouncilDecisionUpdate,
  recordFirstMeetingUpdate,
  recordGatheringProtocolUpdate,
  removeCandidateUpdate,
  replaceCandidateUpdate,
  scheduleFirstMeetingUpdate,
  submitStaffCandidatesUpdate,
} from '../../workflows/formation/contract';
import {
  AddCandidateBody,
  CandidateSchema,
  CouncilDecisionBody,
  CouncilDecisionResult,
  DeputyMembersBody,
  FirstMeetingBody,
  FormationResultSchema,
  GatheringBody,
  GatheringProtocolSchema,
  PublishedNoticeSchema,
  PublishNoticeBody,
  RemoveCandidateBody,
  RemoveCandidateResult,
  ReplaceCandidateBody,
  ScheduleMeetingBody,
  ScheduleMeetingResult,
  StaffCandidatesBody,
} from './schema';
import { Type } from 'typebox';

export const FORMATION_STEP_NAMES = [
  'formation-notice',
  'staff-candidates',
  'deputy-members',
  'gathering',
  'add-candidate',
  'remove-candidate',
  'replace-candidate',
  'decision',
  'meeting',
  'creation-notice',
  'first-meeting',
] as const;
export type FormationStepName = (typeof FORMATION_STEP_NAMES)[number];

export interface FormationAction {
  step: FormationStepName;
  /** The clause the step records. */
  clause: string;
  summary: string;
  update: UpdateDefinition<unknown, [unknown]>;
  body: TSchema;
  response: TSchema;
  /** The update's result as the API returns it (the update's own result unless said otherwise). */
  toResponse: (result: unknown, input: unknown) => unknown;
}

const same = (result: unknown) => result;

function action<Ret, Arg>(
  a: Omit<FormationAction, 'update' | 'toResponse'> & {
    update: UpdateDefinition<Ret, [Arg]>;
    toResponse?: (result: Ret, input: Arg) => unknown;
  },
): FormationAction {
  return { ...a, toResponse: (a.toResponse ?? same) as FormationAction['toResponse'], update: a.update };
}

export const FORMATION_ACTIONS: Readonly<Record<FormationStepName, FormationAction>> = {
  'formation-notice': action({
    step: 'formation-notice',
    clause: '5.4.1',
    summary: '5.4.1: the executive body published that the formation has started (website and/or notice boards)',
    update: publishFormationNoticeUpdate,
    body: PublishNoticeBody,
    response: PublishedNoticeSchema,
  }),
  'staff-candidates': action({
    step: 'staff-candidates',
    clause: '5.4.2',
    summary: "5.4.2: the executive head's list of municipal employees, as sent to the council",
    update: submitStaffCandidatesUpdate,
    body: StaffCandidatesBody,
    response: Type.Array(CandidateSchema),
  }),
  'deputy-members': action({
    step: 'deputy-members',
    clause: '5.4.3',
    summary: '5.4.3: the deputies approved by the council chair',
    update: approveDeputyMembersUpdate,
    body: DeputyMembersBody,
    response: Type.Array(CandidateSchema),
  }),
  gathering: action({
    step: 'gathering',
    clause: '5.4.4',
    summary:
      "5.4.4: a community gathering's protocol; those with more than half of the participants' votes become candidates",
    update: recordGatheringProtocolUpdate,
    body: GatheringBody,
    response: GatheringProtocolSchema,
  }),
  'add-candidate': action({
    step: 'add-candidate',
    clause: '5.4.2-5.4.4',
    summary:
      'Add a candidate before the council decides (a citizen only with a majority in a recorded gathering, 5.4.4)',
    update: addCandidateUpdate,
    body: AddCandidateBody,
    response: CandidateSchema,
  }),
  'remove-candidate': action({
    step: 'remove-candidate',
    clause: '5.4.5',
    summary: 'Remove a candidate before the council decides, with the reason',
    update: removeCandidateUpdate,
    body: RemoveCandidateBody,
    response: RemoveCandidateResult,
    toResponse: (_: void, input) => ({ candidateId: input.candidateId, removed: true }),
  }),
  'replace-candidate': action({
    step: 'replace-candidate',
    clause: '5.4.2-5.4.4',
    summary: 'Replace a candidate by another of the same procedure, before the council decides',
    update: replaceCandidateUpdate,
    body: ReplaceCandidateBody,
    response: CandidateSchema,
  }),
  decision: action({
    step: 'decision',
    clause: '5.4.5',
    summary:
      "5.4.5: the council's decision creating the group (refused while a step is missing or the composition has a violation)",
    update: recordCouncilDecisionUpdate,
    body: CouncilDecisionBody,
    response: CouncilDecisionResult,
  }),
  meeting: action({
    step: 'meeting',
    clause: '5.3.2',
    summary: "5.3.2: the first meeting's date, time and place (within 10 working days of the decision)",
    update: scheduleFirstMeetingUpdate,
    body: ScheduleMeetingBody,
    response: ScheduleMeetingResult,
  }),
  'creation-notice': action({
    step: 'creation-notice',
    clause: '5.3.3, 5.4.7',
    summary:
      "5.3.3, 5.4.7: the notice of the group's creation, composition and first meeting (at least 3 working days before it)",
    update: publishCreationNoticeUpdate,
    body: PublishNoticeBody,
    response: PublishedNoticeSchema,
  }),
  'first-meeting': action({
    step: 'first-meeting',
    clause: '5.4.6',
    summary:
      "5.4.6: the first meeting and the chair's election (quorum 7.2.3; a citizen member by more than half of those present)",
    update: recordFirstMeetingUpdate,
    body: FirstMeetingBody,
    response: FormationResultSchema,
  }),
};
