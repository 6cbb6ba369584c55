// Taking on an existing group over JSON (issue 13, point 1):
//   POST /api/councils/:councilId/groups/adopt    staff of the council
// The body gives the council's resolution (number, date, publication), the chair it names or null (to be elected at
// a meeting, 5.4.6) and the members as CSV text in the roster format. 201 with the group, its term and the
// composition's findings kept on its record; bad input 400 naming the field and the rule, nothing written; another
// group in office 409; no Temporal server 503, nothing written.
import type { FastifyRequest } from 'fastify';
import { adoptGroup } from '../../procedures/groups/adopt-group';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { CouncilParams, LangQuery } from '../formation/schema';
import { procedureDeps } from '../procedure-deps';
import { ADOPT_ERRORS, AdoptedGroupSchema, AdoptGroupBody } from './schema';

/** Who recorded it, in the event log. */
export function staffActor(request: FastifyRequest): string {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return `staff:${request.auth.account.id}`;
}

export function groupsApiRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/councils/:councilId/groups/adopt',
    {
      schema: {
        tags: ['groups'],
        summary:
          "Take on a group the council created before the product was used: its resolution, chair and members (CSV); the composition's violations are recorded, not refused (5.2), and its term starts (5.3.1)",
        params: CouncilParams,
        querystring: LangQuery,
        body: AdoptGroupBody,
        response: { 201: AdoptedGroupSchema, ...ADOPT_ERRORS },
      },
      config: { access: ['staff'] },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const b = request.body;
      const adopted = await adoptGroup(procedureDeps(deps), {
        councilId: request.params.councilId,
        decisionNumber: b.decisionNumber,
        decidedOn: b.decidedOn,
        publishedOn: b.publishedOn,
        termStartsOn: b.termStartsOn,
        chair: b.chair,
        csv: b.csv,
        actor: staffActor(request),
      });
      return reply.status(201).send(adopted);
    },
  );
}
