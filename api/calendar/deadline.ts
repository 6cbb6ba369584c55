// GET /api/deadline: the public deadline calculator over the shipped calendar and the entries staff recorded.
import { calendarForCouncil } from '../../db/pending';
import { parseIsoDate } from '../../domain/dates';
import { computeDeadline, explainDeadline, OBLIGATIONS } from '../../domain/deadlines';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requestLang } from '../request-lang';
import { deadlineSchema } from './deadline.schema';

export function deadlineRoute(app: App, deps: AppDeps): void {
  app.get('/api/deadline', { schema: deadlineSchema, config: { access: ['public'] } }, async (request) => {
    const { key, from, extended } = request.query;
    if (extended === true && !OBLIGATIONS[key].extension) {
      throw new AppError('invalid-input', `extended: obligation "${key}" has no extension`, {
        field: 'extended',
        rule: 'no-extension',
      });
    }
    const calendar = await calendarForCouncil(deps.db, null);
    const result = computeDeadline(key, parseIsoDate(from, 'from'), calendar, { extended: extended === true });
    return {
      key: result.key,
      clause: result.clause,
      title: OBLIGATIONS[result.key].title,
      from: result.from,
      due: result.due,
      dueInstant: result.dueInstant,
      extended: result.extended,
      counted: result.counted,
      skipped: result.skipped,
      ...(result.movedFrom !== undefined ? { movedFrom: result.movedFrom } : {}),
      calendarNotes: result.calendarNotes,
      explanation: explainDeadline(result, requestLang(request)),
    };
  });
}
