// The dashboard's words: an obligation's title, a timeline entry as one sentence, in ky, ru or en. Days left and
// reminder rungs are the words the mails and the CLI use too (domain/obligation-messages.ts).
import type { TimelineEntry } from '../../db/timeline';
import { formatDay } from '../../domain/calendar-format';
import type { CalendarName } from '../../domain/calendar';
import { isObligationKey, OBLIGATIONS } from '../../domain/deadlines';
import type { Lang } from '../../domain/i18n';
import { rungText } from '../../domain/obligation-messages';
import { msg, type MessageKey } from '../ui/messages';

export { daysLeftText, rungText } from '../../domain/obligation-messages';

/** A name kept in ky and ru: Kyrgyz for ky, Russian for ru and en. */
export const nameIn = (lang: Lang, name: CalendarName): string => (lang === 'ky' ? name.ky : name.ru);

export function obligationTitle(lang: Lang, key: string): string {
  return isObligationKey(key) ? OBLIGATIONS[key].title[lang] : key;
}

function known<K extends string>(prefix: string, value: string, keys: readonly K[]): MessageKey | null {
  return (keys as readonly string[]).includes(value) ? (`${prefix}${value}` as MessageKey) : null;
}

const STATUSES = ['forming', 'created', 'active', 'term-ended', 'dissolved'] as const;
const MEETING_KINDS = ['first', 'regular', 'extraordinary', 'annual-gathering'] as const;

export function groupStatusText(lang: Lang, status: string): string {
  const key = known('dashboard.status.', status, STATUSES);
  return key ? msg(lang, key) : status;
}

export function meetingKindText(lang: Lang, kind: string): string {
  const key = known('dashboard.meeting.', kind, MEETING_KINDS);
  return key ? msg(lang, key) : kind;
}

/** The sentence of a timeline entry (no personal data: the entry carries none). */
export function timelineText(lang: Lang, e: TimelineEntry): string {
  const obligation = e.obligation ? obligationTitle(lang, e.obligation.key) : '';
  const params: Record<string, string> = {
    count: String(e.count),
    obligation,
    clause: e.obligation?.clause ?? '',
    due: e.dueDate ? formatDay(lang, e.dueDate) : '',
    rung: e.rung ? rungText(lang, e.rung) : '',
    number: e.actNumber ?? '',
    reason: e.reason ?? '—',
    late: e.late ? msg(lang, 'dashboard.late') : '',
    detail: e.detail ?? '',
  };
  switch (e.kind) {
    case 'group.status-changed':
      params.detail = groupStatusText(lang, e.detail ?? '');
      break;
    case 'notice.published':
      // A notice's kind: an obligation's key (formation-notice, creation-notice) or 'escalation' (obligation-mail-activities.ts).
      params.detail =
        e.detail === 'escalation'
          ? msg(lang, 'dashboard.noticeKind.escalation')
          : e.detail
            ? obligationTitle(lang, e.detail)
            : '';
      break;
    case 'member.role-changed':
      params.detail = e.detail === 'chair' || e.detail === 'member' ? msg(lang, `role.${e.detail}`) : (e.detail ?? '');
      break;
    case 'meeting.scheduled':
      params.detail = meetingKindText(lang, e.detail ?? '');
      params.meeting = e.meetingDate
        ? `${formatDay(lang, e.meetingDate)}${e.meetingTime ? ` ${e.meetingTime}` : ''}`
        : '';
      break;
    case 'act.received':
      params.detail = msg(lang, e.receivedVia === 'link' ? 'dashboard.via.link' : 'dashboard.via.staff');
      break;
    default:
      break;
  }
  return msg(lang, `dashboard.event.${e.kind}`, params);
}
