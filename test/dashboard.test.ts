// The chair's dashboard (GET /manage/groups/:groupId/dashboard and GET /api/groups/:groupId/dashboard) through
// app.inject on a real Postgres database, with no workflow engine (every read comes from the database). The group's
// history is recorded through the event log as the formation and act procedures record it.
// "Today" is Wednesday 18 March 2026 in Bishkek: Orozo Ait falls on Friday 20 March (a day off), Nooruz on Saturday
// 21 March (a holiday on a weekend is not moved since 2025), 8 March fell on a Sunday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { timelineText } from '../api/dashboard/text';
import { loadConfig } from '../config/config';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listRosterEntries } from '../db/members';
import { publishNotice } from '../db/notices';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { groupTimelines } from '../db/timeline';
import { shippedCalendar } from '../domain/calendar';
import { computeDeadline } from '../domain/deadlines';
import { createAccounts } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

let t: TestDatabase;
let app: App;
let councilId: string;
let groupId: string;
const ids = { o1: '', o2: '', a1: '', a2: '', a3: '', draft: '' };
const NOW = Date.parse('2026-03-18T04:00:00Z');
const SECRET = 'dashboard-test-secret-0123456789abcdefghij';
const PASSWORD = 'dashboard test password';
const cal = shippedCalendar();
/** The chair's phone and e-mail (the first sample member, made chair below). */
const CHAIR_PHONE = SAMPLE_ROSTER[0]!.phone!;
const MEMBER_PHONE = SAMPLE_ROSTER[1]!.phone!;
const MEMBER_EMAIL = SAMPLE_ROSTER[1]!.email!;

const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 6).padStart(2, '0')}:00:00Z`);
const onAct = (actId: string, events: NewEvent[]) =>
  record(t.db, { stream: streams.act(actId), actor: 'test', events });
const onGroup = (events: NewEvent[]) => record(t.db, { stream: streams.group(groupId), actor: 'test', events });
const opened = (
  obligationId: string,
  actId: string | null,
  key: 'object-response' | 'executive-report' | 'staff-candidates',
  party: string,
  anchorDate: string,
): NewEvent => ({
  type: 'obligation.opened',
  payload: {
    obligationId,
    groupId,
    actId,
    key,
    clause: key === 'staff-candidates' ? '5.4.2' : '4.3',
    party,
    anchorDate,
    dueDate: computeDeadline(key, anchorDate, cal).due,
  },
  occurredAt: at(anchorDate),
});
const reminder = (obligationId: string, rung: string, date: string): NewEvent => ({
  type: 'obligation.reminder-sent',
  payload: { obligationId, rung, recipients: ['x@example.kg'] },
  occurredAt: at(date, 9),
});
const status = (obligationId: string, s: 'met' | 'escalated', date: string): NewEvent => ({
  type: 'obligation.status-changed',
  payload: { obligationId, status: s, reason: null },
  occurredAt: at(date),
});

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
    'test',
  );
  const otherCouncil = await registerCouncil(t.db, { name: { ky: 'Көк-Жар', ru: 'Кок-Жар' } }, 'test');
  groupId = await openGroup(t.db, { councilId, councilFormedOn: '2026-01-20' }, 'test');
  const otherGroup = await openGroup(t.db, { councilId: otherCouncil }, 'test');
  await importRoster(t.db, groupId, SAMPLE_ROSTER, { actor: 'test', on: '2026-03-01' });
  const chair = (await listRosterEntries(t.db, groupId)).find((m) => m.member.fullName === SAMPLE_ROSTER[0]!.fullName)!;
  await onGroup([
    { type: 'member.role-changed', payload: { groupId, membershipId: chair.membershipId, role: 'chair' } },
  ]);
  ids.o1 = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водхоз' }, emails: ['suu@aksuu.kg'] },
      'test',
    )
  ).id;
  ids.o2 = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_institution', name: { ky: 'Мектеп', ru: 'Школа' }, emails: ['school@aksuu.kg'] },
      'test',
    )
  ).id;
  for (const [key, object] of [
    ['a1', 'o1'],
    ['a2', 'o2'],
    ['a3', 'o1'],
    ['draft', 'o2'],
  ] as const) {
    ids[key] = (
      await draftAct(t.db, { groupId, objectId: ids[object], draft: parseActDraft({ subject: `Акт ${key}` }) }, 'test')
    ).id;
  }
  const issue = (actId: string, number: string, issuedOn: string, receivedOn: string): NewEvent[] => [
    { type: 'act.issued', payload: { actId, number, issuedOn, content: {} }, occurredAt: at(issuedOn) },
    { type: 'act.received', payload: { actId, receivedOn, via: 'staff' }, occurredAt: at(receivedOn) },
  ];

  // The formation (5.4.1, 5.4.2): the notice on 20 February; the staff candidates were due 15 working days later,
  // on Friday 13 March (Sunday 8 March is a holiday on a weekend, not moved): reminded, missed, escalated.
  await publishNotice(
    t.db,
    {
      noticeId: `formation-notice-${groupId}`,
      councilId,
      groupId,
      kind: 'formation-notice',
      text: { ky: 'Жарыя', ru: 'Объявление' },
      channels: ['website'],
      publishedAt: at('2026-02-20'),
    },
    'test',
  );
  const F = `${groupId}/staff-candidates`;
  await onGroup([
    opened(F, null, 'staff-candidates', 'executive-body', '2026-02-20'),
    reminder(F, 'due-3', '2026-03-10'),
    status(F, 'escalated', '2026-03-16'),
  ]);
  await onGroup([
    {
      type: 'meeting.scheduled',
      payload: { meetingId: 'm-past', groupId, kind: 'regular', date: '2026-03-10', time: '10:00', place: 'Зал' },
    },
    {
      type: 'meeting.scheduled',
      payload: {
        meetingId: 'm-next',
        groupId,
        kind: 'regular',
        date: '2026-03-27',
        time: '15:30',
        place: 'Айыл өкмөтүнүн жыйындар залы',
      },
    },
    {
      type: 'meeting.scheduled',
      payload: { meetingId: 'm-off', groupId, kind: 'extraordinary', date: '2026-04-03', time: null, place: null },
    },
    { type: 'meeting.cancelled', payload: { meetingId: 'm-off', reason: null } },
  ]);

  // Act 1 (Суу чарба), received 2 March: the answer due Monday 16 March, reminded three times, escalated on the 17th;
  // the executive body's report: 30 calendar days, due 1 April.
  await onAct(ids.a1, [
    ...issue(ids.a1, '1', '2026-02-27', '2026-03-02'),
    opened('A', ids.a1, 'object-response', `object:${ids.o1}`, '2026-03-02'),
    opened('B', ids.a1, 'executive-report', 'executive-body', '2026-03-02'),
    reminder('A', 'due-3', '2026-03-11'),
    reminder('A', 'due-1', '2026-03-13'),
    reminder('A', 'due-0', '2026-03-16'),
    status('A', 'escalated', '2026-03-17'),
  ]);
  // Act 2 (Мектеп), received 10 March: 10 working days skip Orozo Ait (Friday 20) and the weekend of Nooruz: due 25 March.
  // Its report, received 10 February, was met on 10 March (recently closed).
  await onAct(ids.a2, [
    ...issue(ids.a2, '2', '2026-02-09', '2026-03-10'),
    opened('C', ids.a2, 'object-response', `object:${ids.o2}`, '2026-03-10'),
    opened('G', ids.a2, 'executive-report', 'executive-body', '2026-02-10'),
    {
      type: 'response.recorded',
      payload: {
        responseId: 'G-r1',
        actId: ids.a2,
        obligationId: 'G',
        kind: 'executive-report',
        submittedAt: at('2026-03-10').toISOString(),
        late: false,
        body: 'Чаралар көрүлдү.',
        responder: 'executive-body',
        supersedes: null,
      },
      occurredAt: at('2026-03-10'),
    },
    status('G', 'met', '2026-03-10'),
  ]);
  // Act 3 (Суу чарба): the report received 18 February lands on Orozo Ait (Friday 20 March) and moves to Monday 23;
  // the answer received 5 March is due Thursday 19 March: this week.
  await onAct(ids.a3, [
    ...issue(ids.a3, '3', '2026-02-17', '2026-02-18'),
    opened('D', ids.a3, 'executive-report', 'executive-body', '2026-02-18'),
  ]);
  await onAct(ids.a3, [opened('E', ids.a3, 'object-response', `object:${ids.o1}`, '2026-03-05')]);

  await createAccounts(t.db, PASSWORD, [
    ['chair@aksuu.kg', 'chair', { groupId }],
    ['member@aksuu.kg', 'member', { groupId }],
    ['staff@aksuu.kg', 'staff', { councilId }],
    ['deputy@aksuu.kg', 'deputy', { councilId }],
    ['chair@kokjar.kg', 'chair', { groupId: otherGroup }],
    ['staff@kokjar.kg', 'staff', { councilId: otherCouncil }],
    ['deputy@kokjar.kg', 'deputy', { councilId: otherCouncil }],
  ]);
  app = buildApp({ db: t.db, config: loadConfig({ JMEG_SECRET: SECRET }), clock: () => NOW });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const sessions = new Map<string, { cookie: string; csrf: string }>();
async function login(email: string): Promise<{ cookie: string; csrf: string }> {
  const known = sessions.get(email);
  if (known) return known;
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const s = {
    cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
  sessions.set(email, s);
  return s;
}
async function api(email: string, query = '') {
  const { cookie } = await login(email);
  return app.inject({ method: 'GET', url: `/api/groups/${groupId}/dashboard${query}`, headers: { cookie } });
}
async function page(email: string, query = '') {
  const { cookie } = await login(email);
  return app.inject({ method: 'GET', url: `/manage/groups/${groupId}/dashboard${query}`, headers: { cookie } });
}

interface Obligation {
  obligationId: string;
  overdue: boolean;
  dueDate: string;
  daysLeft: { unit: string; left: number } | null;
  link: string | null;
  reminders: { rung: string }[];
  escalation: { sentAt: string } | null;
  clause: string;
  dueOnCurrentCalendar: string | null;
}
interface Dashboard {
  obligations: Obligation[];
  counts: { open: number; overdue: number; dueThisWeek: number };
  chart: { objectId: string | null; overdue: number; open: number }[];
  timeline: {
    formation: { kind: string; count: number; text: string; date: string }[];
    acts: { actId: string; number: string | null; entries: { kind: string; text: string; date: string }[] }[];
  };
  meetings: { id: string }[];
  members: { fullName: string; role: string; phone: string | null; email: string | null }[];
  feed: { url: string | null } | null;
  viewer: { canManage: boolean; seesContacts: boolean };
}
const F = () => `${groupId}/staff-candidates`;

describe('GET /api/groups/:groupId/dashboard', () => {
  it('the due dates the cases rely on follow 4.3 and 5.4.2 on the 2026 calendar', () => {
    expect(computeDeadline('staff-candidates', '2026-02-20', cal).due).toBe('2026-03-13');
    expect(
      ['2026-03-02', '2026-03-10', '2026-03-05'].map((d) => computeDeadline('object-response', d, cal).due),
    ).toEqual(['2026-03-16', '2026-03-25', '2026-03-19']);
    expect(computeDeadline('executive-report', '2026-02-18', cal)).toMatchObject({
      due: '2026-03-23',
      movedFrom: '2026-03-20',
    });
    expect(computeDeadline('executive-report', '2026-03-02', cal).due).toBe('2026-04-01');
  });

  it('lists overdue first (longest overdue first), then open by due date, then the recently closed', async () => {
    const res = await api('chair@aksuu.kg');
    expect(res.statusCode).toBe(200);
    const d = res.json<Dashboard>();
    expect(d.obligations.map((o) => o.obligationId)).toEqual([F(), 'A', 'E', 'D', 'C', 'B', 'G']);
    const by = (id: string) => d.obligations.find((o) => o.obligationId === id)!;
    // 13 March to 18 March: 16, 17, 18 working days overdue; 16 March: 17, 18.
    expect(by(F())).toMatchObject({
      overdue: true,
      dueDate: '2026-03-13',
      daysLeft: { unit: 'working', left: -3 },
      clause: '5.4.2',
      link: `/manage/groups/${groupId}/formation`,
    });
    expect(by('A')).toMatchObject({
      overdue: true,
      dueDate: '2026-03-16',
      daysLeft: { unit: 'working', left: -2 },
      link: `/manage/acts/${ids.a1}`,
    });
    expect(by('A').reminders.map((r) => r.rung)).toEqual(['due-3', 'due-1', 'due-0']);
    expect(by('A').escalation).not.toBeNull();
    // 19 March is the only working day before the due date... it is the due date itself: 1 working day left.
    expect(by('E')).toMatchObject({ overdue: false, dueDate: '2026-03-19', daysLeft: { unit: 'working', left: 1 } });
    // Orozo Ait (20th), Nooruz (Saturday 21st) and Sunday 22nd are skipped: 19, 23, 24, 25 are the working days to the 25th.
    expect(by('C')).toMatchObject({ dueDate: '2026-03-25', daysLeft: { unit: 'working', left: 4 } });
    // Calendar-day rules count calendar days: 5 to Monday 23rd, 14 to 1 April.
    expect(by('D')).toMatchObject({ dueDate: '2026-03-23', daysLeft: { unit: 'calendar', left: 5 } });
    expect(by('B')).toMatchObject({ dueDate: '2026-04-01', daysLeft: { unit: 'calendar', left: 14 } });
    expect(by('G')).toMatchObject({ overdue: false, daysLeft: null, link: `/manage/acts/${ids.a2}` });
    expect(d.obligations.every((o) => o.dueOnCurrentCalendar === null)).toBe(true);
    expect(d.counts).toEqual({ open: 6, overdue: 2, dueThisWeek: 1 });
  });

  it('filters like the obligations route: overdue, due this week, by object', async () => {
    const ids_ = async (q: string) =>
      (await api('chair@aksuu.kg', q)).json<Dashboard>().obligations.map((o) => o.obligationId);
    expect(await ids_('?filter=overdue')).toEqual([F(), 'A']);
    expect(await ids_('?filter=due-this-week')).toEqual(['E']);
    expect(await ids_(`?object=${ids.o2}`)).toEqual(['C', 'G']);
    expect(await ids_(`?object=${ids.o1}&filter=overdue`)).toEqual(['A']);
    // The chart and the counts stay those of the whole list.
    expect((await api('chair@aksuu.kg', '?filter=overdue')).json<Dashboard>().counts.open).toBe(6);
  });

  it('refuses a bad filter or an unknown parameter with 400 naming the field', async () => {
    const bad = await api('chair@aksuu.kg', '?filter=late&lang=en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid-input', field: 'filter', rule: 'one-of' } });
    const unknown = await api('chair@aksuu.kg', '?sort=due');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { field: 'sort', rule: 'unknown-property' } });
  });

  it('counts the open and overdue obligations by object for the chart, most overdue first', async () => {
    const d = (await api('staff@aksuu.kg')).json<Dashboard>();
    // Суу чарба: A overdue; B, D, E not yet due. The formation (no object): F overdue. Мектеп: C (G is met).
    expect(d.chart).toEqual([
      { objectId: ids.o1, name: { ky: 'Суу чарба', ru: 'Водхоз' }, overdue: 1, open: 3 },
      { objectId: null, name: null, overdue: 1, open: 0 },
      { objectId: ids.o2, name: { ky: 'Мектеп', ru: 'Школа' }, overdue: 0, open: 1 },
    ]);
  });

  it("has the formation's timeline from the event log, members merged into a count, and no personal data", async () => {
    const res = await api('chair@aksuu.kg', '?lang=en');
    const d = res.json<Dashboard>();
    expect(d.timeline.formation.map((e) => e.kind)).toEqual([
      'group.opened',
      'member.added',
      'member.role-changed',
      'notice.published',
      'obligation.opened',
      'obligation.reminder-sent',
      'obligation.escalated',
      'meeting.scheduled',
      'meeting.scheduled',
      'meeting.scheduled',
      'meeting.cancelled',
    ]);
    const members = d.timeline.formation.find((e) => e.kind === 'member.added')!;
    // Imported the same day (the roster gives no joining date, so the entry has the day it was recorded).
    expect(members).toMatchObject({ count: 5, text: 'Members added: 5' });
    expect(d.timeline.formation.find((e) => e.kind === 'obligation.opened')).toMatchObject({
      date: '2026-02-20',
      text: 'Deadline opened: Appoint candidates from municipal employees and send the list to the council (5.4.2), last day 13.03.2026 (Friday)',
    });
    const timeline = JSON.stringify(d.timeline);
    for (const m of SAMPLE_ROSTER) {
      expect(timeline).not.toContain(m.phone!);
      expect(timeline).not.toContain(m.email!);
    }
    expect(timeline).not.toContain('Чаралар көрүлдү');
  });

  it("has each act's timeline: issued, received, deadlines, reminders, escalation, responses; the latest activity first", async () => {
    const d = (await api('chair@aksuu.kg', '?lang=ru')).json<Dashboard>();
    expect(d.timeline.acts.map((a) => a.actId)).toEqual([ids.a3, ids.a2, ids.a1, ids.draft]);
    const a1 = d.timeline.acts.find((a) => a.actId === ids.a1)!;
    expect(a1.entries.map((e) => e.kind)).toEqual([
      'act.drafted',
      'act.issued',
      'act.received',
      'obligation.opened',
      'obligation.opened',
      'obligation.reminder-sent',
      'obligation.reminder-sent',
      'obligation.reminder-sent',
      'obligation.escalated',
    ]);
    expect(a1.entries[1]).toMatchObject({ date: '2026-02-27', text: 'Выдан акт № 1' });
    expect(a1.entries[2]).toMatchObject({ date: '2026-03-02', text: 'Объект получил акт (зарегистрировал сотрудник)' });
    expect(a1.entries[5]!.text).toBe(
      'Отправлено напоминание (за 3 рабочих дня до срока): Сообщение айыл окмоту о причинах недостатков и планируемых мерах',
    );
    const a2 = d.timeline.acts.find((a) => a.actId === ids.a2)!;
    expect(a2.entries.map((e) => e.kind)).toContain('response.recorded');
    expect(a2.entries.find((e) => e.kind === 'obligation.met')).toBeDefined();
  });

  it("names each kind of notice in words: an obligation's notice by its title, the escalation notice as such", () => {
    const entry = (detail: string) => ({
      position: 1,
      at: '2026-03-18T04:00:00Z',
      date: '2026-03-18',
      kind: 'notice.published' as const,
      count: 1,
      detail,
    });
    expect(timelineText('ru', entry('escalation'))).toBe('Опубликовано объявление: о пропуске срока (для кенеша)');
    expect(timelineText('en', entry('formation-notice'))).not.toContain('formation-notice');
  });

  it('shows only the meetings to come (not the past or cancelled ones)', async () => {
    expect((await api('member@aksuu.kg')).json<Dashboard>().meetings.map((m) => m.id)).toEqual(['m-next']);
  });

  it("members' phones and e-mails: the chair and staff see them, members and deputies do not", async () => {
    for (const email of ['chair@aksuu.kg', 'staff@aksuu.kg']) {
      const d = (await api(email)).json<Dashboard>();
      expect(d.viewer).toMatchObject({ canManage: true, seesContacts: true });
      expect(d.members[0]).toMatchObject({ role: 'chair', phone: CHAIR_PHONE });
      expect(d.members.find((m) => m.fullName === SAMPLE_ROSTER[1]!.fullName)).toMatchObject({
        phone: MEMBER_PHONE,
        email: MEMBER_EMAIL,
      });
    }
    for (const email of ['member@aksuu.kg', 'deputy@aksuu.kg']) {
      const res = await api(email);
      expect(res.statusCode).toBe(200);
      const d = res.json<Dashboard>();
      expect(d.viewer).toMatchObject({ canManage: false, seesContacts: false });
      expect(d.members).toHaveLength(5);
      expect(d.members.every((m) => m.phone === null && m.email === null)).toBe(true);
      for (const m of SAMPLE_ROSTER) expect(res.body).not.toContain(m.phone!);
      // Members and deputies get the public act page, and no formation link.
      expect(d.obligations.find((o) => o.obligationId === 'A')!.link).toBe(`/acts/${ids.a1}`);
      expect(d.obligations.find((o) => o.obligationId === F())!.link).toBeNull();
      expect(d.feed).toBeNull();
    }
  });

  it('who may read it: the group and its council; 403 for others, 401 without a login', async () => {
    for (const email of ['chair@kokjar.kg', 'staff@kokjar.kg', 'deputy@kokjar.kg'])
      expect((await api(email)).statusCode, email).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/groups/${groupId}/dashboard` })).statusCode).toBe(401);
  });
});

describe('the dashboard page', () => {
  const rows = (body: string) =>
    [...body.matchAll(/<tr( class="overdue-row")?>\s*<td[^>]*>(.*?)<\/td>\s*<td[^>]*>(.*?) <span/gs)].map((m) => ({
      overdue: m[1] !== undefined,
      what: m[3]!,
    }));

  it('lists the obligations overdue first, with clause, party, due date, days left, reminders and the act link', async () => {
    const res = await page('chair@aksuu.kg', '?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const list = rows(res.body);
    expect(list.map((r) => r.overdue)).toEqual([true, true, false, false, false, false, false]);
    expect(list.map((r) => r.what)).toEqual([
      'Appoint candidates from municipal employees and send the list to the council',
      'Inform the executive body of the causes of the shortcomings and the measures planned',
      'Inform the executive body of the causes of the shortcomings and the measures planned',
      'Generalised information on the measures taken to remove the shortcomings',
      'Inform the executive body of the causes of the shortcomings and the measures planned',
      'Generalised information on the measures taken to remove the shortcomings',
      'Generalised information on the measures taken to remove the shortcomings',
    ]);
    expect(res.body).toContain('Overdue by 3 working days');
    expect(res.body).toContain('Overdue by 2 working days');
    expect(res.body).toContain('4 working days left');
    expect(res.body).toContain('14 calendar days left');
    expect(res.body).toContain('(clause 5.4.2)');
    expect(res.body).toContain('Sent: 3 (last: on the last day)');
    expect(res.body).toContain(`href="/manage/acts/${ids.a1}?lang=en"`);
    expect(res.body).toContain(`href="/manage/groups/${groupId}/formation?lang=en"`);
    expect(res.body).toContain('<time datetime="2026-03-25">25.03.2026 (Wednesday)</time>');
  });

  it('draws the chart as accessible inline SVG with the counts as text and a data table', async () => {
    const res = await page('chair@aksuu.kg', '?lang=ru');
    const svg = /<svg role="img" aria-labelledby="chart-title chart-desc"[^>]*>([\s\S]*?)<\/svg>/.exec(res.body);
    expect(svg).not.toBeNull();
    expect(svg![1]).toContain('<title id="chart-title">Открытые и просроченные обязательства по объектам</title>');
    expect(svg![1]).toContain('Водхоз: просрочено 1, в срок 3');
    expect(svg![1]).toContain('<title>Процедура формирования (без объекта): просрочено 1, в срок 0</title>');
    const bars = [
      ...svg![1]!.matchAll(
        /<g data-object="([^"]*)" data-overdue="(\d+)" data-open="(\d+)">[\s\S]*?<text[^>]*>([^<]*)<\/text>[\s\S]*?<text[^>]*>(\d+) \+ (\d+)<\/text><\/g>/g,
      ),
    ].map((m) => [m[1], m[2], m[3], m[4], `${m[5]} + ${m[6]}`]);
    expect(bars).toEqual([
      [ids.o1, '1', '3', 'Водхоз', '1 + 3'],
      // A long label is shortened in the drawing; the row's <title> and the table carry it whole.
      ['', '1', '0', 'Процедура формиров…', '1 + 0'],
      [ids.o2, '0', '1', 'Школа', '0 + 1'],
    ]);
    // Bars are proportional to the longest row (4 obligations over 170 units): 1 is 43 units (42.5 rounded), 3 are 128.
    const bar = /<rect x="(\d+)" y="\d+" width="(\d+)" height="16" fill="(#[0-9a-f]+)">/g;
    expect([...svg![1]!.matchAll(bar)].map((m) => [Number(m[1]), Number(m[2]), m[3]])).toEqual([
      [138, 43, '#b00020'],
      [181, 128, '#1565c0'],
      [138, 43, '#b00020'],
      [138, 43, '#1565c0'],
    ]);
    const table = /<table class="chart-data[^"]*">([\s\S]*?)<\/table>/.exec(res.body)![1]!;
    expect(
      [
        ...table.matchAll(
          /<tr><th scope="row"[^>]*>([^<]*)<\/th><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td><\/tr>/g,
        ),
      ].map((m) => m.slice(1)),
    ).toEqual([
      ['Водхоз', '1', '3', '4'],
      ['Процедура формирования (без объекта)', '1', '0', '1'],
      ['Школа', '0', '1', '1'],
    ]);
  });

  it('shows the chair the phones and the feed form; a member sees neither, and no action links', async () => {
    const chair = await page('chair@aksuu.kg', '?lang=en');
    expect(chair.body).toContain(`<a href="tel:${CHAIR_PHONE}">`);
    expect(chair.body).toContain(MEMBER_EMAIL);
    expect(chair.body).toContain('Make a link');
    for (const email of ['member@aksuu.kg', 'deputy@aksuu.kg']) {
      const res = await page(email, '?lang=en');
      expect(res.statusCode).toBe(200);
      for (const m of SAMPLE_ROSTER) {
        expect(res.body).not.toContain(m.phone!);
        expect(res.body).not.toContain(m.email!);
      }
      expect(res.body).not.toContain('feed-token');
      expect(res.body).not.toContain('/manage/acts/');
      expect(res.body).toContain(`href="/acts/${ids.a1}?lang=en"`);
      expect(res.body).toContain(SAMPLE_ROSTER[1]!.fullName);
    }
  });

  it('the chair makes the subscription link with the form; the page then shows it and it opens the feed', async () => {
    const { cookie, csrf } = await login('chair@aksuu.kg');
    const made = await app.inject({
      method: 'POST',
      url: `/manage/groups/${groupId}/feed-token?lang=en`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', host: 'jmeg.example.kg' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe(`/manage/groups/${groupId}/dashboard?lang=en&done=feed-token#feed`);
    const res = await app.inject({
      method: 'GET',
      url: `/manage/groups/${groupId}/dashboard?lang=en&done=feed-token`,
      headers: { cookie, host: 'jmeg.example.kg' },
    });
    expect(res.body).toContain('A new link was made; the old one no longer works.');
    const url = /<input id="feed-url" type="text" readonly value="([^"]+)">/.exec(res.body)![1]!.replace(/&amp;/g, '&');
    // Without JMEG_PUBLIC_URL the link is built from HOST and PORT, never from the request's Host header.
    expect(url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:3000/api/groups/${groupId}/calendar\\.ics\\?token=[\\w-]{43}$`),
    );
    expect(res.body).toContain(`href="${url.replace('http:', 'webcal:')}"`);
    const feed = await app.inject({ method: 'GET', url: new URL(url).pathname + new URL(url).search });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    // The same link is shown again later (the token is derived, not stored); staff see it too.
    const again = await page('staff@aksuu.kg', '?lang=en');
    expect(again.body).toContain(new URL(url).search.replace(/&/g, '&amp;'));
    // Without the form's CSRF token nothing changes.
    const forged = await app.inject({
      method: 'POST',
      url: `/manage/groups/${groupId}/feed-token`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: new URL(url).pathname + new URL(url).search })).statusCode).toBe(
      200,
    );
  });

  it('a member cannot make a link (403 page)', async () => {
    const { cookie, csrf } = await login('member@aksuu.kg');
    const res = await app.inject({
      method: 'POST',
      url: `/manage/groups/${groupId}/feed-token?lang=en`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('in Kyrgyz by default, with the timeline, meetings to come and the filter form', async () => {
    const res = await page('staff@aksuu.kg');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ky">');
    expect(res.body).toContain('Топтун көзөмөл тактасы');
    expect(res.body).toContain('Мүчөлөр кошулду: 5');
    expect(res.body).toContain(
      '<time datetime="2026-03-27">27.03.2026 (жума)</time> 15:30: Топтун кезектеги жыйналышы, Айыл өкмөтүнүн жыйындар залы',
    );
    expect(res.body).toContain('<label for="filter">');
    expect(res.body).toContain('<label for="object">');
    const filtered = await page('staff@aksuu.kg', '?filter=overdue&lang=en');
    expect(rows(filtered.body)).toHaveLength(2);
    expect((await page('staff@aksuu.kg', '?filter=soon')).statusCode).toBe(400);
  });

  it('sends a visitor without a login to the login page, and answers 403 to another council', async () => {
    const anonymous = await app.inject({ method: 'GET', url: `/manage/groups/${groupId}/dashboard?lang=ru` });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(
      `/login?lang=ru&next=${encodeURIComponent(`/manage/groups/${groupId}/dashboard?lang=ru`)}`,
    );
    const other = await page('staff@kokjar.kg');
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('the timeline keeps what moves: closed acts drop off 90 days after their last event', () => {
  // Last in the file: it closes act 3.
  it('shows a closed act for 90 days after its last event, then counts it and links to the acts list', async () => {
    await onAct(ids.a3, [
      { type: 'act.closed', payload: { actId: ids.a3, reason: 'test' }, occurredAt: at('2026-03-18') },
    ]);
    const recent = await groupTimelines(t.db, groupId, { today: '2026-06-16' });
    expect(recent.acts.map((a) => a.actId)).toContain(ids.a3);
    expect(recent.olderClosedActs).toBe(0);
    const later = await groupTimelines(t.db, groupId, { today: '2026-06-17' });
    expect(later.acts.map((a) => a.actId)).not.toContain(ids.a3);
    expect(later.olderClosedActs).toBe(1);
    // Acts still open stay, however old.
    expect(later.acts.map((a) => a.actId)).toEqual(expect.arrayContaining([ids.a1, ids.draft]));
  });
});
