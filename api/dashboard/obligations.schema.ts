import { Type } from 'typebox';
import {
  CalendarNameSchema,
  ErrorSchema,
  GroupParams,
  InstantSchema,
  IsoDateSchema,
  LangSchema,
  LocalizedSchema,
  Nullable,
  Strict,
} from '../schemas';

export const GroupObligationsQuery = Strict({
  filter: Type.Optional(
    Type.Enum(['overdue', 'due-this-week'], {
      description: 'Only the overdue ones, or only those due from today to Sunday',
    }),
  ),
  lang: Type.Optional(LangSchema),
});

export const PendingObligationSchema = Type.Object({
  obligationId: Type.String(),
  key: Type.String(),
  clause: Type.String(),
  title: LocalizedSchema,
  party: Type.Object({ id: Type.String(), role: Nullable(LocalizedSchema), name: Nullable(CalendarNameSchema) }),
  status: Type.String(),
  open: Type.Boolean(),
  anchorDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  dueInstant: InstantSchema,
  daysLeft: Nullable(
    Type.Object({
      unit: Type.Enum(['working', 'calendar']),
      left: Type.Integer(),
      working: Type.Integer(),
      calendar: Type.Integer(),
    }),
  ),
  overdue: Type.Boolean(),
  dueThisWeek: Type.Boolean(),
  dueOnNonWorkingDay: Nullable(Type.Object({ reason: Type.String(), name: Nullable(CalendarNameSchema) })),
  closedAt: Nullable(InstantSchema),
  reminders: Type.Array(Type.Object({ rung: Type.String(), sentAt: InstantSchema })),
  escalation: Nullable(Type.Object({ sentAt: InstantSchema })),
  act: Nullable(
    Type.Object({ id: Type.String(), number: Nullable(Type.String()), title: Type.String(), path: Type.String() }),
  ),
  object: Nullable(
    Type.Object({ id: Type.String(), name: CalendarNameSchema, kind: Type.String(), isExecutiveBody: Type.Boolean() }),
  ),
  responses: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      submittedAt: InstantSchema,
      late: Type.Boolean(),
      supersedes: Nullable(Type.String()),
      path: Type.String(),
    }),
  ),
});

export const GroupObligationsResponse = Type.Object({
  groupId: Type.String(),
  today: IsoDateSchema,
  obligations: Type.Array(PendingObligationSchema, {
    description: 'Overdue first, then open by due date, then recently closed',
  }),
});

export const groupObligationsSchema = {
  summary: "The chair's pending list: open and recently closed obligations, overdue first",
  tags: ['chair'],
  params: GroupParams,
  querystring: GroupObligationsQuery,
  response: { 200: GroupObligationsResponse, 400: ErrorSchema, 404: ErrorSchema },
};
