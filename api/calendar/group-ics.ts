// GET /api/groups/:groupId/calendar.ics: the group's open deadlines and scheduled meetings as an iCalendar feed,
// so a chair can follow them on a phone (issue 6). A calendar app cannot log in, so the URL carries the group's feed
// token (?token=, made and regenerated on the dashboard by the chair or staff; db/feed-tokens.ts keeps only its
// sha256). Without a valid token for this group, a signed-in chair or member of the group, or staff or deputy of its
// council, may fetch it too; anyone else gets the same 404 whether the group exists or not.
import { dmy } from '../../domain/messages';
import { clauseText } from '../../domain/obligation-messages';
import ical, { ICalAlarmType, ICalCalendarMethod, type ICalCalendar } from 'ical-generator';
import type { SessionAccount } from '../../db/accounts';
import { scheduledMeetings, type ScheduledMeeting } from '../../db/group-calendar';
import { groupOfFeedToken } from '../../db/feed-tokens';
import { findGroupById, type Group } from '../../db/groups';
import { calendarForCouncil, pendingObligations, type PendingObligation } from '../../db/pending';
import { addDays, bishkekDateOf, type IsoDate } from '../../domain/dates';
import type { Lang, Localized } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { mayAccessGroup } from '../auth/require-role';
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
  calendarName: {
    ky: 'БМжБ тобу: мөөнөттөр жана жыйналыштар',
    ru: 'Группа СМиО: сроки и заседания',
    en: 'JMEG: deadlines and meetings',
  },
  party: { ky: 'Ким аткарат', ru: 'Кто исполняет', en: 'Who owes it' },
  anchor: { ky: 'Мөөнөт эсептелген күн', ru: 'Срок исчисляется от', en: 'Counted from' },
  due: { ky: 'Акыркы күн', ru: 'Последний день', en: 'Last day' },
  reminder: { ky: 'Эртең акыркы күн', ru: 'Завтра последний день', en: 'Due tomorrow' },
  meeting: {
    first: { ky: 'Топтун биринчи жыйналышы', ru: 'Первое заседание группы', en: 'First meeting of the group' },
    regular: { ky: 'Топтун кезектеги жыйналышы', ru: 'Очередное заседание группы', en: 'Regular meeting of the group' },
    extraordinary: {
      ky: 'Топтун кезексиз жыйналышы',
      ru: 'Внеочередное заседание группы',
      en: 'Extraordinary meeting of the group',
    },
    'annual-gathering': {
      ky: 'Жыл сайынкы коомдоштуктун жыйыны (7.2.4)',
      ru: 'Ежегодное собрание местного сообщества (7.2.4)',
      en: 'Annual community gathering (7.2.4)',
    },
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
  const summary = `${o.title[lang]} (${clauseText(lang, o.clause, 'short')})`;
  const event = cal.createEvent({
    id: `obligation-${o.obligationId}@jmeg`,
    allDay: true,
    start: wallClock(o.dueDate),
    end: wallClock(addDays(o.dueDate, 1)),
    stamp,
    summary,
    description: [
      `${TEXT.party[lang]}: ${partyText(o, lang)}`,
      `${TEXT.anchor[lang]}: ${dmy(o.anchorDate)}`,
      `${TEXT.due[lang]}: ${dmy(o.dueDate)}`,
    ].join('\n'),
  });
  event.createAlarm({
    type: ICalAlarmType.display,
    trigger: ALARM_BEFORE_SECONDS,
    description: `${TEXT.reminder[lang]}: ${summary}`,
  });
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

/** Signed-in accounts that may read the feed without its token (the dashboard's readers). */
const FEED_READERS = ['chair', 'member', 'staff', 'deputy'] as const;

async function mayReadFeed(
  deps: AppDeps,
  account: SessionAccount | null,
  group: Group,
  token: string | undefined,
): Promise<boolean> {
  if (token !== undefined && (await groupOfFeedToken(deps.db, token)) === group.id) return true;
  return account !== null && mayAccessGroup(account, FEED_READERS, group);
}

export function groupIcsRoute(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;
  app.get(
    '/api/groups/:groupId/calendar.ics',
    { schema: groupIcsSchema, config: { access: [...FEED_READERS, 'feed-token'] } },
    async (request, reply) => {
      const { groupId } = request.params;
      const lang: Lang = request.query.lang ?? 'ky';
      const group = await findGroupById(deps.db, groupId);
      if (!group || !(await mayReadFeed(deps, request.auth?.account ?? null, group, request.query.token))) {
        // The same answer for an unknown group, a wrong or replaced token and a foreign account: nothing to probe.
        throw new AppError('not-found', `no feed for group ${groupId} with these credentials`);
      }
      void reply.header('cache-control', 'private, max-age=300').header('referrer-policy', 'no-referrer');
      const now = clock();
      const calendar = await calendarForCouncil(deps.db, group.council_id);
      const obligations = (await pendingObligations(deps.db, { groupId, today: bishkekDateOf(now), calendar })).filter(
        (o) => o.open,
      );
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
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .send(cal.toString());
    },
  );
}
