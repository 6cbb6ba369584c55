import { Type } from 'typebox';
import { OBLIGATION_KEYS } from '../../domain/deadlines';
import {
  CalendarNameSchema,
  ErrorSchema,
  InstantSchema,
  IsoDateSchema,
  LangSchema,
  LocalizedSchema,
  Strict,
} from '../schemas';

export const DeadlineQuery = Strict({
  key: Type.Enum([...OBLIGATION_KEYS], { description: 'The statutory obligation' }),
  from: { ...IsoDateSchema, description: 'The date of the event the count starts from, YYYY-MM-DD' },
  extended: Type.Optional(Type.Boolean({ description: 'Apply the one-time extension (information-request only)' })),
  lang: Type.Optional(LangSchema),
});

const SkippedSchema = Type.Object({
  date: IsoDateSchema,
  reason: Type.Enum(['weekend', 'holiday', 'day-off']),
  name: Type.Optional(CalendarNameSchema),
});

export const DeadlineResponse = Type.Object({
  key: Type.String(),
  clause: Type.String(),
  title: LocalizedSchema,
  from: IsoDateSchema,
  due: IsoDateSchema,
  dueInstant: InstantSchema,
  extended: Type.Boolean(),
  counted: Type.Array(IsoDateSchema, {
    description: 'Working-day rules: the days counted, day 1 first; other rules: the raw landing date',
  }),
  skipped: Type.Array(SkippedSchema, { description: 'Every non-working day passed over, with its name' }),
  movedFrom: Type.Optional(IsoDateSchema),
  calendarNotes: Type.Array(
    Type.Object({
      year: Type.Integer(),
      data: Type.Enum(['estimated', 'missing']),
      estimatedDays: Type.Optional(Type.Array(Type.Object({ date: IsoDateSchema, name: CalendarNameSchema }))),
    }),
  ),
  explanation: Type.Array(Type.String(), {
    description: "The count explained, line by line, in the request's language",
  }),
});

export const deadlineSchema = {
  summary:
    'The deadline calculator: the due date of a statutory obligation, the days counted and every holiday skipped',
  tags: ['public'],
  querystring: DeadlineQuery,
  response: { 200: DeadlineResponse, 400: ErrorSchema },
};
