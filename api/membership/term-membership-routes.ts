// 5.4.8 over JSON: a member's departure, the replacement's nomination and appointment, and a new chair (5.4.6), thin
// adapters over procedures/term/membership.ts:
//   POST /api/groups/:groupId/departures                           chair, staff   a member left (date, reason)
//   POST /api/groups/:groupId/vacancies/:vacancyId/nomination      staff          the nominee and its source (5.4.2-5.4.4)
//   POST /api/groups/:groupId/vacancies/:vacancyId/appointment     staff          the council's decision appoints them
//   POST /api/groups/:groupId/meetings/:meetingId/chair-election   chair, staff   a quorate meeting elects the chair
//   POST /api/groups/:groupId/additions                            staff          the council's decision adds members (5.4.5)
//   PUT  /api/councils/:councilId/replacement-periods              staff          do 5.4.2/5.4.3's 15 days apply?
// Each answer carries the term's state and, after a change of members, the composition with its arithmetic (5.2).
// Refusals are the use cases' and the procedure's: 400 naming the field and the clause, nothing written.
import { Type } from 'typebox';
import {
  addMembersByDecision,
  appointReplacement,
  electChair,
  nominateReplacement,
  recordDeparture,
} from '../../procedures/term/membership';
import { actorOf } from '../acts/common';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole, requireRole } from '../auth/require-role';
import { procedureDeps } from '../procedure-deps';
import { setCouncilReplacementPeriods } from '../../db/replacement-periods';
import { termMembershipPages } from './term-membership-page';
import { ErrorSchema, IsoDateSchema, LangQuery, Nullable, Strict } from '../schemas';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Category = Type.Union([Type.Literal('municipal_employee'), Type.Literal('deputy'), Type.Literal('citizen')]);
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  503: ErrorSchema,
};
const Changed = Type.Object({ state: Type.Any(), composition: Type.Any() });

/** Who named a member and by what document (5.4.2 the executive head, 5.4.3 the council chair, 5.4.4 a gathering). */
const Source = Strict({
  kind: Type.Union([
    Type.Literal('executive-head'),
    Type.Literal('council-chair'),
    Type.Literal('community-gathering'),
  ]),
  ref: Type.String({ maxLength: 500 }),
  date: IsoDateSchema,
  participants: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  votesFor: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
});

const Person = Strict({
  fullName: Type.String({ maxLength: 200 }),
  sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  birthDate: Nullable(Type.String({ maxLength: 10 })),
  workplace: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  village: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});

const departureSchema = {
  tags: ['staff'],
  summary: '5.4.8: a member left; the quorum counts the smaller membership from that day; a vacancy opens',
  params: Strict({ groupId: Id }),
  querystring: LangQuery,
  body: Strict({
    membershipId: Id,
    leftOn: IsoDateSchema,
    reason: Type.Union(['resigned', 'moved-away', 'died', 'removed-by-council', 'other'].map((r) => Type.Literal(r))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  }),
  response: { 200: Changed, ...errors },
};

const nominationSchema = {
  tags: ['staff'],
  summary:
    "5.4.8: the replacement named by the vacancy's category's source (5.4.2 head, 5.4.3 council chair, 5.4.4 gathering)",
  params: Strict({ groupId: Id, vacancyId: Id }),
  querystring: LangQuery,
  body: Strict({
    nominee: Strict({ fullName: Type.String({ maxLength: 200 }), category: Category }),
    source: Source,
  }),
  response: { 200: Type.Any(), ...errors },
};

const appointmentSchema = {
  tags: ['staff'],
  summary: "5.4.8 with 5.4.5: the council's decision appoints the nominee; a public notice names them",
  params: Strict({ groupId: Id, vacancyId: Id }),
  querystring: LangQuery,
  body: Strict({
    category: Type.Optional(Type.String({ maxLength: 40 })),
    decisionNumber: Type.String({ maxLength: 100 }),
    decisionDate: IsoDateSchema,
    person: Person,
  }),
  response: { 200: Changed, ...errors },
};

const additionSchema = {
  tags: ['staff'],
  summary:
    "5.4.5 with 5.4.2-5.4.4: the council's decision adds members over the term (a category short of its 5.2.3 share; a replacement, 5.4.8, stays in its category); the composition that results is returned with its arithmetic, never refused",
  params: Strict({ groupId: Id }),
  querystring: LangQuery,
  body: Strict({
    decisionNumber: Type.String({ maxLength: 100 }),
    decisionDate: IsoDateSchema,
    members: Type.Array(
      Strict({
        category: Category,
        source: Source,
        person: Person,
      }),
      { minItems: 1, maxItems: 10 },
    ),
  }),
  response: { 200: Changed, ...errors },
};

const chairElectionSchema = {
  tags: ['chair'],
  summary: "5.4.6: after the chair left, a quorate meeting's record elects the new chair from the citizen members",
  params: Strict({ groupId: Id, meetingId: Id }),
  querystring: LangQuery,
  body: Strict({ membershipId: Id, votesFor: Type.Integer({ minimum: 0 }) }),
  response: { 200: Changed, ...errors },
};

const periodsSchema = {
  tags: ['staff'],
  summary:
    "5.4.8: whether the 15 working days of 5.4.2/5.4.3 apply to a replacement (the council's reading; default true)",
  params: Strict({ councilId: Id }),
  querystring: LangQuery,
  body: Strict({ apply: Type.Boolean() }),
  response: { 200: Type.Object({ apply: Type.Boolean(), changed: Type.Boolean() }), ...errors },
};

const MANAGERS = ['chair', 'staff'] as const;
const STAFF = ['staff'] as const;

export function termMembershipRoutes(app: App, deps: AppDeps): void {
  const managers = { config: { access: MANAGERS }, preValidation: requireRole(deps.db, MANAGERS) };
  const staff = { config: { access: STAFF }, preValidation: requireRole(deps.db, STAFF) };
  const councilStaff = { config: { access: STAFF }, preValidation: requireCouncilRole(deps.db, STAFF) };

  app.post('/api/groups/:groupId/departures', { schema: departureSchema, ...managers }, async (request) => {
    const b = request.body;
    return recordDeparture(procedureDeps(deps, request.log), {
      groupId: request.params.groupId,
      membershipId: b.membershipId,
      leftOn: b.leftOn,
      reason: b.reason,
      note: b.note ?? null,
      actor: actorOf(request),
    });
  });

  app.post(
    '/api/groups/:groupId/vacancies/:vacancyId/nomination',
    { schema: nominationSchema, ...staff },
    async (request) =>
      nominateReplacement(procedureDeps(deps, request.log), {
        groupId: request.params.groupId,
        vacancyId: request.params.vacancyId,
        nominee: request.body.nominee,
        source: request.body.source,
        actor: actorOf(request),
      }),
  );

  app.post(
    '/api/groups/:groupId/vacancies/:vacancyId/appointment',
    { schema: appointmentSchema, ...staff },
    async (request) => {
      const b = request.body;
      return appointReplacement(procedureDeps(deps, request.log), {
        groupId: request.params.groupId,
        vacancyId: request.params.vacancyId,
        ...(b.category === undefined ? {} : { category: b.category }),
        decisionNumber: b.decisionNumber,
        decisionDate: b.decisionDate,
        person: b.person,
        actor: actorOf(request),
      });
    },
  );

  app.post('/api/groups/:groupId/additions', { schema: additionSchema, ...staff }, async (request) =>
    addMembersByDecision(procedureDeps(deps, request.log), {
      groupId: request.params.groupId,
      decisionNumber: request.body.decisionNumber,
      decisionDate: request.body.decisionDate,
      members: request.body.members,
      actor: actorOf(request),
    }),
  );

  app.post(
    '/api/groups/:groupId/meetings/:meetingId/chair-election',
    { schema: chairElectionSchema, ...managers },
    async (request) =>
      electChair(procedureDeps(deps, request.log), {
        groupId: request.params.groupId,
        meetingId: request.params.meetingId,
        membershipId: request.body.membershipId,
        votesFor: request.body.votesFor,
        actor: actorOf(request),
      }),
  );
  app.put(
    '/api/councils/:councilId/replacement-periods',
    { schema: periodsSchema, ...councilStaff },
    async (request) => {
      const { changed } = await setCouncilReplacementPeriods(
        deps.db,
        request.params.councilId,
        request.body.apply,
        actorOf(request),
      );
      return { apply: request.body.apply, changed };
    },
  );

  termMembershipPages(app, deps);
}
