// The formation's steps (5.3, 5.4; 12 with the first meeting moved): every update of the formation contract under the name the API's path segment,
// the staff page's form and `jmeg formation <step>` all use, with the clause it records. One table, so the three
// adapters offer the same steps and cannot drift apart (api/formation/steps.ts adds each step's JSON schemas).
import type { UpdateDefinition } from '@temporalio/common';
import {
  addCandidateUpdate,
  approveDeputyMembersUpdate,
  moveFirstMeetingUpdate,
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
  'move-first-meeting',
] as const;
export type FormationStepName = (typeof FORMATION_STEP_NAMES)[number];

export const isFormationStepName = (name: string): name is FormationStepName =>
  (FORMATION_STEP_NAMES as readonly string[]).includes(name);

export interface FormationStep {
  step: FormationStepName;
  /** The clause the step records. */
  clause: string;
  summary: string;
  update: UpdateDefinition<unknown, [unknown]>;
  /** The update's result as the use case returns it (the update's own result unless said otherwise). */
  toResult: (result: unknown, input: unknown) => unknown;
}

const same = (result: unknown) => result;

function step<Ret, Arg>(
  s: Omit<FormationStep, 'update' | 'toResult'> & {
    update: UpdateDefinition<Ret, [Arg]>;
    toResult?: (result: Ret, input: Arg) => unknown;
  },
): FormationStep {
  return { ...s, toResult: (s.toResult ?? same) as FormationStep['toResult'], update: s.update };
}

export const FORMATION_STEPS: Readonly<Record<FormationStepName, FormationStep>> = {
  'formation-notice': step({
    step: 'formation-notice',
    clause: '5.4.1',
    summary: '5.4.1: the executive body published that the formation has started (website and/or notice boards)',
    update: publishFormationNoticeUpdate,
  }),
  'staff-candidates': step({
    step: 'staff-candidates',
    clause: '5.4.2',
    summary: "5.4.2: the executive head's list of municipal employees, as sent to the council",
    update: submitStaffCandidatesUpdate,
  }),
  'deputy-members': step({
    step: 'deputy-members',
    clause: '5.4.3',
    summary: '5.4.3: the deputies approved by the council chair',
    update: approveDeputyMembersUpdate,
  }),
  gathering: step({
    step: 'gathering',
    clause: '5.4.4',
    summary:
      "5.4.4: a community gathering's protocol; those with more than half of the participants' votes become candidates",
    update: recordGatheringProtocolUpdate,
  }),
  'add-candidate': step({
    step: 'add-candidate',
    clause: '5.4.2-5.4.4',
    summary:
      'Add a candidate before the council decides (a citizen only with a majority in a recorded gathering, 5.4.4)',
    update: addCandidateUpdate,
  }),
  'remove-candidate': step({
    step: 'remove-candidate',
    clause: '5.4.5',
    summary: 'Remove a candidate before the council decides, with the reason',
    update: removeCandidateUpdate,
    toResult: (_: void, input) => ({ candidateId: input.candidateId, removed: true }),
  }),
  'replace-candidate': step({
    step: 'replace-candidate',
    clause: '5.4.2-5.4.4',
    summary: 'Replace a candidate by another of the same procedure, before the council decides',
    update: replaceCandidateUpdate,
  }),
  decision: step({
    step: 'decision',
    clause: '5.4.5',
    summary:
      "5.4.5: the council's decision creating the group, recorded as adopted (a composition breaking 5.2 is recorded with each violation; a chair it names is recorded as named)",
    update: recordCouncilDecisionUpdate,
  }),
  meeting: step({
    step: 'meeting',
    clause: '5.3.2',
    summary: "5.3.2: the first meeting's date, time and place (within 10 working days of the decision)",
    update: scheduleFirstMeetingUpdate,
  }),
  'creation-notice': step({
    step: 'creation-notice',
    clause: '5.3.3, 5.4.7',
    summary:
      "5.3.3, 5.4.7: the notice of the group's creation, composition and first meeting (at least 3 working days before it)",
    update: publishCreationNoticeUpdate,
  }),
  'first-meeting': step({
    step: 'first-meeting',
    clause: '5.4.6',
    summary:
      "5.4.6: the first meeting and the chair's election (quorum 7.2.3; a citizen member by more than half of those present)",
    update: recordFirstMeetingUpdate,
  }),
  'move-first-meeting': step({
    step: 'move-first-meeting',
    clause: '5.3.3, 5.3.2',
    summary:
      '5.3.3: move the first meeting before it is held (or record it held without quorum, 7.2.3): new date, time and place; a new notice at least 3 working days before it',
    update: moveFirstMeetingUpdate,
  }),
};
