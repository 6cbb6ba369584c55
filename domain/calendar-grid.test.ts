import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar';
import { deadlineGrid, type DeadlineGrid, type GridDay } from './calendar-grid';
import { computeDeadline } from './deadlines';

const calendar = shippedCalendar();
const grid = (key: string, from: string) => deadlineGrid(computeDeadline(key, from, calendar), calendar);
const cell = (g: DeadlineGrid, date: string): GridDay => {
  for (const m of g.months) for (const w of m.weeks) for (const d of w) if (d?.date === date) return d;
  throw new Error(`${date} is not in the grid`);
};
const legendOf = (g: DeadlineGrid) => g.legend.map((e) => [e.note, e.kind, e.name.ru, e.dates]);

describe('the months a count spans, as Monday-first weeks', () => {
  it('30 calendar days from 18.02.2026 land on Orozo Ait (20.03) and move past Nooruz and Sunday to Monday 23.03', () => {
    const g = grid('executive-report', '2026-02-18');
    expect(g.unit).toBe('calendar');
    expect(g.months.map((m) => [m.year, m.month])).toEqual([
      [2026, 2],
      [2026, 3],
    ]);
    expect(cell(g, '2026-02-18')).toMatchObject({ anchor: true });
    expect(cell(g, '2026-02-18').count).toBeUndefined();
    expect(cell(g, '2026-02-19')).toMatchObject({ count: 1, kind: 'working' });
    expect(cell(g, '2026-03-20')).toMatchObject({
      count: 30,
      kind: 'day-off',
      landing: true,
      skipped: true,
      due: false,
    });
    expect(cell(g, '2026-03-21')).toMatchObject({ kind: 'holiday', skipped: true });
    expect(cell(g, '2026-03-22')).toMatchObject({ kind: 'weekend', skipped: true });
    expect(cell(g, '2026-03-23')).toMatchObject({ kind: 'working', due: true, skipped: false });
    expect(cell(g, '2026-03-23').count).toBeUndefined();
    // 8 March 2026 is a Sunday and a holiday: counted as a calendar day, named in the legend.
    expect(cell(g, '2026-03-08')).toMatchObject({ kind: 'holiday', count: 18, skipped: false });
    expect(legendOf(g)).toEqual([
      [1, 'worked-weekend', 'Рабочий день по постановлению Кабинета Министров (перенесённая суббота)', ['2026-02-07']],
      [2, 'holiday', 'Международный женский день', ['2026-03-08']],
      [3, 'day-off', 'Орозо айт', ['2026-03-20']],
      [4, 'holiday', 'Нооруз', ['2026-03-21']],
    ]);
    expect(cell(g, '2026-03-20').note).toBe(3);
  });

  it('February 2026 starts on a Sunday: six empty cells, then 1 February in the last column', () => {
    const g = grid('executive-report', '2026-02-18');
    const feb = g.months[0]!;
    expect(feb.weeks[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(feb.weeks[0]![6]).toMatchObject({ date: '2026-02-01', kind: 'weekend' });
    expect(feb.weeks.every((w) => w.length === 7)).toBe(true);
    expect(feb.weeks).toHaveLength(5);
  });

  it('10 working days from 30.12.2025 pass the New Year days, Christmas and the transferred 8-9 January 2026', () => {
    const g = grid('object-response', '2025-12-30');
    expect(g.unit).toBe('working');
    expect(g.months.map((m) => `${m.year}-${m.month}`)).toEqual(['2025-12', '2026-1']);
    expect(cell(g, '2025-12-31')).toMatchObject({ count: 1, kind: 'working' });
    expect(cell(g, '2026-01-01')).toMatchObject({ kind: 'holiday', skipped: true });
    expect(cell(g, '2026-01-07')).toMatchObject({ kind: 'holiday', skipped: true });
    expect(cell(g, '2026-01-08')).toMatchObject({ kind: 'day-off', skipped: true });
    expect(cell(g, '2026-01-12')).toMatchObject({ count: 2, kind: 'working' });
    expect(cell(g, '2026-01-22')).toMatchObject({ count: 10, due: true });
    // One legend entry per name: the five New Year days share theirs, the two transferred days theirs.
    expect(legendOf(g).map(([note, kind, name, dates]) => [note, kind, name, (dates as string[]).length])).toEqual([
      [1, 'holiday', 'Новый год', 1],
      [2, 'holiday', 'Новогодние праздники', 5],
      [3, 'holiday', 'Рождество Христово', 1],
      [4, 'day-off', 'Выходной день по постановлению Кабинета Министров', 2],
    ]);
  });

  it('a worked Saturday (25.04.2026) is counted as a working day with its number and its name', () => {
    const g = grid('object-response', '2026-04-20');
    expect(cell(g, '2026-04-25')).toMatchObject({ kind: 'worked-weekend', count: 5, note: 1 });
    expect(cell(g, '2026-04-26')).toMatchObject({ kind: 'weekend', skipped: true });
    expect(g.legend[0]).toMatchObject({ kind: 'worked-weekend', dates: ['2026-04-25'] });
  });

  it('a count backwards ("3 working days before") numbers the days back from the event', () => {
    const g = grid('creation-notice', '2026-03-24');
    expect(cell(g, '2026-03-23')).toMatchObject({ count: 1 });
    expect(cell(g, '2026-03-19')).toMatchObject({ count: 2 });
    expect(cell(g, '2026-03-18')).toMatchObject({ count: 3, due: true });
    expect(cell(g, '2026-03-24')).toMatchObject({ anchor: true });
  });

  it('a 4-year term shows the first and the last month only, and says how many were left out', () => {
    const g = grid('term-end', '2026-03-01');
    expect(g.unit).toBe('none');
    expect(g.months.map((m) => `${m.year}-${m.month}`)).toEqual(['2026-3', '2030-3']);
    expect(g.omittedMonths).toBe(47);
    expect(cell(g, '2030-03-01')).toMatchObject({ due: true });
  });
});
