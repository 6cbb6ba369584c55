import { Type } from 'typebox';
import { AppError } from '../app-error';
import { FIRST_SUPPORTED_YEAR } from '../../domain/calendar';
import { CalendarNameSchema, ErrorSchema, IsoDateSchema, LangQuery, Strict } from '../schemas';

export const LAST_SUPPORTED_YEAR = 2100;

export const CalendarYearParams = Strict({
  year: Type.Integer({ minimum: FIRST_SUPPORTED_YEAR, maximum: LAST_SUPPORTED_YEAR }),
});

/**
 * The year of the path, checked again after the schema: its coercion turns "1e309" into Infinity, which passes
 * the integer check, so a year outside the supported ones is refused here as a 400 naming the field.
 */
export function checkedYear(year: number): number {
  if (!Number.isSafeInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new AppError('invalid-input', `year: ${year} is outside ${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR}`, {
      field: 'year',
      rule: 'range',
      value: String(year),
    });
  }
  return year;
}

export const CalendarYearResponse = Type.Object({
  year: Type.Integer(),
  data: Type.Enum(['confirmed', 'estimated', 'missing'], {
    description: "Whether the year's movable holidays and transfers are known",
  }),
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
