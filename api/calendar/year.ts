// GET /api/calendar/:year: the national working-day calendar of a year.
import { calendarForCouncil } from '../../db/pending';
import { datesOfYear } from '../../domain/calendar';
import type { App, AppDeps } from '../app-types';
import { calendarYearSchema, checkedYear } from './year.schema';

export function calendarYearRoute(app: App, deps: AppDeps): void {
  app.get('/api/calendar/:year', { schema: calendarYearSchema, config: { access: ['public'] } }, async (request) => {
    const year = checkedYear(request.params.year);
    const calendar = await calendarForCouncil(deps.db, null);
    const days = datesOfYear(year)
      .map((date) => calendar.describeDay(date))
      .filter((d) => d.reason === 'holiday' || d.reason === 'day-off' || d.reason === 'worked-weekend')
      .map((d) => ({ ...d, reason: d.reason as 'holiday' | 'day-off' | 'worked-weekend' }));
    return { year, data: calendar.yearData(year), days };
  });
}
