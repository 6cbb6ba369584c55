// Schemas of the information requests' JSON routes (7.3.2(1), Law No. 217). Every object refuses unknown fields.
import { Type } from 'typebox';
import { REFUSAL_GROUNDS, REQUEST_TEXT_LIMITS } from '../../domain/request';
import { ErrorSchema, IsoDateSchema, LangQuery, Nullable, Strict } from '../schemas';

const Id = Type.String({ minLength: 1, maxLength: 200 });
export const GroupParams = Strict({ groupId: Id });
export const RequestParams = Strict({ groupId: Id, requestId: Id });

export const RequestSchema = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  councilId: Type.String(),
  objectId: Type.String(),
  subject: Type.String(),
  purpose: Type.String(),
  reference: Nullable(Type.String()),
  actId: Nullable(Type.String()),
  calendarKind: Type.Enum(['with-transfers', 'labour-code'], {
    description: "The object's calendar the 10 working days are counted on (4.2)",
  }),
  sentOn: IsoDateSchema,
  receivedOn: Nullable(IsoDateSchema),
  receivedVia: Nullable(Type.Enum(['link', 'staff'])),
  firstDue: Nullable(IsoDateSchema),
  due: Nullable(IsoDateSchema),
  extension: Nullable(Type.Object({ on: IsoDateSchema, reason: Type.String() })),
  outcome: Nullable(Type.Enum(['answered', 'refused'])),
  outcomeOn: Nullable(IsoDateSchema),
  answerText: Nullable(Type.String()),
  refusal: Nullable(Type.Object({ ground: Type.Enum([...REFUSAL_GROUNDS]), text: Type.String() })),
  escalated: Type.Boolean(),
});

export const WriteRequestBody = Strict({
  objectId: Id,
  subject: Type.String({ maxLength: REQUEST_TEXT_LIMITS.subject, description: 'What is asked (7.3.2(1))' }),
  purpose: Type.String({ maxLength: REQUEST_TEXT_LIMITS.purpose, description: 'Why it is asked' }),
  reference: Type.Optional(
    Nullable(Type.String({ maxLength: REQUEST_TEXT_LIMITS.reference, description: 'The act or plan item it serves' })),
  ),
  actId: Type.Optional(Nullable(Id)),
});

export const listRequestsSchema = {
  tags: ['chair'],
  summary: "The group's information requests (7.3.2(1)), the latest first",
  params: GroupParams,
  querystring: LangQuery,
  response: {
    200: Type.Object({ groupId: Type.String(), requests: Type.Array(RequestSchema) }),
    403: ErrorSchema,
    404: ErrorSchema,
  },
};

export const writeRequestSchema = {
  tags: ['chair'],
  summary:
    'The chair (or staff) writes an information request to a monitored object and sends it: the object is mailed a signed link (7.3.2(1), Law No. 217)',
  params: GroupParams,
  querystring: LangQuery,
  body: WriteRequestBody,
  response: {
    201: Type.Object({ request: RequestSchema, delivery: Type.Enum(['started', 'already-started']) }),
    400: ErrorSchema,
    403: ErrorSchema,
    503: ErrorSchema,
  },
};

export const getRequestSchema = {
  tags: ['chair'],
  summary: 'One information request',
  params: RequestParams,
  querystring: LangQuery,
  response: { 200: RequestSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const paperReceiptSchema = {
  tags: ['staff'],
  summary: 'Staff record a paper receipt of the request: Law No. 217 counts 10 working days from it',
  params: RequestParams,
  querystring: LangQuery,
  body: Strict({ receivedOn: IsoDateSchema }),
  response: {
    200: Type.Object({ receivedOn: IsoDateSchema, via: Type.String(), recordedAt: Type.String() }),
    400: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
    503: ErrorSchema,
  },
};

export const publicRequestsSchema = {
  tags: ['public'],
  summary: "A group's information requests, publicly: subject, object, sent, due and outcome (no personal data)",
  params: GroupParams,
  querystring: LangQuery,
  response: {
    200: Type.Object({
      groupId: Type.String(),
      requests: Type.Array(
        Type.Object({
          subject: Type.String(),
          object: Type.Object({ ky: Type.String(), ru: Type.String() }),
          sentOn: IsoDateSchema,
          due: Nullable(IsoDateSchema),
          outcome: Type.Enum(['answered-on-time', 'answered-late', 'refused', 'unanswered', 'pending']),
        }),
      ),
    }),
    404: ErrorSchema,
  },
};
