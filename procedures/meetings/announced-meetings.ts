// 7.2.4: the chair organises the community's annual gathering. Scheduling a meeting of kind 'annual-gathering' on the
// group's term procedure also publishes a public notice (Kyrgyz and Russian) with its date, time and place on the
// notice board, the website feed (Atom) and the print page; moving or cancelling it publishes a notice again. The
// other meetings go to the term procedure as they are. Notices are published once per business key
// (annual-gathering:<meetingId>:<what>), so a retry publishes nothing twice.
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { NOTICE_CHANNELS, publishNotice } from '../../db/notices';
import { groupGatherings, listGroupReports, type GroupGathering } from '../../db/summary-reports';
import { dmy } from '../../domain/messages';
import { periodName, presentationGathering } from '../../domain/summary-report';
import type { TermMeeting } from '../../workflows/term/contract';
import { todayIn, type ProcedureDeps } from '../deps';
import { cancelMeeting, moveMeeting, scheduleMeeting } from '../term/meetings';

export const ANNUAL_GATHERING_NOTICE_KIND = 'annual-gathering-notice';

export interface AnnouncedMeeting {
  meeting: TermMeeting;
  /** The public notice of an annual gathering (7.2.4); null for the group's own meetings. */
  notice: { noticeId: string; created: boolean } | null;
}

type Deps = Pick<ProcedureDeps, 'db' | 'engine' | 'now'>;

/** The notice's words: ky and ru, the glossary's "community gathering" (5.4.4, 7.2.4), the date as dd.mm.yyyy. */
export function annualGatheringText(
  council: { name_ky: string; name_ru: string },
  meeting: Pick<TermMeeting, 'date' | 'time' | 'place' | 'agenda' | 'status' | 'cancelReason'>,
  what: 'scheduled' | 'moved' | 'cancelled',
  /** The yearly reports presented at this gathering (7.2.4), by their periods' names. */
  reports: readonly { ky: string; ru: string }[] = [],
): { ky: string; ru: string } {
  const when = `${dmy(meeting.date)}, ${meeting.time}`;
  if (what === 'cancelled')
    return {
      ky: `${council.name_ky}: биргелешкен мониторинг жана баалоо тобунун ${dmy(meeting.date)} күнкү жыл сайынкы коомдоштуктун жыйыны (7.2.4) болбойт.${meeting.cancelReason ? `\n\nСебеби: ${meeting.cancelReason}` : ''}`,
      ru: `${council.name_ru}: ежегодное собрание местного сообщества (п. 7.2.4) группы совместного мониторинга и оценки, назначенное на ${dmy(meeting.date)}, отменено.${meeting.cancelReason ? `\n\nПричина: ${meeting.cancelReason}` : ''}`,
    };
  const moved = what === 'moved';
  const presented = (lang: 'ky' | 'ru') =>
    reports.length === 0
      ? ''
      : lang === 'ky'
        ? `\nКоомдоштуктун жыйынында топтун жылдык отчету көрсөтүлөт (7.2.4): ${reports.map((r) => r.ky).join(', ')}; отчет топтун барагында жарыяланган.`
        : `\nНа собрании представляется годовой отчёт группы (п. 7.2.4): ${reports.map((r) => r.ru).join(', ')}; отчёт опубликован на странице группы.`;
  return {
    ky: `${council.name_ky}: биргелешкен мониторинг жана баалоо тобу жыл сайынкы коомдоштуктун жыйынына (7.2.4) чакырат${moved ? ' (күнү же орду өзгөрдү)' : ''}.\n\nКүнү жана убактысы: ${when}\nОрду: ${meeting.place}\nКүн тартиби: ${meeting.agenda}${presented('ky')}`,
    ru: `${council.name_ru}: группа совместного мониторинга и оценки приглашает на ежегодное собрание местного сообщества (п. 7.2.4)${moved ? ' (дата или место изменены)' : ''}.\n\nДата и время: ${when}\nМесто: ${meeting.place}\nПовестка: ${meeting.agenda}${presented('ru')}`,
  };
}

/**
 * 7.2.4: the group's submitted yearly reports to be presented at this gathering (the one chosen for them, else the first
 * gathering on or after their submission), counted with the meeting as it now stands.
 */
async function presentedReports(
  deps: Deps,
  groupId: string,
  meeting: TermMeeting,
): Promise<{ ky: string; ru: string }[]> {
  const current: GroupGathering = {
    id: meeting.meetingId,
    groupId,
    kind: meeting.kind,
    status: meeting.status,
    scheduledOn: meeting.date,
    startsAt: meeting.time,
    place: meeting.place,
  };
  const gatherings = [...(await groupGatherings(deps.db, groupId)).filter((g) => g.id !== meeting.meetingId), current];
  const reports = await listGroupReports(deps.db, groupId, { submittedOnly: true });
  return reports
    .filter((r) => presentationGathering(r, gatherings, todayIn(deps))?.id === meeting.meetingId)
    .map((r) => ({ ky: periodName(r.period, 'ky'), ru: periodName(r.period, 'ru') }));
}

async function announce(
  deps: Deps,
  groupId: string,
  meeting: TermMeeting,
  what: 'scheduled' | 'moved' | 'cancelled',
  actor: string,
): Promise<AnnouncedMeeting> {
  if (meeting.kind !== 'annual-gathering') return { meeting, notice: null };
  const group = await findGroupById(deps.db, groupId);
  const council = group ? await findCouncilById(deps.db, group.council_id) : undefined;
  if (!group || !council) return { meeting, notice: null };
  const noticeId = `annual-gathering:${meeting.meetingId}:${what === 'moved' ? `moved-${meeting.moves}` : what}`;
  const { created } = await publishNotice(
    deps.db,
    {
      noticeId,
      councilId: council.id,
      groupId,
      kind: ANNUAL_GATHERING_NOTICE_KIND,
      text: annualGatheringText(
        council,
        meeting,
        what,
        what === 'cancelled' ? [] : await presentedReports(deps, groupId, meeting),
      ),
      channels: NOTICE_CHANNELS,
      publishedAt: new Date(deps.now()),
    },
    actor,
  );
  return { meeting, notice: { noticeId, created } };
}

/** 7.2.1 (and 7.2.4 for an annual gathering): schedules the meeting; an annual gathering is announced publicly. */
export async function scheduleAnnouncedMeeting(
  deps: Deps,
  input: Parameters<typeof scheduleMeeting>[1],
): Promise<AnnouncedMeeting> {
  const meeting = await scheduleMeeting(deps, input);
  return announce(deps, input.groupId, meeting, 'scheduled', input.actor);
}

/** Moves the meeting; an annual gathering's new date or place is announced again. */
export async function moveAnnouncedMeeting(
  deps: Deps,
  input: Parameters<typeof moveMeeting>[1],
): Promise<AnnouncedMeeting> {
  const meeting = await moveMeeting(deps, input);
  return announce(deps, input.groupId, meeting, 'moved', input.actor);
}

/** Cancels the meeting; an annual gathering's cancellation is announced. */
export async function cancelAnnouncedMeeting(
  deps: Deps,
  input: Parameters<typeof cancelMeeting>[1],
): Promise<AnnouncedMeeting> {
  const meeting = await cancelMeeting(deps, input);
  return announce(deps, input.groupId, meeting, 'cancelled', input.actor);
}
