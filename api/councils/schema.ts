// Schemas of the councils' and notices' JSON routes. Inputs refuse unknown fields; the field rules themselves (an
// e-mail address, an http(s) website, an IANA time zone) are checked in input.ts, naming the field.
import { Type } from 'typebox';
import {
  CalendarNameSchema,
  ErrorSchema,
  InstantSchema,
  IsoDateSchema,
  LangQuery,
  LangSchema,
  Nullable,
  Strict,
} from '../schemas';
import { EMAIL_MAX, NAME_MAX, WEBSITE_MAX } from './input';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const CouncilParams = Strict({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
export const NoticeParams = Strict({ noticeId: Type.String({ minLength: 1, maxLength: 300 }) });
export { LangQuery };

// ---- councils ----

export const RegisterCouncilBody = Strict({
  nameKy: Type.String({
    maxLength: NAME_MAX * 2,
    description: 'The name in Kyrgyz, e.g. "Ак-Суу айылдык кеңеши" (required)',
  }),
  nameRu: Type.String({
    maxLength: NAME_MAX * 2,
    description: 'The name in Russian, e.g. "Ак-Суйский айылный кенеш" (required)',
  }),
  email: Type.Optional(
    Nullable(
      Type.String({
        maxLength: EMAIL_MAX,
        description: "The council's address: reminders to the council chair (5.4.3) go there",
      }),
    ),
  ),
  website: Type.Optional(
    Nullable(Type.String({ maxLength: WEBSITE_MAX, description: 'The official website, http(s)' })),
  ),
  timeZone: Type.Optional(
    Nullable(Type.String({ maxLength: 64, description: 'An IANA time zone (default Asia/Bishkek)' })),
  ),
});

export const RegisterCouncilHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      description:
        'A key of your choosing (8 to 200 characters, e.g. a UUID): repeating the request with it registers no second council',
    }),
  ),
});

export const CouncilSchema = Type.Object({
  id: Type.String(),
  name: CalendarNameSchema,
  email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  timeZone: Type.String(),
  registeredAt: InstantSchema,
  executiveBodyId: Nullable(
    Type.String({
      description:
        'The executive body (aiyl okmotu) object; null until registered, and 5.4.1 reminders have nobody to go to',
    }),
  ),
  links: Type.Object({ noticeBoard: Type.String(), notices: Type.String() }),
});

export const listCouncilsSchema = {
  tags: ['councils'],
  summary:
    'The councils the account may see: staff and deputies their council (staff of every council: all), chairs and members the council of their group',
  querystring: LangQuery,
  response: { 200: Type.Object({ councils: Type.Array(CouncilSchema) }), ...errors },
};

export const registerCouncilSchema = {
  tags: ['councils'],
  summary: 'Registers a council (staff of every council only); with an Idempotency-Key a repeat registers nothing new',
  querystring: LangQuery,
  headers: RegisterCouncilHeaders,
  body: RegisterCouncilBody,
  response: { 201: Type.Object({ councilId: Type.String() }), ...errors },
};

export const getCouncilSchema = {
  tags: ['councils'],
  summary: 'One council: staff and deputies of it',
  params: CouncilParams,
  querystring: LangQuery,
  response: { 200: CouncilSchema, ...errors },
};

// ---- groups ----

const path = Type.String();
export const CouncilGroupSchema = Type.Object({
  id: Type.String(),
  status: Type.Enum(['forming', 'created', 'active', 'term-ended', 'dissolved']),
  councilFormedOn: Nullable(IsoDateSchema),
  openedAt: InstantSchema,
  openedOn: IsoDateSchema,
  createdOn: Nullable(IsoDateSchema),
  resolutionNumber: Nullable(Type.String()),
  termEnd: Nullable(IsoDateSchema),
  links: Type.Object({
    pages: Type.Object({ formation: path, dashboard: path, acts: path, composition: path }),
    api: Type.Object({
      formation: path,
      formationRecord: path,
      dashboard: path,
      acts: path,
      obligations: path,
      members: path,
    }),
  }),
});

export const listGroupsSchema = {
  tags: ['councils'],
  summary:
    "The council's groups, oldest first, with their status, dates, resolution and links: staff and deputies of the council",
  params: CouncilParams,
  querystring: LangQuery,
  response: { 200: Type.Object({ councilId: Type.String(), groups: Type.Array(CouncilGroupSchema) }), ...errors },
};

// ---- notices ----

export const NoticeSchema = Type.Object({
  id: Type.String(),
  councilId: Type.String(),
  groupId: Nullable(Type.String()),
  kind: Type.String({ description: "e.g. 'formation-notice' (5.4.1), 'creation-notice' (5.4.7)" }),
  text: Type.Object(
    { ky: Type.String(), ru: Type.String() },
    { description: 'Notices exist in the two state languages' },
  ),
  channels: Type.Array(Type.String(), { description: 'website, notice_board' }),
  publishedAt: InstantSchema,
  publishedOn: IsoDateSchema,
  links: Type.Object({ print: path, board: path }),
});

export const NoticesQuery = Strict({
  lang: Type.Optional(LangSchema),
  group: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Only this group's notices" })),
});

export const listNoticesSchema = {
  tags: ['public'],
  summary:
    "The council's public notices, newest first (what the notice board and its Atom feed show; public texts only, never personal data)",
  params: CouncilParams,
  querystring: NoticesQuery,
  response: {
    200: Type.Object({ councilId: Type.String(), council: CalendarNameSchema, notices: Type.Array(NoticeSchema) }),
    400: ErrorSchema,
    404: ErrorSchema,
  },
};

export const getNoticeSchema = {
  tags: ['public'],
  summary: 'One public notice',
  params: NoticeParams,
  querystring: LangQuery,
  response: { 200: NoticeSchema, 400: ErrorSchema, 404: ErrorSchema },
};
