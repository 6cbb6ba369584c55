// Schemas of the monitored objects' JSON routes (4.2, 4.3).
import { Type } from 'typebox';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import { CalendarNameSchema, LangSchema, Strict } from '../schemas';
import { ErrorSchema } from './schema';

export const CouncilParams = Strict({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
export const LangOnly = Strict({ lang: Type.Optional(LangSchema) });

export const ObjectKindSchema = Type.Enum(Object.keys(MONITORED_OBJECT_KINDS), { description: 'The kinds of 4.2' });

export const MonitoredObjectSchema = Type.Object({
  id: Type.String(),
  councilId: Type.String(),
  kind: Type.String(),
  name: CalendarNameSchema,
  emails: Type.Array(Type.String(), {
    description: 'Where acts and reminders are mailed (4.3); organisational addresses, not personal data of members',
  }),
  isExecutiveBody: Type.Boolean(),
  followsTransfers: Type.Boolean({
    description: "Staff marked the object as following the Cabinet's transfers of days off",
  }),
  calendarKind: Type.Enum(['with-transfers', 'labour-code'], {
    description:
      "The calendar its deadlines are counted on: state and municipal bodies (and objects marked so) with the Cabinet's transfers, others on the Labour Code calendar",
  }),
  postalAddress: Type.Union([Type.String(), Type.Null()], {
    description: 'Where a paper act is delivered (an organisational address); null when none was given',
  }),
  active: Type.Boolean({
    description: 'False once staff marked it inactive: no new acts or information requests to it (4.2)',
  }),
});

export const RegisterObjectBody = Strict({
  kind: ObjectKindSchema,
  name: Strict({ ky: Type.String({ maxLength: 500 }), ru: Type.String({ maxLength: 500 }) }),
  emails: Type.Array(Type.String({ maxLength: 254 }), { maxItems: 20, description: 'At least one address (4.3)' }),
  followsTransfers: Type.Optional(
    Type.Boolean({ description: "Count this object's deadlines with the Cabinet's transfers; false by default" }),
  ),
});

export const ObjectParams = Strict({
  councilId: Type.String({ minLength: 1, maxLength: 200 }),
  objectId: Type.String({ minLength: 1, maxLength: 200 }),
});

export const setObjectCalendarSchema = {
  tags: ['staff'],
  summary:
    "Marks a monitored object as following the Cabinet's transfers of days off, or not (its counts then use that calendar)",
  params: ObjectParams,
  querystring: LangOnly,
  body: Strict({ followsTransfers: Type.Boolean() }),
  response: { 200: MonitoredObjectSchema, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const listObjectsSchema = {
  tags: ['staff'],
  summary: "The council's monitored objects (4.2): staff and deputies of the council",
  params: CouncilParams,
  querystring: LangOnly,
  response: {
    200: Type.Object({ councilId: Type.String(), objects: Type.Array(MonitoredObjectSchema) }),
    403: ErrorSchema,
    404: ErrorSchema,
  },
};

export const registerObjectSchema = {
  tags: ['staff'],
  summary:
    'Registers a monitored object (4.2) with the addresses acts go to (4.3); one executive body per council (409 for a second)',
  params: CouncilParams,
  querystring: LangOnly,
  body: RegisterObjectBody,
  response: { 201: MonitoredObjectSchema, 400: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema },
};

/** The fields of an object's record entry (names and addresses; the old ones in `previous`). */
const ObjectFieldsSchema = Type.Object({
  name: Type.Optional(Type.String()),
  nameRu: Type.Optional(Type.String()),
  contacts: Type.Optional(Type.Array(Type.String())),
  postalAddress: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const ObjectChangeSchema = Type.Object({
  at: Type.String({ description: 'When it was recorded (ISO 8601)' }),
  actor: Type.String(),
  type: Type.Enum(['registered', 'edited', 'deactivated', 'reactivated', 'calendar-set']),
  changes: ObjectFieldsSchema,
  previous: ObjectFieldsSchema,
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const EditObjectBody = Strict({
  name: Type.Optional(
    Strict({
      ky: Type.Optional(Type.String({ maxLength: 500 })),
      ru: Type.Optional(Type.String({ maxLength: 500 })),
    }),
  ),
  emails: Type.Optional(
    Type.Array(Type.String({ maxLength: 254 }), {
      maxItems: 20,
      description: 'The whole new list: at least one address (4.3); mails sent after the change go there',
    }),
  ),
  postalAddress: Type.Optional(
    Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'Empty or null: none' }),
  ),
  active: Type.Optional(
    Type.Boolean({ description: 'false: no new acts or information requests to it (4.2); true: active again' }),
  ),
  reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Why it is marked inactive' })),
});

export const editObjectSchema = {
  tags: ['staff'],
  summary:
    "Edits a monitored object's names and addresses or marks it inactive (issue 12): each change is recorded with the values it replaced; mails sent afterwards go to the new addresses",
  params: ObjectParams,
  querystring: LangOnly,
  body: EditObjectBody,
  response: { 200: MonitoredObjectSchema, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const objectRecordSchema = {
  tags: ['staff'],
  summary: 'A monitored object with its record: registration, every edit with the old values, (de)activations',
  params: ObjectParams,
  querystring: LangOnly,
  response: {
    200: Type.Object({ object: MonitoredObjectSchema, history: Type.Array(ObjectChangeSchema) }),
    403: ErrorSchema,
    404: ErrorSchema,
  },
};
