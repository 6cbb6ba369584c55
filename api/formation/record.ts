// GET /api/groups/:groupId/formation/record: what the database knows of a formation (obligations with due dates,
// candidates, protocols, the first meeting, notices), projected from the event log the workflow writes. It answers
// while Temporal is unreachable, when GET /api/groups/:groupId/formation (the live state) answers 503. Phones,
// e-mails and birth dates go to staff only, as on the formation page.
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { loadDbFormationView } from './db-view';
import { GroupParams, LangQuery, Nullable } from '../schemas';
import { STEP_ERRORS } from './schema';

const RecordSchema = Type.Object({
  groupId: Type.String(),
  status: Type.String({ description: 'forming, created, active, term-ended, dissolved' }),
  obligations: Type.Array(
    Type.Object({
      key: Type.String(),
      clause: Type.String(),
      party: Type.String(),
      anchor: Type.String(),
      due: Nullable(Type.String()),
      status: Type.String({ description: 'open, met, met-late, escalated, closed, cancelled' }),
      metOn: Nullable(Type.String()),
    }),
  ),
  candidates: Type.Array(
    Type.Object({
      candidateId: Type.String(),
      fullName: Type.String(),
      sex: Type.String(),
      birthDate: Nullable(Type.String()),
      category: Type.String(),
      source: Type.String(),
      nominatedOn: Type.String(),
      votes: Nullable(Type.Number()),
      village: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
    }),
  ),
  protocols: Type.Array(
    Type.Object({
      id: Type.String(),
      heldOn: Type.String(),
      protocolRef: Type.String(),
      place: Nullable(Type.String()),
      participants: Type.Number(),
    }),
  ),
  meeting: Nullable(
    Type.Object({
      date: Type.String(),
      time: Nullable(Type.String()),
      place: Nullable(Type.String()),
      status: Type.String(),
      heldOn: Nullable(Type.String()),
    }),
  ),
  notices: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      publishedAt: Type.String(),
      channels: Type.Array(Type.String()),
    }),
  ),
});

export function formationRecordRoute(app: App, deps: AppDeps): void {
  const readers = ['staff', 'deputy', 'chair'] as const;
  app.get(
    '/api/groups/:groupId/formation/record',
    {
      schema: {
        tags: ['formation'],
        summary:
          'The formation as recorded in the database (works while Temporal is unreachable); the live state is GET …/formation',
        params: GroupParams,
        querystring: LangQuery,
        response: { 200: RecordSchema, ...STEP_ERRORS },
      },
      config: { access: [...readers] },
      preValidation: requireRole(deps.db, readers),
    },
    async (request) => {
      const group = await findGroupById(deps.db, request.params.groupId);
      if (!group) throw new AppError('group-not-found', `group ${request.params.groupId} does not exist`);
      const view = await loadDbFormationView(deps.db, group);
      const staff = request.auth!.account.role === 'staff';
      return {
        groupId: group.id,
        status: group.status,
        obligations: view.obligations,
        candidates: view.candidates.map((c) => (staff ? c : { ...c, birthDate: null, phone: null, email: null })),
        protocols: view.protocols,
        meeting: view.meeting,
        notices: view.notices.map((n) => ({ ...n, publishedAt: n.publishedAt.toISOString() })),
      };
    },
  );
}
