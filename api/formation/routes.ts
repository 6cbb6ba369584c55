// The formation procedure over JSON (5.3, 5.4): start it for a council, read its state, send each step.
//   POST /api/councils/:councilId/formations          staff   open a group and start its procedure (Idempotency-Key)
//   GET  /api/groups/:groupId/formation               staff, deputy, chair   the FormationState (personal data: staff only)
//   POST /api/groups/:groupId/formation/start         staff   start the procedure of a group whose start failed
//   POST /api/groups/:groupId/formation/<step>        staff   one step (procedures/formation/steps.ts)
// Every action goes through the engine; the workflow's validators refuse with the clause (400, or 409 for the order).
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { findGroupById } from '../../db/groups';
import type { FormationState } from '../../workflows/formation/contract';
import { formationState, recordFormationStep } from '../../procedures/formation/record-step';
import { restartFormation, startFormation } from '../../procedures/formation/start-formation';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole, requireRole } from '../auth/require-role';
import {
  CouncilParams,
  FormationStateSchema,
  GroupParams,
  LangQuery,
  StartFormationBody,
  StartFormationHeaders,
  StartFormationResponse,
  STEP_ERRORS,
} from './schema';
import { FORMATION_ACTIONS, FORMATION_STEP_NAMES } from './steps';
import { procedureDeps } from '../procedure-deps';
import { Strict } from '../schemas';

/** Who recorded it, in the event log. */
export function actorOf(request: FastifyRequest): string {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return `staff:${request.auth.account.id}`;
}

/** The state as the account may see it: phone, e-mail and birth date of candidates are for staff only. */
export function stateFor(state: FormationState, role: string): FormationState {
  if (role === 'staff') return state;
  return {
    ...state,
    candidates: state.candidates.map((c) => ({
      ...c,
      phone: null,
      email: null,
      birthDate: null as unknown as FormationState['candidates'][number]['birthDate'],
    })),
  };
}

export function formationApiRoutes(app: App, deps: AppDeps): void {
  const staffOfGroup = requireRole(deps.db, ['staff']);

  app.post(
    '/api/councils/:councilId/formations',
    {
      schema: {
        tags: ['formation'],
        summary:
          'Open a group in formation for the council and start its procedure (5.4); the 5.4.1 notice is due 1 month after formedOn',
        params: CouncilParams,
        querystring: LangQuery,
        headers: StartFormationHeaders,
        body: StartFormationBody,
        response: { 201: StartFormationResponse, ...STEP_ERRORS },
      },
      config: { access: ['staff'] },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const started = await startFormation(procedureDeps(deps), {
        councilId: request.params.councilId,
        formedOn: request.body.formedOn,
        previousGroupId: request.body.previousGroupId ?? null,
        key: typeof key === 'string' ? key : null,
        actor: actorOf(request),
      });
      return reply.status(201).send(started);
    },
  );

  app.get(
    '/api/groups/:groupId/formation',
    {
      schema: {
        tags: ['formation'],
        summary:
          'The formation procedure now: its step, obligations with due dates, candidates, protocols and the composition check',
        params: GroupParams,
        querystring: LangQuery,
        response: { 200: FormationStateSchema, ...STEP_ERRORS },
      },
      config: { access: ['staff', 'deputy', 'chair'] },
      preValidation: requireRole(deps.db, ['staff', 'deputy', 'chair']),
    },
    async (request) => {
      const state = await formationState(procedureDeps(deps), request.params.groupId);
      return stateFor(state, request.auth!.account.role);
    },
  );

  app.post(
    '/api/groups/:groupId/formation/start',
    {
      schema: {
        tags: ['formation'],
        summary:
          "Start the procedure of a group in formation whose start did not go through ('already-started' when it runs); body {} or {formedOn}",
        params: GroupParams,
        querystring: LangQuery,
        body: Strict({
          formedOn: Type.Optional(
            Type.String({ maxLength: 10, description: "Only for a group opened without the council's formation date" }),
          ),
        }),
        response: { 200: StartFormationResponse, ...STEP_ERRORS },
      },
      config: { access: ['staff'] },
      preValidation: staffOfGroup,
    },
    async (request) => {
      const group = await findGroupById(deps.db, request.params.groupId);
      if (!group) throw new AppError('group-not-found', `group ${request.params.groupId} does not exist`);
      return restartFormation(procedureDeps(deps), group, request.body.formedOn);
    },
  );

  for (const step of FORMATION_STEP_NAMES) {
    const action = FORMATION_ACTIONS[step];
    app.post(
      `/api/groups/:groupId/formation/${step}`,
      {
        schema: {
          tags: ['formation'],
          summary: action.summary,
          params: GroupParams,
          querystring: LangQuery,
          body: action.body,
          response: { 200: action.response, ...STEP_ERRORS },
        },
        config: { access: ['staff'] },
        preValidation: staffOfGroup,
      },
      async (request) => {
        return recordFormationStep(procedureDeps(deps), request.params.groupId, step, request.body);
      },
    );
  }
}
