// The council's answer to a summary report's recommendations (issue 15 point 3; 8.1) and the yearly report's annual
// gathering (7.2.4), on real Postgres through the app. "Today" is Monday 1 March 2027; the council's period for
// considering is the default 60 days.
//   2026-H1  submitted 20 July 2026 with one recommendation, never considered: expected by 18 September 2026, so the
//            chair's dashboard flags it; a half-year report has no gathering.
//   2026     (the year) submitted 15 January 2027 with two recommendations: expected by 16 March 2027 (not flagged).
//            Its gathering is the group's next annual gathering after the submission: 20 March 2027 (the one of
//            10 January is before it, the one of 15 February is cancelled); staff or the chair may choose another.
//   2026-H2  a draft the chair is still writing.
// Bad input (a decision on a recommendation the report does not have, on a report not yet submitted, an empty
// recommendation, a half-year report's gathering, a regular meeting as the gathering) is a 4xx naming the field and the
// rule, in the caller's language, with nothing written; the same session again writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { NOTICE_CHANNELS, publishNotice } from '../db/notices';
import { record } from '../db/record';
import { reportStream } from '../db/report-events';
import { checkConsideration } from '../domain/council-consideration';
import {
  checkPresentation,
  checkReportTexts,
  presentationGathering,
  reportPlainText,
  reportTextsOf,
  type ReportFacts,
} from '../domain/summary-report';
import { buildTransport } from '../activities/mail/build-transport';
import { createReportActivities } from '../activities/reports/report-activities';
import { createAccounts } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

let t: TestDatabase;
let app: App;
let councilId: string;
let groupId: string;
const PASSWORD = 'report consideration test password';
const NOW = Date.parse('2027-03-01T04:00:00Z'); // Monday 1 March 2027, 10:00 in Bishkek
const YEAR = 'rep-year';
const HALF = 'rep-h1';
const DRAFT = 'rep-h2';
const YEAR_RECOMMENDATIONS = ['Суу берүү графигин жарыялоо', 'Мектептин чатырын оңдоо'];

const facts = (start: string, end: string, countedOn: string): ReportFacts => ({
  period: { start, end },
  meetings: { held: 2, quorate: 2, notQuorate: 0, cancelled: 0 },
  acts: { issued: 1, byObject: [{ object: 'Суу чарба', count: 1 }] },
  objectAnswers: { 'answered-on-time': 1, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 },
  executiveReports: { 'answered-on-time': 1, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 },
  requests: { 'answered-on-time': 0, 'answered-late': 0, refused: 0, unanswered: 0, pending: 0 },
  countedOn,
});

async function report(
  id: string,
  period: string,
  start: string,
  end: string,
  recommendations: string[],
  submittedOn: string | null,
) {
  const texts = { events: 'Эки жыйналыш', results: 'Бир акт', conclusions: 'Жооптор өз убагында', recommendations };
  const events: NewEvent[] = [
    { type: 'report.drafted', payload: { reportId: id, groupId, councilId, period, start, end, due: '2027-01-30' } },
    { type: 'report.edited', payload: { reportId: id, texts } },
  ];
  if (submittedOn)
    events.push({
      type: 'report.submitted',
      payload: { reportId: id, submittedOn, texts, facts: facts(start, end, submittedOn), noticeId: null },
    });
  await record(t.db, { stream: reportStream(id), actor: 'test', events });
}

const meeting = (meetingId: string, kind: 'regular' | 'annual-gathering', date: string, place: string): NewEvent => ({
  type: 'meeting.scheduled',
  payload: { meetingId, groupId, kind, date, time: '10:00', place },
});

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  await report(HALF, '2026-H1', '2026-01-01', '2026-06-30', ['Жолдорду оңдоо'], '2026-07-20');
  await report(YEAR, '2026', '2026-01-01', '2026-12-31', YEAR_RECOMMENDATIONS, '2027-01-15');
  await report(DRAFT, '2026-H2', '2026-07-01', '2026-12-31', ['Долбоор сунуштама'], null);
  await record(t.db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [
      meeting('g-jan', 'annual-gathering', '2027-01-10', 'Клуб'),
      meeting('g-feb', 'annual-gathering', '2027-02-15', 'Мектеп'),
      { type: 'meeting.cancelled', payload: { meetingId: 'g-feb', reason: 'кар' } },
      meeting('g-mar', 'annual-gathering', '2027-03-20', 'Айыл өкмөтүнүн чоң залы'),
      meeting('m-reg', 'regular', '2027-04-01', 'Кеңсе'),
    ],
  });
  // The gathering's public notice as the term procedure publishes it (annual-gathering:<meetingId>:scheduled).
  await publishNotice(
    t.db,
    {
      noticeId: 'annual-gathering:g-mar:scheduled',
      councilId,
      groupId,
      kind: 'annual-gathering',
      text: { ky: 'Коомдоштуктун жыйыны 20.03.2027', ru: 'Собрание местного сообщества 20.03.2027' },
      channels: NOTICE_CHANNELS,
      publishedAt: new Date('2027-02-20T04:00:00Z'),
    },
    'test',
  );
  await createAccounts(t.db, PASSWORD, [
    ['staff@kenesh.kg', 'staff', { councilId }],
    ['chair@kenesh.kg', 'chair', { groupId }],
  ]);
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function login(email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
  return { cookie: `jmeg_session=${cookie?.value ?? ''}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

const writes = async (types: string[]) =>
  Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('type', 'in', types)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function send(method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object, who = 'staff', lang = 'en') {
  const s = await login(`${who}@kenesh.kg`);
  return app.inject({
    method,
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': lang },
    payload,
  });
}

const errorOf = (res: { json: <T>() => T }) =>
  res.json<{ error: { field: string; rule: string; problems: { field: string; message: string }[] } }>().error;

const decide = (reportId: string, body: object, lang = 'en') =>
  send('POST', `/api/reports/${reportId}/council-decisions`, body, 'staff', lang);

describe('the rules, pure', () => {
  const year = { kind: 'year', year: 2026 } as const;
  const gatherings = [
    { id: 'a', kind: 'annual-gathering', status: 'scheduled', scheduledOn: '2027-01-10', place: null },
    { id: 'b', kind: 'annual-gathering', status: 'cancelled', scheduledOn: '2027-02-15', place: null },
    { id: 'c', kind: 'annual-gathering', status: 'scheduled', scheduledOn: '2027-03-20', place: null },
    { id: 'd', kind: 'regular', status: 'scheduled', scheduledOn: '2027-02-01', place: null },
  ];

  it.each([
    ['the first gathering not cancelled on or after the submission', { submittedOn: '2027-01-15', chosen: null }, 'c'],
    ['a gathering on the day of the submission counts', { submittedOn: '2027-01-10', chosen: null }, 'a'],
    ['the one chosen, even before the submission', { submittedOn: '2027-01-15', chosen: 'a' }, 'a'],
    ['none after the last one', { submittedOn: '2027-03-21', chosen: null }, null],
  ])('7.2.4: a yearly report is presented at %s', (_name, r, expected) => {
    const g = presentationGathering(
      { period: year, submittedOn: r.submittedOn, presentationMeetingId: r.chosen },
      gatherings,
      '2027-03-01',
    );
    expect(g?.id ?? null).toBe(expected);
  });

  it('7.2.4: a half-year report has no gathering', () => {
    const half = { kind: 'half-year', year: 2026, half: 2 } as const;
    expect(
      presentationGathering(
        { period: half, submittedOn: '2027-01-15', presentationMeetingId: null },
        gatherings,
        '2027-03-01',
      ),
    ).toBeNull();
    expect(checkPresentation({ groupId: 'g', period: half }, { ...gatherings[2]!, groupId: 'g' }, 'c')).toEqual([
      expect.objectContaining({ code: 'not-yearly', field: 'meetingId', clause: '7.2.4' }),
    ]);
  });

  it.each([
    ['a regular meeting', 'd', 'g', 'not-annual-gathering'],
    ["another group's gathering", 'c', 'other', 'not-annual-gathering'],
    ['a cancelled gathering', 'b', 'g', 'cancelled'],
  ])('7.2.4: %s is refused as the yearly report’s gathering', (_name, id, group, code) => {
    const m = gatherings.find((x) => x.id === id)!;
    expect(checkPresentation({ groupId: 'g', period: year }, { ...m, groupId: group }, id)).toEqual([
      expect.objectContaining({ code, field: 'meetingId' }),
    ]);
  });

  it('a gathering before the report’s period ends cannot present it', () => {
    const m = { id: 'e', kind: 'annual-gathering', status: 'scheduled', scheduledOn: '2026-12-20', place: null };
    expect(checkPresentation({ groupId: 'g', period: year }, { ...m, groupId: 'g' }, 'e')).toEqual([
      expect.objectContaining({ code: 'before-period-end', field: 'meetingId', clause: '7.2.4' }),
    ]);
  });

  it('a report’s recommendations are non-empty texts; older reports have none', () => {
    expect(checkReportTexts({ recommendations: ['a', ' '] })).toEqual([
      expect.objectContaining({ code: 'required', field: 'texts.recommendations[1]', clause: '8.1' }),
    ]);
    expect(checkReportTexts({ recommendations: Array.from({ length: 51 }, () => 'x') })).toEqual([
      expect.objectContaining({ code: 'too-many', field: 'texts.recommendations' }),
    ]);
    expect(reportTextsOf({ events: 'e', results: 'r', conclusions: 'c' })).toEqual({
      events: 'e',
      results: 'r',
      conclusions: 'c',
      recommendations: [],
    });
  });

  it('the report’s text (its notice and mail) lists the recommendations, numbered', () => {
    const text = reportPlainText(
      year,
      facts('2026-01-01', '2026-12-31', '2027-01-15'),
      { events: '', results: 'r', conclusions: 'c', recommendations: YEAR_RECOMMENDATIONS },
      'ru',
    );
    expect(text).toContain(`Рекомендации кенешу:\n1. ${YEAR_RECOMMENDATIONS[0]}\n2. ${YEAR_RECOMMENDATIONS[1]}`);
  });

  it('a report is considered from its submission, an act from its issue, each named in refusals', () => {
    const input = {
      sessionOn: '2027-02-01',
      agendaItem: '3',
      decisions: [{ recommendation: 2, decision: 'accepted', text: '' }],
    };
    const subject = { status: 'submitted', issuedOn: '2027-01-15', recommendations: ['one'] };
    expect(checkConsideration(input, { ...subject, kind: 'report' }, '2027-03-01')).toEqual([
      expect.objectContaining({ code: 'unknown-recommendation', field: 'decisions[0].recommendation' }),
    ]);
    expect(checkConsideration(input, { ...subject, kind: 'report' }, '2027-03-01')[0]!.message.en).toBe(
      'The report has no recommendation 2 (it has 1).',
    );
    expect(
      checkConsideration(
        { ...input, sessionOn: '2027-01-14' },
        { ...subject, recommendations: ['a', 'b'], kind: 'report' },
        '2027-03-01',
      ),
    ).toEqual([expect.objectContaining({ code: 'before-issue', field: 'sessionOn' })]);
  });
});

describe("the council's decisions on a report's recommendations", () => {
  const kinds = ['report.council-considered'];

  it('a decision on a recommendation the report does not have is a 400 naming it, in Russian; nothing is written', async () => {
    const before = await writes(kinds);
    const res = await decide(
      YEAR,
      {
        sessionOn: '2027-02-25',
        agendaItem: '3',
        decisions: [
          { recommendation: 1, decision: 'accepted' },
          { recommendation: 3, decision: 'rejected', text: 'нет средств' },
        ],
      },
      'ru',
    );
    expect(res.statusCode).toBe(400);
    const body = errorOf(res);
    expect(body).toMatchObject({ field: 'decisions[1].recommendation', rule: 'unknown-recommendation' });
    expect(body.problems.map((p) => p.message)).toContain('В отчёте нет рекомендации № 3 (рекомендаций: 2).');
    expect(await writes(kinds)).toBe(before);
  });

  it('a decision on a report not yet submitted is a 4xx naming 8.1; nothing is written', async () => {
    const before = await writes(kinds);
    const res = await decide(DRAFT, {
      sessionOn: '2027-02-25',
      agendaItem: '3',
      decisions: [{ recommendation: 1, decision: 'accepted' }],
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(errorOf(res)).toMatchObject({ field: 'reportId', rule: 'report-not-submitted' });
    expect(errorOf(res).problems[0]!.message).toBe(
      'The report has not been submitted: the council considers submitted reports only.',
    );
    expect(await writes(kinds)).toBe(before);
    // Nor does the public see a draft's decisions.
    expect((await app.inject({ method: 'GET', url: `/api/reports/${DRAFT}/council-decisions` })).statusCode).toBe(404);
  });

  it('only staff record the council’s decision', async () => {
    const res = await send(
      'POST',
      `/api/reports/${YEAR}/council-decisions`,
      { sessionOn: '2027-02-25', agendaItem: '3', decisions: [] },
      'chair',
    );
    expect(res.statusCode).toBe(403);
  });

  it('staff record the session and its decisions once; the same session again writes nothing', async () => {
    const body = {
      sessionOn: '2027-02-25',
      agendaItem: '3',
      decisions: [
        { recommendation: 1, decision: 'accepted' },
        { recommendation: 2, decision: 'deferred', text: 'Бюджет 2028-жылы каралат' },
      ],
    };
    const first = await decide(YEAR, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ sessionOn: '2027-02-25', agendaItem: '3', recorded: true });
    const again = await decide(YEAR, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      recorded: false,
      considerationId: first.json<{ considerationId: string }>().considerationId,
    });
    expect(await writes(kinds)).toBe(1);
  });

  it('the public report page and its JSON show each recommendation with the council’s decision', async () => {
    const json = await app.inject({ method: 'GET', url: `/api/reports/${YEAR}/council-decisions` });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      reportId: YEAR,
      period: '2026',
      recommendations: [
        {
          number: 1,
          text: YEAR_RECOMMENDATIONS[0],
          decisions: [{ sessionOn: '2027-02-25', agendaItem: '3', decision: 'accepted', text: '' }],
        },
        {
          number: 2,
          text: YEAR_RECOMMENDATIONS[1],
          decisions: [{ decision: 'deferred', text: 'Бюджет 2028-жылы каралат' }],
        },
      ],
      sessions: [{ sessionOn: '2027-02-25', agendaItem: '3' }],
    });
    const page = await app.inject({ method: 'GET', url: `/reports/${YEAR}?lang=ky` });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain('Кеңештин сунуштамалар боюнча чечимдери');
    expect(page.payload).toContain(
      `1. ${YEAR_RECOMMENDATIONS[0]}</td><td data-label="Кеңештин чечими"><strong>кабыл алынды</strong> (25.02.2027)`,
    );
    expect(page.payload).toContain('<strong>кийинкиге калтырылды</strong> (25.02.2027)<br>Бюджет 2028-жылы каралат');
    expect(page.payload).toContain('Сессия 25.02.2027; күн тартибиндеги маселе: 3');
    const half = await app.inject({ method: 'GET', url: `/reports/${HALF}?lang=en` });
    expect(half.payload).toContain(
      '1. Жолдорду оңдоо</td><td data-label="The council&#39;s decision"><span class="muted">no decision</span>',
    );
    expect(half.payload).toContain(
      '<p class="warning">The council has not considered the report by 18.09.2026 (164 days ago; the council&#39;s own period, not a statutory deadline).</p>',
    );
    const year = await app.inject({ method: 'GET', url: `/reports/${DRAFT}?lang=en` });
    expect(year.statusCode).toBe(404); // a draft is not public
    expect(half.payload).not.toContain('annual community gathering');
  });

  it("the chair's dashboard flags the report the council has not considered in its period (not statutory)", async () => {
    const chair = await login('chair@kenesh.kg');
    const res = await app.inject({
      method: 'GET',
      url: `/manage/groups/${groupId}/dashboard?lang=en`,
      headers: { cookie: chair.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.payload).toContain('Reports the council has not considered');
    expect(res.payload).toContain(
      `<a href="/manage/reports/${HALF}?lang=en">the first half of 2026</a>: The council has not considered the report by 18.09.2026 (164 days ago; the council&#39;s own period, not a statutory deadline).`,
    );
    expect(res.payload).not.toContain(`/manage/reports/${YEAR}?lang=en`);
  });

  it('the staff page of a submitted report has the decision form; the chair’s has the gathering form, not the decision form', async () => {
    const staff = await login('staff@kenesh.kg');
    const page = await app.inject({
      method: 'GET',
      url: `/manage/reports/${YEAR}?lang=ru`,
      headers: { cookie: staff.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain(`action="/manage/reports/${YEAR}/council-decisions?lang=ru"`);
    expect(page.payload).toContain('<select id="decision-2" name="decision_2">');
    expect(page.payload).toContain(`action="/manage/reports/${YEAR}/presentation?lang=ru"`);
    const chair = await login('chair@kenesh.kg');
    const chairs = await app.inject({
      method: 'GET',
      url: `/manage/reports/${YEAR}?lang=ky`,
      headers: { cookie: chair.cookie },
    });
    expect(chairs.payload).not.toContain('/council-decisions?');
    expect(chairs.payload).toContain(
      '<option value="g-jan">10.01.2027, Клуб</option><option value="g-mar">20.03.2027, Айыл өкмөтүнүн чоң залы</option>',
    );
  });

  it('staff record on the report page: a rejection without a reason is refused in Kyrgyz, naming the field; nothing is written', async () => {
    const staff = await login('staff@kenesh.kg');
    const res = await app.inject({
      method: 'POST',
      url: `/manage/reports/${HALF}/council-decisions?lang=ky`,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: staff.csrf,
        sessionOn: '2027-02-26',
        agendaItem: '7',
        decision_1: 'rejected',
        text_1: '',
      }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.payload).toContain('Толук кабыл алынбаган сунуштама боюнча чечимдин себеби жазылышы керек.');
    expect(res.payload).toContain('value="7"');
    expect(await writes(kinds)).toBe(1);
    const ok = await app.inject({
      method: 'POST',
      url: `/manage/reports/${HALF}/council-decisions?lang=ky`,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: staff.csrf,
        sessionOn: '2027-02-26',
        agendaItem: '7',
        decision_1: 'rejected',
        text_1: 'Каражат жок',
      }).toString(),
    });
    expect(ok.statusCode).toBe(303);
    expect(await writes(kinds)).toBe(2);
  });
});

describe('the recommendations the chair writes in a draft', () => {
  it('are saved with the text parts and refused when empty, naming the item', async () => {
    const bad = await send('PATCH', `/api/reports/${DRAFT}`, { texts: { recommendations: ['Жолдор', ''] } }, 'chair');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ field: 'texts.recommendations[1]', rule: 'required' });
    const ok = await send(
      'PATCH',
      `/api/reports/${DRAFT}`,
      { texts: { recommendations: [' Жолдор ', 'Көпүрө'] } },
      'chair',
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      texts: { events: 'Эки жыйналыш', recommendations: ['Жолдор', 'Көпүрө'] },
      councilDecisions: [
        { number: 1, text: 'Жолдор', decisions: [] },
        { number: 2, text: 'Көпүрө', decisions: [] },
      ],
    });
    // A text part alone keeps the recommendations.
    const parts = await send('PATCH', `/api/reports/${DRAFT}`, { texts: { results: 'Эки акт' } }, 'chair');
    expect(parts.json()).toMatchObject({ texts: { results: 'Эки акт', recommendations: ['Жолдор', 'Көпүрө'] } });
  });

  it('the page form takes one recommendation per paragraph', async () => {
    const chair = await login('chair@kenesh.kg');
    const res = await app.inject({
      method: 'POST',
      url: `/manage/reports/${DRAFT}?lang=ru`,
      headers: { cookie: chair.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: chair.csrf,
        action: 'save',
        events: 'a',
        results: 'b',
        conclusions: 'c',
        recommendations: 'Первая\nв две строки\r\n\r\nВторая\n\n\n',
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    const view = await send('PATCH', `/api/reports/${DRAFT}`, { texts: {} }, 'chair');
    expect(view.json<{ texts: { recommendations: string[] } }>().texts.recommendations).toEqual([
      'Первая\nв две строки',
      'Вторая',
    ]);
  });
});

describe('the annual gathering at which the yearly report is presented (7.2.4)', () => {
  const kinds = ['report.presentation-set'];

  it('by default the next annual gathering after the submission, with its notice, on the public page and JSON', async () => {
    const json = await app.inject({ method: 'GET', url: `/api/reports/${YEAR}/council-decisions` });
    expect(json.json<{ gathering: unknown }>().gathering).toEqual({
      meetingId: 'g-mar',
      scheduledOn: '2027-03-20',
      startsAt: '10:00',
      place: 'Айыл өкмөтүнүн чоң залы',
      status: 'scheduled',
      chosen: false,
      noticeUrl: '/notices/annual-gathering%3Ag-mar%3Ascheduled/print',
    });
    const page = await app.inject({ method: 'GET', url: `/reports/${YEAR}?lang=ru` });
    expect(page.payload).toContain(
      'Годовой отчёт представляется на собрании местного сообщества: 20.03.2027, 10:00, Айыл өкмөтүнүн чоң залы.',
    );
    expect(page.payload).toContain('href="/notices/annual-gathering%3Ag-mar%3Ascheduled/print?lang=ru"');
    const list = await app.inject({ method: 'GET', url: `/groups/${groupId}/reports?lang=en` });
    expect(list.payload).toContain(
      'the year 2026</a> (submitted 15.01.2027; The annual community gathering (7.2.4): 20.03.2027, Айыл өкмөтүнүн чоң залы)',
    );
    expect(list.payload).toContain('the first half of 2026</a> (submitted 20.07.2026)');
    const notice = await app.inject({
      method: 'GET',
      url: '/notices/annual-gathering%3Ag-mar%3Ascheduled/print?lang=ru',
    });
    expect(notice.statusCode).toBe(200);
  });

  it('a half-year report, a regular meeting or a cancelled gathering is refused naming 7.2.4; nothing is written', async () => {
    for (const [reportId, meetingId, rule] of [
      [HALF, 'g-mar', 'not-yearly'],
      [YEAR, 'm-reg', 'not-annual-gathering'],
      [YEAR, 'g-feb', 'cancelled'],
      [YEAR, 'nope', 'not-annual-gathering'],
    ] as const) {
      const res = await send('PUT', `/api/reports/${reportId}/presentation`, { meetingId }, 'chair', 'ky');
      expect(res.statusCode, `${reportId} ${meetingId}`).toBe(400);
      expect(errorOf(res)).toMatchObject({ field: 'meetingId', rule });
    }
    expect(await writes(kinds)).toBe(0);
  });

  it('the chair chooses another gathering; the same choice again writes nothing', async () => {
    const res = await send('PUT', `/api/reports/${YEAR}/presentation`, { meetingId: 'g-jan' }, 'chair');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      changed: true,
      gathering: { meetingId: 'g-jan', chosen: true, noticeUrl: null },
    });
    const again = await send('PUT', `/api/reports/${YEAR}/presentation`, { meetingId: 'g-jan' }, 'staff');
    expect(again.json()).toMatchObject({ changed: false });
    expect(await writes(kinds)).toBe(1);
    const page = await app.inject({ method: 'GET', url: `/reports/${YEAR}?lang=en` });
    expect(page.payload).toContain(
      'The yearly report is presented at the community gathering: 10.01.2027, 10:00, Клуб.',
    );
  });
});

describe("the yearly report's submission names its gathering (7.2.4), through the real SMTP test server", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    await t.db.updateTable('councils').set({ email: 'kenesh@aksuu.kg' }).where('id', '=', councilId).execute();
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  it('the notice and the mail list the recommendations, name the gathering and link the page; a retry sends nothing twice', async () => {
    // A second group's yearly report (one report per group and period), drafted with its recommendation.
    const otherGroup = await openGroup(t.db, { councilId }, 'test');
    const texts = { events: '', results: 'Бир акт', conclusions: 'Жооп берилди', recommendations: ['Көпүрөнү оңдоо'] };
    await record(t.db, {
      stream: reportStream('rep-other'),
      actor: 'test',
      events: [
        {
          type: 'report.drafted',
          payload: {
            reportId: 'rep-other',
            groupId: otherGroup,
            councilId,
            period: '2026',
            start: '2026-01-01',
            end: '2026-12-31',
            due: '2027-01-30',
          },
        },
        { type: 'report.edited', payload: { reportId: 'rep-other', texts } },
      ],
    });
    await record(t.db, {
      stream: streams.group(otherGroup),
      actor: 'test',
      events: [
        {
          type: 'meeting.scheduled',
          payload: {
            meetingId: 'g-other',
            groupId: otherGroup,
            kind: 'annual-gathering',
            date: '2027-03-27',
            time: '11:00',
            place: 'Мектептин залы',
          },
        },
      ],
    });
    const activities = createReportActivities({
      db: t.db,
      transport: buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@aksuu.kg' }),
      config: { mailFrom: 'jmeg@aksuu.kg', publicBaseUrl: 'https://jmeg.example.kg' },
      clock: () => new Date(NOW),
    });
    const input = { reportId: 'rep-other', on: '2027-03-01', actor: 'chair', late: true };
    const done = await activities.submitSummaryReport(input);
    expect(done).toMatchObject({ submittedOn: '2027-03-01', noticeId: 'report-rep-other', mailed: 1 });
    await activities.submitSummaryReport(input);
    const notice = await t.db
      .selectFrom('notices')
      .select(['text_ky', 'text_ru'])
      .where('id', '=', 'report-rep-other')
      .executeTakeFirstOrThrow();
    expect(notice.text_ky).toContain('Кеңешке сунуштамалар:\n1. Көпүрөнү оңдоо');
    expect(notice.text_ky).toContain(
      'Жылдык отчет коомдоштуктун жыйынында көрсөтүлөт (7.2.4): 27.03.2027, Мектептин залы.',
    );
    expect(notice.text_ru).toContain(
      'Годовой отчёт представляется на собрании местного сообщества (7.2.4): 27.03.2027, Мектептин залы.\nhttps://jmeg.example.kg/reports/rep-other?lang=ru',
    );
    const mails = smtp.received.filter((m) => m.envelopeTo.includes('kenesh@aksuu.kg'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.text).toContain('Рекомендации кенешу:\n1. Көпүрөнү оңдоо');
    // Frozen with the counts: the council now decides on it.
    const decided = await decide('rep-other', {
      sessionOn: '2027-03-01',
      agendaItem: '1',
      decisions: [{ recommendation: 1, decision: 'accepted' }],
    });
    expect(decided.statusCode).toBe(201);
  });
});
