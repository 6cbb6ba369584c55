// The deadline calculator's page: the count in one sentence, then the months as grids with their legend, then the one
// list of the days skipped; calendar-day rules explain themselves as calendar days; every label in the page's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { CALENDAR_GRID_STYLE } from '../api/ui/calendar-grid';
import { loadConfig } from '../config/config';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp({ db: t.db, config: loadConfig({}) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const page = async (query: string) => {
  const res = await app.inject({ method: 'GET', url: `/deadline?${query}` });
  expect(res.statusCode).toBe(200);
  return res.body;
};
/** The page's text without tags, spaces collapsed. */
const text = (body: string) =>
  body
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const between = (body: string, from: string, to: string) => body.slice(body.indexOf(from), body.indexOf(to));

describe('a 30-calendar-day rule landing on Orozo Ait (executive report from 18.02.2026)', () => {
  const query = 'key=executive-report&from=2026-02-18';

  it('explains itself in calendar days, then moves to the next working day', async () => {
    expect(text(await page(`${query}&lang=en`))).toContain(
      '30 calendar days end on 20.03.2026 (Friday), Orozo Ait; moved to the next working day, 23.03.2026 (Monday).',
    );
    expect(text(await page(`${query}&lang=ru`))).toContain(
      '30 календарных дней истекают 20.03.2026 (пятница), Орозо айт; срок переносится на следующий рабочий день, 23.03.2026 (понедельник).',
    );
    expect(text(await page(`${query}&lang=ky`))).toContain(
      '30 календардык күн 20.03.2026 (жума) күнү бүтөт, Орозо айт; мөөнөт кийинки жумуш күнүнө жылат: 23.03.2026 (дүйшөмбү).',
    );
  });

  it('never calls the landing day a working day counted, and lists each skipped day once', async () => {
    const body = await page(`${query}&lang=en`);
    expect(text(body)).not.toMatch(/working days counted/i);
    const skipped = text(between(body, 'Non-working days skipped (3)', 'The rule'));
    expect(skipped).toContain('20.03.2026 (Friday): Orozo Ait');
    expect(skipped).toContain('21.03.2026 (Saturday): Nooruz');
    expect(skipped).toContain('22.03.2026 (Sunday): weekend');
    expect(skipped.split('20.03.2026')).toHaveLength(2);
  });

  it('draws February and March 2026 as grids: calendar days numbered, the landing and due days marked, holidays named in the legend', async () => {
    const body = await page(`${query}&lang=en`);
    expect(body).toContain(`<link rel="stylesheet" href="${CALENDAR_GRID_STYLE.path}">`);
    expect(body.match(/<table class="cal">/g)).toHaveLength(2);
    expect(body).toContain('<caption>February 2026</caption>');
    expect(body).toContain('<caption>March 2026</caption>');
    expect(body).toMatch(/<th scope="col"><abbr title="Monday">Mo<\/abbr><\/th>/);
    // Each cell says in words what its colour and signs show.
    expect(body).toContain(
      '<span class="cal-vh">20.03.2026 (Friday); day off, Orozo Ait; calendar day 30; skipped by the count; the count reached this day and was moved</span>',
    );
    expect(body).toContain('<span class="cal-vh">23.03.2026 (Monday); working day; the last day</span>');
    expect(body).toContain('<span class="cal-vh">19.02.2026 (Thursday); working day; calendar day 1</span>');
    const legend = text(between(body, '<ul class="cal-legend">', 'Non-working days skipped'));
    expect(legend).toContain('1, 2, 3 …: the calendar days counted, in order');
    expect(legend).toContain('◆ the day the count starts from: 18.02.2026');
    expect(legend).toContain('↷ the non-working day the count reached: 20.03.2026');
    expect(legend).toContain('★ the last day: 23.03.2026');
    expect(legend).toContain('c — 20.03.2026: Orozo Ait (day off)');
    expect(legend).toContain('d — 21.03.2026: Nooruz (holiday)');
    expect(legend).toContain("b — 08.03.2026: International Women's Day (holiday)");
  });

  it('the grid stylesheet is served, with no inline style on the page', async () => {
    const css = await app.inject({ method: 'GET', url: CALENDAR_GRID_STYLE.path });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('table.cal');
    expect(await page(`${query}&lang=en`)).not.toMatch(/ style="/);
  });
});

describe('a working-day count over the New Year (object response from 30.12.2025)', () => {
  it('numbers the 10 working days and names the New Year days, Christmas and the transferred 8-9 January once each', async () => {
    const body = await page('key=object-response&from=2025-12-30&lang=ru');
    expect(text(body)).toContain(
      '10 рабочих дней после 30.12.2025 (вторник): 1-й день — 31.12.2025 (среда), 10-й — 22.01.2026 (четверг); пропущено 13 нерабочих дней.',
    );
    expect(body).toContain('<caption>декабрь 2025</caption>');
    expect(body).toContain('<caption>январь 2026</caption>');
    const skipped = text(between(body, 'Пропущенные нерабочие дни (13)', 'Правило'));
    expect(skipped).toContain('02.01.2026 (пятница) – 06.01.2026 (вторник): Новогодние праздники (5)');
    expect(skipped).toContain(
      '08.01.2026 (четверг) – 09.01.2026 (пятница): Выходной день по постановлению Кабинета Министров (2)',
    );
    const legend = text(between(body, '<ul class="cal-legend">', 'Пропущенные'));
    expect(legend).toContain('b — 02.01.2026–06.01.2026: Новогодние праздники (праздничный день)');
  });
});

describe('labels and the law in the page language', () => {
  it.each([
    ['ky', '2023-жылдын 29-декабрындагы № 217 Мыйзам'],
    ['ru', 'Закон КР от 29.12.2023 № 217'],
    ['en', 'Law No. 217 of 29.12.2023'],
  ])('%s names Law No. 217 in its own words', async (lang, law) => {
    const body = await page(`key=information-request&from=2026-03-10&lang=${lang}`);
    expect(text(body)).toContain(law);
    if (lang !== 'en') expect(body).not.toContain('Law No. 217');
  });

  it('a four-year term shows its first and last month, the months between left out in words', async () => {
    const body = text(await page('key=term-end&from=2026-03-01&lang=en'));
    expect(body).toContain('4 years end on 01.03.2030 (Friday): the term expires that day and is not moved.');
    expect(body).toContain('March 2026');
    expect(body).toContain('… 47 more months …');
    expect(body).toContain('March 2030');
  });
});
