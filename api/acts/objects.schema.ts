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
