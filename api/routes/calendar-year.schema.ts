import { Type } from 'typebox';
import { FIRST_SUPPORTED_YEAR } from '../../domain/calendar';
import { CalendarNameSchema, ErrorSchema, IsoDateSchema, LangQuery, Strict } from '../schemas';

export const CalendarYearParams = Strict({ year: Type.Integer({ minimum: FIRST_SUPPORTED_YEAR, maximum: 2100 }) });

export const CalendarYearResponse = Type.Object({
  year: Type.Integer(),
  data: Type.Enum(['confirmed', 'estimated', 'missing'], { description: "Whether the year's movable holidays and transfers are known" }),
  days: Type.Array(
    Type.Object({
      date: IsoDateSchema,
      working: Type.Boolean(),
      reason: Type.Enum(['holiday', 'day-off', 'worked-weekend']),
      name: Type.Optional(CalendarNameSchema),
      status: Type.Optional(Type.Enum(['confirmed', 'estimated'])),
    }),
    { description: 'Every day that differs from the plain week: holidays, days off, weekends worked' },
  ),
});

export const calendarYearSchema = {
  summary: "The year's working-day calendar: holidays, days off and worked weekends (shipped data and staff's entries)",
  tags: ['public'],
  params: CalendarYearParams,
  querystring: LangQuery,
  response: { 200: CalendarYearResponse, 400: ErrorSchema },
};
