// The group's iCalendar feed (GET /api/groups/:groupId/calendar.ics) through app.inject on a real Postgres database,
// read back with ical.js as a phone would: one all-day event per open obligation on its due date with a stable UID
// and a reminder the day before, one event per scheduled meeting at its Bishkek time, and no personal data. The feed
// needs the group's token (a phone's calendar cannot log in) or a signed-in account of the group; anything else is the
// same 404 as an unknown group. "Now" is Wednesday 18 March 2026, 10:00 in Bishkek; Orozo Ait (Friday 20 March) is a
// day off.
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { draftAct, parseActDraft } from '../db/acts';
import { regenerateFeedToken } from '../db/feed-tokens';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { shippedCalendar } from '../domain/calendar';
import { computeDeadline } from '../domain/deadlines';
import type { RosterMember } from '../domain/roster';
import { createAccounts } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let groupId: string;
let otherGroupId: string;
let councilId: string;
let objectId: string;
/** The group's feed token, as the dashboard's subscription link carries it. */
let token: string;
let otherToken: string;
const SECRET = 'ics-test-secret-0123456789abcdefghijklmnop';
const PASSWORD = 'feed test password';
const NOW = Date.parse('2026-03-18T04:00:00Z');
const PHONE = '+996700551985';
const EMAIL = 'aigul1985@example.kg';
const roster: RosterMember[] = [
  {
    fullName: 'Асанова Айгүл',
    sex: 'F',
    birthDate: { year: 1985, month: 5, day: 17 },
    category: 'citizen',
    workplace: null,
    village: 'Терек-Суу',
    phone: PHONE,
    email: EMAIL,
  },
];

async function openObligation(
  actId: string,
  obligationId: string,
  key: 'object-response' | 'executive-report',
  party: string,
  anchorDate: string,
  group = groupId,
): Promise<void> {
  await record(t.db, {
    stream: streams.act(actId),
    actor: 'test',
    events: [
      {
        type: 'obligation.opened',
        payload: {
          obligationId,
          groupId: group,
          actId,
          key,
          clause: '4.3',
          party,
          anchorDate,
          dueDate: computeDeadline(key, anchorDate, shippedCalendar()).due,
        },
      },
    ],
  });
}
const onGroup = (events: NewEvent[]) => record(t.db, { stream: streams.group(groupId), actor: 'test', events });

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' }, 'test');
  const otherCouncil = await registerCouncil(t.db, { name: { ky: 'Көк-Жар', ru: 'Кок-Жар' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  const other = await openGroup(t.db, { councilId }, 'test');
  otherGroupId = other;
  await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-03-01' });
  objectId = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водхоз' }, emails: ['suu@aksuu.kg'] },
      'test',
    )
  ).id;
  const actId = (await draftAct(t.db, { groupId, objectId, draft: parseActDraft({ subject: 'Суу түтүгү' }) }, 'test'))
    .id;
  const otherAct = (
    await draftAct(t.db, { groupId: other, objectId, draft: parseActDraft({ subject: 'Башка' }) }, 'test')
  ).id;
  await openObligation(actId, 'late', 'object-response', `object:${objectId}`, '2026-03-02'); // due Monday 16 March: overdue, still owed
  await openObligation(actId, 'report', 'executive-report', 'executive-body', '2026-03-02'); // 30 calendar days: due 1 April
  await openObligation(actId, 'met', 'object-response', `object:${objectId}`, '2026-03-05');
  await record(t.db, {
    stream: streams.act(actId),
    actor: 'test',
    events: [{ type: 'obligation.status-changed', payload: { obligationId: 'met', status: 'met', reason: null } }],
  });
  await openObligation(otherAct, 'elsewhere', 'object-response', `object:${objectId}`, '2026-03-10', other);
  await onGroup([
    {
      type: 'meeting.scheduled',
      payload: {
        meetingId: 'm1',
        groupId,
        kind: 'regular',
        date: '2026-03-27',
        time: '15:30',
        place: 'Айыл өкмөтүнүн жыйындар залы',
      },
    },
    {
      type: 'meeting.scheduled',
      payload: { meetingId: 'm2', groupId, kind: 'extraordinary', date: '2026-04-03', time: '10:00', place: null },
    },
    { type: 'meeting.cancelled', payload: { meetingId: 'm2', reason: null } },
  ]);
  token = (await regenerateFeedToken(t.db, SECRET, groupId, new Date(NOW))).token;
  otherToken = (await regenerateFeedToken(t.db, SECRET, other, new Date(NOW))).token;
  await createAccounts(t.db, PASSWORD, [
    ['chair@aksuu.kg', 'chair', { groupId }],
    ['member@aksuu.kg', 'member', { groupId }],
    ['staff@aksuu.kg', 'staff', { councilId }],
    ['deputy@aksuu.kg', 'deputy', { councilId }],
    ['chair@other.kg', 'chair', { groupId: other }],
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

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
/** The feed as a subscribed phone fetches it: with the token, plus `query` (e.g. '&lang=ru'). */
const feed = (query = '') => get(`/api/groups/${groupId}/calendar.ics?token=${token}${query}`);

async function login(email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  return {
    cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
}

function parse(body: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}
const byUid = (events: ICAL.Event[], uid: string) => events.find((e) => e.uid === uid)!;

describe('GET /api/groups/:groupId/calendar.ics', () => {
  it('is an iCalendar document (text/calendar, UTF-8)', async () => {
    const res = await feed();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body.startsWith('BEGIN:VCALENDAR')).toBe(true);
  });

  it("holds one event per open obligation of this group and per scheduled meeting, each with a stable UID; met, cancelled and other groups' items are left out", async () => {
    const { events } = parse((await feed()).body);
    expect(events.map((e) => e.uid).sort()).toEqual([
      'meeting-m1@jmeg',
      'obligation-late@jmeg',
      'obligation-report@jmeg',
    ]);
    const again = parse((await feed('&lang=ru')).body).events;
    expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
  });

  it('an obligation is an all-day event on its due date (4.3: 10 working days; 30 calendar days), with the anchor date and the party in its description', async () => {
    const { events } = parse((await feed()).body);
    for (const [uid, due, next] of [
      ['obligation-late@jmeg', '2026-03-16', '2026-03-17'],
      ['obligation-report@jmeg', '2026-04-01', '2026-04-02'],
    ] as const) {
      const e = byUid(events, uid);
      expect(e.startDate.isDate).toBe(true);
      expect(e.startDate.toString()).toBe(due);
      expect(e.endDate.toString()).toBe(next);
    }
    const late = byUid(events, 'obligation-late@jmeg');
    expect(late.description).toContain('02.03.2026');
    expect(late.description).toContain('Суу чарба');
  });

  it.each([
    ['ky', '', /\(4\.3-п\.\)$/, /[үөң]/],
    ['ky', '?lang=ky', /\(4\.3-п\.\)$/, /[үөң]/],
    ['ru', '?lang=ru', /\(п\. 4\.3\)$/, /[ыя]/],
  ])('the summary is the obligation title with its clause in %s (query "%s")', async (lang, query, clause, script) => {
    const { events } = parse((await feed(query.replace('?', '&'))).body);
    const late = byUid(events, 'obligation-late@jmeg');
    expect(late.summary).toMatch(clause);
    expect(late.summary).toMatch(script);
    const other = lang === 'ky' ? 'ru' : 'ky';
    const otherSummary = byUid(parse((await feed(`&lang=${other}`)).body).events, 'obligation-late@jmeg').summary;
    expect(late.summary).not.toBe(otherSummary);
  });

  it('an obligation reminds at 09:00 on the day before its due day', async () => {
    const { events } = parse((await feed()).body);
    const alarms = byUid(events, 'obligation-late@jmeg').component.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
    const trigger = alarms[0]!.getFirstPropertyValue('trigger') as ICAL.Duration;
    expect(trigger.toSeconds()).toBe(-15 * 3600);
  });

  it('a meeting is a timed event in Asia/Bishkek (15:30 there is 09:30 UTC) with its place as the location', async () => {
    const { calendar, events } = parse((await feed('&lang=ru')).body);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Bishkek');
    const m = byUid(events, 'meeting-m1@jmeg');
    expect(m.startDate.isDate).toBe(false);
    expect(m.startDate.zone?.tzid).toBe('Asia/Bishkek');
    expect(m.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Bishkek');
    expect([m.startDate.hour, m.startDate.minute]).toEqual([15, 30]);
    expect(m.startDate.toJSDate().toISOString()).toBe('2026-03-27T09:30:00.000Z');
    expect(m.location).toBe('Айыл өкмөтүнүн жыйындар залы');
    expect(m.summary).toBe('Очередное заседание группы');
  });

  it("carries no personal data: no member's phone, email or name, and no e-mail addresses at all", async () => {
    for (const lang of ['ky', 'ru', 'en']) {
      const body = (await feed(`&lang=${lang}`)).body.replace(/\r\n[ \t]/g, '');
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain('700551985');
      expect(body).not.toContain(EMAIL);
      expect(body).not.toContain('Асанова');
      expect(body.replace(/@jmeg\b/g, '')).not.toContain('@');
    }
  });

  it('answers 404 for an unknown group and 400 for an unknown language', async () => {
    const res = await get(`/api/groups/no-such-group/calendar.ics?token=${token}`);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('not-found');
    expect((await feed('&lang=de')).statusCode).toBe(400);
  });
});

describe("the feed's token", () => {
  const unknownGroup = () => get('/api/groups/no-such-group/calendar.ics?lang=en');

  it("without a token, with a wrong one or with another group's, is the same 404 as an unknown group (nothing to probe)", async () => {
    const reference = await unknownGroup();
    expect(reference.statusCode).toBe(404);
    for (const url of [
      `/api/groups/${groupId}/calendar.ics?lang=en`,
      `/api/groups/${groupId}/calendar.ics?lang=en&token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      `/api/groups/${groupId}/calendar.ics?lang=en&token=${otherToken}`,
      `/api/groups/no-such-group/calendar.ics?lang=en&token=${token}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toBe(reference.body);
      expect(res.headers['content-type'], url).toBe(reference.headers['content-type']);
    }
    // Each token opens its own group's feed.
    expect((await get(`/api/groups/${otherGroupId}/calendar.ics?token=${otherToken}`)).statusCode).toBe(200);
  });

  it('the database keeps only the sha256 of each token', async () => {
    const rows = await t.db.selectFrom('feed_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash).sort()).toEqual(
      [token, otherToken].map((x) => createHash('sha256').update(x).digest('hex')).sort(),
    );
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(otherToken);
    expect(token).toMatch(/^[\w-]{43}$/);
  });

  it.each(['chair@aksuu.kg', 'member@aksuu.kg', 'staff@aksuu.kg', 'deputy@aksuu.kg'])(
    'a signed-in %s reads the feed without a token',
    async (email) => {
      const { cookie } = await login(email);
      const res = await get(`/api/groups/${groupId}/calendar.ics`, { cookie });
      expect(res.statusCode).toBe(200);
      expect(
        parse(res.body)
          .events.map((e) => e.uid)
          .sort(),
      ).toEqual(['meeting-m1@jmeg', 'obligation-late@jmeg', 'obligation-report@jmeg']);
    },
  );

  it.each(['chair@other.kg', 'staff@kokjar.kg', 'deputy@kokjar.kg'])(
    "a signed-in %s of another group or council gets the unknown group's 404",
    async (email) => {
      const { cookie } = await login(email);
      const res = await get(`/api/groups/${groupId}/calendar.ics?lang=en`, { cookie });
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe((await unknownGroup()).body);
    },
  );

  it('POST /api/groups/:groupId/feed-token (chair or staff) makes a new link; the old token stops working at once', async () => {
    const { cookie, csrf } = await login('chair@aksuu.kg');
    const before = token;
    const res = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/feed-token`,
      headers: { cookie, 'x-csrf-token': csrf, host: 'jmeg.example.kg' },
    });
    expect(res.statusCode).toBe(201);
    const made = res.json<{ url: string; webcalUrl: string; createdAt: string }>();
    const fresh = new URL(made.url).searchParams.get('token')!;
    // Without JMEG_PUBLIC_URL the link is built from the configured host and port, never from the Host header.
    expect(made.url).toBe(`http://127.0.0.1:3000/api/groups/${groupId}/calendar.ics?token=${fresh}`);
    expect(made.webcalUrl).toBe(`webcal://127.0.0.1:3000/api/groups/${groupId}/calendar.ics?token=${fresh}`);
    expect(fresh).not.toBe(before);
    expect((await get(`/api/groups/${groupId}/calendar.ics?token=${before}`)).statusCode).toBe(404);
    const now = await get(`/api/groups/${groupId}/calendar.ics?token=${fresh}`);
    expect(now.statusCode).toBe(200);
    expect(parse(now.body).events).toHaveLength(3);
    token = fresh;
    // Without the CSRF header the session may not regenerate it.
    expect(
      (await app.inject({ method: 'POST', url: `/api/groups/${groupId}/feed-token`, headers: { cookie } })).statusCode,
    ).toBe(403);
  });

  it('members and deputies may not make a link (403), nor staff of another council; without a login 401', async () => {
    for (const email of ['member@aksuu.kg', 'deputy@aksuu.kg', 'staff@kokjar.kg', 'chair@other.kg']) {
      const { cookie, csrf } = await login(email);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/api/groups/${groupId}/feed-token`,
            headers: { cookie, 'x-csrf-token': csrf },
          })
        ).statusCode,
        email,
      ).toBe(403);
    }
    expect((await app.inject({ method: 'POST', url: `/api/groups/${groupId}/feed-token` })).statusCode).toBe(401);
    expect((await feed()).statusCode).toBe(200);
  });

  it('staff may regenerate it too', async () => {
    const { cookie, csrf } = await login('staff@aksuu.kg');
    const res = await app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/feed-token`,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(res.statusCode).toBe(201);
    const fresh = new URL(res.json<{ url: string }>().url).searchParams.get('token')!;
    expect((await feed()).statusCode).toBe(404);
    token = fresh;
    expect((await feed()).statusCode).toBe(200);
  });
});
