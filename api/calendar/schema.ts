import { Type } from 'typebox';
import { CalendarNameSchema, ErrorSchema, IsoDateSchema, LangSchema, Nullable, Strict } from '../schemas';
import { FIRST_EDITABLE_YEAR, LAST_EDITABLE_YEAR } from './council-data';

const CouncilId = Type.String({ minLength: 1, maxLength: 200 });
export const ScopeSchema = Type.Enum(['council', 'national'], {
  description:
    "council: this council's own correction; national: the national calendar (every council; staff of any council may edit it)",
});

export const CalendarYearParams = Strict({
  councilId: CouncilId,
  year: Type.Integer({ minimum: FIRST_EDITABLE_YEAR, maximum: LAST_EDITABLE_YEAR }),
});
export const CalendarDateParams = Strict({ councilId: CouncilId, date: IsoDateSchema });
export const CouncilOnlyParams = Strict({ councilId: CouncilId });

const EntrySchema = Type.Object({
  date: IsoDateSchema,
  type: Type.Enum(['day-off', 'working-day']),
  name: CalendarNameSchema,
  status: Type.Enum(['confirmed', 'estimated']),
});

export const SetDayBody = Strict({
  type: Type.Enum(['day-off', 'working-day'], {
    description:
      'day-off: not worked (a feast, a Cabinet day off); working-day: worked (a transferred Saturday, a cancelled day off)',
  }),
  name: Strict({
    ky: Type.String({ minLength: 1, maxLength: 200 }),
    ru: Type.String({ minLength: 1, maxLength: 200 }),
  }),
  status: Type.Optional(Type.Enum(['confirmed', 'estimated'], { description: 'Default confirmed' })),
  scope: Type.Optional(ScopeSchema),
});

const SignalSchema = Type.Object(
  {
    state: Type.Enum(['sent', 'none-running', 'engine-unavailable', 'failed', 'unchanged']),
    signalled: Type.Array(Type.String()),
    ended: Type.Array(Type.String()),
    notSent: Type.Array(
      Type.String({
        description:
          'Procedures not told: they keep counting on the old calendar until told (POST .../calendar/signal)',
      }),
    ),
  },
  { description: 'Whether the running formation and act procedures were told to recount' },
);

const StaleSchema = Type.Object({
  obligationId: Type.String(),
  groupId: Type.String(),
  actId: Nullable(Type.String()),
  key: Type.String(),
  clause: Type.String(),
  dueDate: IsoDateSchema,
  dueOnCurrentCalendar: IsoDateSchema,
});

export const CalendarYearResponse = Type.Object({
  year: Type.Integer(),
  councilId: Type.String(),
  data: Type.Enum(['confirmed', 'estimated', 'missing']),
  days: Type.Array(
    Type.Object({
      date: IsoDateSchema,
      working: Type.Boolean(),
      reason: Type.String(),
      name: Nullable(CalendarNameSchema),
      status: Nullable(Type.String()),
      source: Type.Enum(['labour-code', 'built-in', 'national', 'council']),
      shadowedNational: Nullable(EntrySchema),
    }),
  ),
  entries: Type.Object({ national: Type.Array(EntrySchema), council: Type.Array(EntrySchema) }),
  reminders: Type.Array(
    Type.Object({
      year: Type.Integer(),
      data: Type.Enum(['missing', 'estimated']),
      when: Type.Enum(['next-year', 'this-year']),
      estimatedDays: Type.Array(Type.Object({ date: IsoDateSchema, name: CalendarNameSchema })),
      since: IsoDateSchema,
    }),
  ),
  stale: Type.Array(StaleSchema, {
    description:
      "Open deadlines of the council's groups whose recorded due date differs from the current calendar's count",
  }),
  editable: Type.Boolean({ description: 'Whether the caller may change it (staff)' }),
});

export const ChangeResponse = Type.Object({
  date: IsoDateSchema,
  scope: ScopeSchema,
  appended: Type.Integer(),
  entry: Nullable(EntrySchema),
  signal: SignalSchema,
});

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

export const calendarYearSchema = {
  summary:
    "A council's working-day calendar for a year: holidays, days off, worked days, where each comes from, the yearly reminder",
  tags: ['calendar'],
  params: CalendarYearParams,
  querystring: Strict({ lang: Type.Optional(LangSchema) }),
  response: { 200: CalendarYearResponse, ...errors },
};

export const setDaySchema = {
  summary:
    'Sets a day of the calendar (a day off or a worked day) for the council or nationally, then tells the running procedures',
  description:
    'The change is saved even when Temporal is unreachable; `signal` says whether the running formation and act procedures were told to recount.',
  tags: ['calendar'],
  params: CalendarDateParams,
  querystring: Strict({ lang: Type.Optional(LangSchema) }),
  body: SetDayBody,
  response: { 200: ChangeResponse, ...errors },
};

export const removeDaySchema = {
  summary:
    "Removes a recorded day (the council's own or a national one); the built-in data and the Labour Code apply again",
  description:
    '404 when no entry is recorded for the date in that scope; 409 when the day comes from the built-in data (set it as a working-day or day-off instead).',
  tags: ['calendar'],
  params: CalendarDateParams,
  querystring: Strict({ scope: Type.Optional(ScopeSchema), lang: Type.Optional(LangSchema) }),
  response: { 200: ChangeResponse, 409: ErrorSchema, ...errors },
};

export const signalSchema = {
  summary:
    "Tells the council's running procedures that the calendar changed (after an edit made while Temporal was unreachable)",
  tags: ['calendar'],
  params: CouncilOnlyParams,
  querystring: Strict({ lang: Type.Optional(LangSchema) }),
  response: { 200: Type.Object({ signal: SignalSchema }), 503: ErrorSchema, ...errors },
};
