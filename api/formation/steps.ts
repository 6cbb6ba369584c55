// Every formation step (procedures/formation/steps.ts: name, clause, update) with the JSON schemas of its body and
// its response, for the API's routes, their OpenAPI document and the page forms that read a body as the API does.
import type { TSchema } from 'typebox';
import { Type } from 'typebox';
import {
  FORMATION_STEP_NAMES,
  FORMATION_STEPS,
  type FormationStep,
  type FormationStepName,
} from '../../procedures/formation/steps';
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
  MoveMeetingBody,
  MoveMeetingResult,
  PublishedNoticeSchema,
  PublishNoticeBody,
  RemoveCandidateBody,
  RemoveCandidateResult,
  ReplaceCandidateBody,
  ScheduleMeetingBody,
  ScheduleMeetingResult,
  StaffCandidatesBody,
} from './schema';

export { FORMATION_STEP_NAMES, type FormationStepName };

export interface FormationAction extends FormationStep {
  body: TSchema;
  response: TSchema;
}

const SCHEMAS: Readonly<Record<FormationStepName, { body: TSchema; response: TSchema }>> = {
  'formation-notice': { body: PublishNoticeBody, response: PublishedNoticeSchema },
  'staff-candidates': { body: StaffCandidatesBody, response: Type.Array(CandidateSchema) },
  'deputy-members': { body: DeputyMembersBody, response: Type.Array(CandidateSchema) },
  gathering: { body: GatheringBody, response: GatheringProtocolSchema },
  'add-candidate': { body: AddCandidateBody, response: CandidateSchema },
  'remove-candidate': { body: RemoveCandidateBody, response: RemoveCandidateResult },
  'replace-candidate': { body: ReplaceCandidateBody, response: CandidateSchema },
  decision: { body: CouncilDecisionBody, response: CouncilDecisionResult },
  meeting: { body: ScheduleMeetingBody, response: ScheduleMeetingResult },
  'creation-notice': { body: PublishNoticeBody, response: PublishedNoticeSchema },
  'first-meeting': { body: FirstMeetingBody, response: FormationResultSchema },
  'move-first-meeting': { body: MoveMeetingBody, response: MoveMeetingResult },
};

export const FORMATION_ACTIONS: Readonly<Record<FormationStepName, FormationAction>> = Object.fromEntries(
  FORMATION_STEP_NAMES.map((name) => [name, { ...FORMATION_STEPS[name], ...SCHEMAS[name] }]),
) as Record<FormationStepName, FormationAction>;
