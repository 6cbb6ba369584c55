// GET /api/groups/:groupId/calendar.ics: the group's open deadlines and scheduled meetings as an iCalendar feed,
// so a chair can follow them on a phone (issue 6).
// TO BE PROTECTED in the auth step: chair of this group (and staff of its council) only; public for now. A phone
// subscription cannot log in, so the auth step should add an opaque per-group feed token (?token=) for this URL.
import ical, { ICalAlarmType, ICalCalendarMethod, type ICalCalendar } from 'ical-generator';
import { scheduledMeetings, type ScheduledMeeting } from '../../db/group-calendar';
import { findGroupById } from '../../db/groups';
import { calendarForCouncil, pendingObligations, type PendingObligation } from '../../db/pending';
import { addDays, bishkekDateOf, type IsoDate } from '../../domain/dates';
import type { Lang, Localized } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { groupIcsSchema } from './group-ics.schema';

export const BISHKEK = 'Asia/Bishkek';

/** Asia/Bishkek has been UTC+6 all year since 12 August 2005 (no daylight saving). */
const BISHKEK_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${BISHKEK}`,
  `X-LIC-LOCATION:${BISHKEK}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0600',
  'TZOFFSETTO:+0600',
  'TZNAME:+06',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** The reminder of a deadline: 09:00 on the day before the due day (15 hours before its start). */
const ALARM_BEFORE_SECONDS = 15 * 3600;

const TEXT = {
  calendarName: { ky: 'БМБТ: мөөнөттөр жана жыйналыштар', ru: 'ГСМО: сроки и заседания', en: 'JMEG: deadlines and meetings' },
  clause: { ky: (c: string) => `${c}-п.`, ru: (c: string) => `п. ${c}`, en: (c: string) => `clause ${c}` },
  party: { ky: 'Ким аткарат', ru: 'Кто исполняет', en: 'Who owes it' },
  anchor: { ky: 'Мөөнөт эсептелген күн', ru: 'Срок исчисляется от', en: 'Counted from' },
  due: { ky: 'Акыркы күн', ru: 'Последний день', en: 'Last day' },
  reminder: { ky: 'Эртең акыркы күн', ru: 'Завтра последний день', en: 'Due tomorrow' },
  meeting: {
    first: { ky: 'Топтун биринчи жыйналышы', ru: 'Первое заседание группы', en: 'First meeting of the group' },
    regular: { ky: 'Топтун кезектеги жыйналышы', ru: 'Очередное заседание группы', en: 'Regular meeting of the group' },
    extraordinary: { ky: 'Топтун кезектен тышкаркы жыйналышы', ru: 'Внеочередное заседание группы', en: 'Extraordinary meeting of the group' },
  },
} as const;

/**
 * ical-generator writes a date with a TZID (and an all-day date when the calendar has a time zone) from the Date's
 * local fields, i.e. in the server's zone. A Date built from the Bishkek wall-clock fields with the local constructor
 * gives those fields back, whatever zone the server runs in.
 */
function wallClock(date: IsoDate, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, hh, mm);
}

function partyText(o: PendingObligation, lang: Lang): string {
  const role = o.party.role?.[lang] ?? o.party.id;
  const name = o.party.name ? (lang === 'ky' ? o.party.name.ky : o.party.name.ru) : null;
  return name && !role.includes(name) ? `${role} (${name})` : role;
}

function addObligation(cal: ICalCalendar, o: PendingObligation, lang: Lang, stamp: Date): void {
  const summary = `${o.title[lang]} (${TEXT.clause[lang](o.clause)})`;
  const event = cal.createEvent({
    id: `obligation-${o.obligationId}@jmeg`,
    allDay: true,
    start: wallClock(o.dueDate),
    end: wallClock(addDays(o.dueDate, 1)),
    stamp,
    summary,
    description: [`${TEXT.party[lang]}: ${partyText(o, lang)}`, `${TEXT.anchor[lang]}: ${o.anchorDate}`, `${TEXT.due[lang]}: ${o.dueDate}`].join('\n'),
  });
  event.createAlarm({ type: ICalAlarmType.display, trigger: ALARM_BEFORE_SECONDS, description: `${TEXT.reminder[lang]}: ${summary}` });
}

function addMeeting(cal: ICalCalendar, m: ScheduledMeeting, lang: Lang, stamp: Date): void {
  const title: Localized = TEXT.meeting[m.kind];
  cal.createEvent({
    id: `meeting-${m.id}@jmeg`,
    stamp,
    summary: title[lang],
    location: m.place,
    ...(m.time !== null
      ? { start: wallClock(m.date, m.time), timezone: BISHKEK }
      : { allDay: true, start: wallClock(m.date), end: wallClock(addDays(m.date, 1)) }),
  });
}

export function groupIcsRoute(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;
  app.get('/api/groups/:groupId/calendar.ics', { schema: groupIcsSchema }, async (request, reply) => {
    const { groupId } = request.params;
    const lang: Lang = request.query.lang ?? 'ky';
    const group = await findGroupById(deps.db, groupId);
    if (!group) throw new AppError('group-not-found', `group ${groupId} does not exist`);
    const now = clock();
    const calendar = await calendarForCouncil(deps.db, group.council_id);
    const obligations = (await pendingObligations(deps.db, { groupId, today: bishkekDateOf(now), calendar })).filter((o) => o.open);
    const meetings = await scheduledMeetings(deps.db, groupId);

    const cal = ical({
      name: TEXT.calendarName[lang],
      prodId: { company: 'jmeg', product: 'group-calendar', language: lang.toUpperCase() },
      method: ICalCalendarMethod.PUBLISH,
      timezone: { name: BISHKEK, generator: (tz) => (tz === BISHKEK ? BISHKEK_VTIMEZONE : null) },
      ttl: 3600,
    });
    const stamp = new Date(now);
    for (const o of obligations) addObligation(cal, o, lang, stamp);
    for (const m of meetings) addMeeting(cal, m, lang, stamp);
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="calendar.ics"').send(cal.toString());
  });
}
