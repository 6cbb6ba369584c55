// The group's iCalendar feed (GET /api/groups/:groupId/calendar.ics) through app.inject on a real Postgres database,
// read back with ical.js as a phone would: one all-day event per open obligation on its due date with a stable UID
// and a reminder the day before, one event per scheduled meeting at its Bishkek time, and no personal data.
// "Now" is Wednesday 18 March 2026, 10:00 in Bishkek; Orozo Ait (Friday 20 March) is a day off.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { shippedCalendar } from '../domain/calendar';
import { computeDeadline } from '../domain/deadlines';
import type { RosterMember } from '../domain/roster';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let groupId: string;
let objectId: string;
const NOW = Date.parse('2026-03-18T04:00:00Z');
const PHONE = '+996700551985';
const EMAIL = 'aigul1985@example.kg';
const roster: RosterMember[] = [
  { fullName: 'Асанова Айгүл', sex: 'F', birthDate: { year: 1985, month: 5, day: 17 }, category: 'citizen', workplace: null, village: 'Терек-Суу', phone: PHONE, email: EMAIL },
];

async function openObligation(actId: string, obligationId: string, key: 'object-response' | 'executive-report', party: string, anchorDate: string, group = groupId): Promise<void> {
  await record(t.db, {
    stream: streams.act(actId),
    actor: 'test',
    events: [
      {
        type: 'obligation.opened',
        payload: { obligationId, groupId: group, actId, key, clause: '4.3', party, anchorDate, dueDate: computeDeadline(key, anchorDate, shippedCalendar()).due },
      },
    ],
  });
}
const onGroup = (events: NewEvent[]) => record(t.db, { stream: streams.group(groupId), actor: 'test', events });

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  const other = await openGroup(t.db, { councilId }, 'test');
  await importRoster(t.db, groupId, roster, { actor: 'test', on: '2026-03-01' });
  objectId = (await registerObject(t.db, { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водхоз' }, emails: ['suu@aksuu.kg'] }, 'test')).id;
  const actId = (await draftAct(t.db, { groupId, objectId, draft: parseActDraft({ subject: 'Суу түтүгү' }) }, 'test')).id;
  const otherAct = (await draftAct(t.db, { groupId: other, objectId, draft: parseActDraft({ subject: 'Башка' }) }, 'test')).id;
  await openObligation(actId, 'late', 'object-response', `object:${objectId}`, '2026-03-02'); // due Monday 16 March: overdue, still owed
  await openObligation(actId, 'report', 'executive-report', 'executive-body', '2026-03-02'); // 30 calendar days: due 1 April
  await openObligation(actId, 'met', 'object-response', `object:${objectId}`, '2026-03-05');
  await record(t.db, { stream: streams.act(actId), actor: 'test', events: [{ type: 'obligation.status-changed', payload: { obligationId: 'met', status: 'met', reason: null } }] });
  await openObligation(otherAct, 'elsewhere', 'object-response', `object:${objectId}`, '2026-03-10', other);
  await onGroup([
    { type: 'meeting.scheduled', payload: { meetingId: 'm1', groupId, kind: 'regular', date: '2026-03-27', time: '15:30', place: 'Айыл өкмөтүнүн жыйындар залы' } },
    { type: 'meeting.scheduled', payload: { meetingId: 'm2', groupId, kind: 'extraordinary', date: '2026-04-03', time: '10:00', place: null } },
    { type: 'meeting.cancelled', payload: { meetingId: 'm2', reason: null } },
  ]);
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string) => app.inject({ method: 'GET', url });

function parse(body: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}
const byUid = (events: ICAL.Event[], uid: string) => events.find((e) => e.uid === uid)!;

describe('GET /api/groups/:groupId/calendar.ics', () => {
  it('is an iCalendar document (text/calendar, UTF-8)', async () => {
    const res = await get(`/api/groups/${groupId}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body.startsWith('BEGIN:VCALENDAR')).toBe(true);
  });

  it("holds one event per open obligation of this group and per scheduled meeting, each with a stable UID; met, cancelled and other groups' items are left out", async () => {
    const { events } = parse((await get(`/api/groups/${groupId}/calendar.ics`)).body);
    expect(events.map((e) => e.uid).sort()).toEqual(['meeting-m1@jmeg', 'obligation-late@jmeg', 'obligation-report@jmeg']);
    const again = parse((await get(`/api/groups/${groupId}/calendar.ics?lang=ru`)).body).events;
    expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
  });

  it('an obligation is an all-day event on its due date (4.3: 10 working days; 30 calendar days), with the anchor date and the party in its description', async () => {
    const { events } = parse((await get(`/api/groups/${groupId}/calendar.ics`)).body);
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
    expect(late.description).toContain('2026-03-02');
    expect(late.description).toContain('Суу чарба');
  });

  it.each([
    ['ky', '', /\(4\.3-п\.\)$/, /[үөң]/],
    ['ky', '?lang=ky', /\(4\.3-п\.\)$/, /[үөң]/],
    ['ru', '?lang=ru', /\(п\. 4\.3\)$/, /[ыя]/],
  ])('the summary is the obligation title with its clause in %s (query "%s")', async (lang, query, clause, script) => {
    const { events } = parse((await get(`/api/groups/${groupId}/calendar.ics${query}`)).body);
    const late = byUid(events, 'obligation-late@jmeg');
    expect(late.summary).toMatch(clause);
    expect(late.summary).toMatch(script);
    const other = lang === 'ky' ? 'ru' : 'ky';
    const otherSummary = byUid(parse((await get(`/api/groups/${groupId}/calendar.ics?lang=${other}`)).body).events, 'obligation-late@jmeg').summary;
    expect(late.summary).not.toBe(otherSummary);
  });

  it('an obligation reminds at 09:00 on the day before its due day', async () => {
    const { events } = parse((await get(`/api/groups/${groupId}/calendar.ics`)).body);
    const alarms = byUid(events, 'obligation-late@jmeg').component.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
    const trigger = alarms[0]!.getFirstPropertyValue('trigger') as ICAL.Duration;
    expect(trigger.toSeconds()).toBe(-15 * 3600);
  });

  it('a meeting is a timed event in Asia/Bishkek (15:30 there is 09:30 UTC) with its place as the location', async () => {
    const { calendar, events } = parse((await get(`/api/groups/${groupId}/calendar.ics?lang=ru`)).body);
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
      const body = (await get(`/api/groups/${groupId}/calendar.ics?lang=${lang}`)).body.replace(/\r\n[ \t]/g, '');
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain('700551985');
      expect(body).not.toContain(EMAIL);
      expect(body).not.toContain('Асанова');
      expect(body.replace(/@jmeg\b/g, '')).not.toContain('@');
    }
  });

  it('answers 404 for an unknown group and 400 for an unknown language', async () => {
    const res = await get('/api/groups/no-such-group/calendar.ics');
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('group-not-found');
    expect((await get(`/api/groups/${groupId}/calendar.ics?lang=de`)).statusCode).toBe(400);
  });
});
