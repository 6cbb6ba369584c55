// The words about an obligation that the pages, the mails and the CLI share (days left, state, reminder rungs,
// escalation), in one catalogue: msg() on the pages reads it too (api/ui/catalogues.ts).
// Russian agrees with the number (1 рабочий день, 3 рабочих дня, 10 рабочих дней); Kyrgyz keeps the singular
// after a numeral (GLOSSARY.md, conventions: days).
import { defineMessages } from './define-messages';
import { formatMessage, type MessageParams } from './format-message';
import type { Lang } from './i18n';

export const obligationMessages = defineMessages({
  ky: {
    'obligation.left.working': 'Мөөнөтүнө {n} жумуш күнү калды',
    'obligation.left.calendar': 'Мөөнөтүнө {n} календардык күн калды',
    'obligation.overdue.working': 'Мөөнөт {n} жумуш күнү мурун өтүп кеткен',
    'obligation.overdue.calendar': 'Мөөнөт {n} календардык күн мурун өтүп кеткен',
    'obligation.dueToday': 'Мөөнөт бүгүн аяктайт',
    'obligation.state.overdue': 'Мөөнөтү өттү',
    'obligation.state.open': 'Ачык',
    'obligation.state.met': 'Аткарылды',
    'obligation.state.closed': 'Жабылды',
    'obligation.state.cancelled': 'Жокко чыгарылды',
    'obligation.rung.due-3': 'акыркы күнгө 3 жумуш күнү калганда',
    'obligation.rung.due-1': 'акыркы күнгө 1 жумуш күнү калганда',
    'obligation.rung.due-0': 'акыркы күнү',
    'obligation.reminders': 'Эскертүүлөр',
    'obligation.escalated': 'Кеңешке билдирилди: {date}',
    'obligation.nonWorkingDue': 'Акыркы күн иш эмес күнгө туура келет: мөөнөт жылышы мүмкүн',
    'clause.regulation': '{clause}-пункт',
    'clause.short': '{clause}-п.',
    'clause.ofRegulation': 'Жобонун {clause}-пункту',
    'clause.law217': '2023-жылдын 29-декабрындагы № 217 Мыйзам',
  },
  ru: {
    'obligation.left.working':
      '{n, plural, one {Остался # рабочий день} few {Осталось # рабочих дня} many {Осталось # рабочих дней} other {Осталось # рабочего дня}}',
    'obligation.left.calendar':
      '{n, plural, one {Остался # календарный день} few {Осталось # календарных дня} many {Осталось # календарных дней} other {Осталось # календарного дня}}',
    'obligation.overdue.working':
      '{n, plural, one {Срок истёк # рабочий день назад} few {Срок истёк # рабочих дня назад} many {Срок истёк # рабочих дней назад} other {Срок истёк # рабочего дня назад}}',
    'obligation.overdue.calendar':
      '{n, plural, one {Срок истёк # календарный день назад} few {Срок истёк # календарных дня назад} many {Срок истёк # календарных дней назад} other {Срок истёк # календарного дня назад}}',
    'obligation.dueToday': 'Срок истекает сегодня',
    'obligation.state.overdue': 'Просрочено',
    'obligation.state.open': 'Открыто',
    'obligation.state.met': 'Исполнено',
    'obligation.state.closed': 'Закрыто',
    'obligation.state.cancelled': 'Отменено',
    'obligation.rung.due-3': 'за 3 рабочих дня до срока',
    'obligation.rung.due-1': 'за 1 рабочий день до срока',
    'obligation.rung.due-0': 'в последний день',
    'obligation.reminders': 'Напоминания',
    'obligation.escalated': 'Сообщено кенешу: {date}',
    'obligation.nonWorkingDue': 'Последний день — нерабочий: срок может перенестись',
    'clause.regulation': 'пункт {clause}',
    'clause.short': 'п. {clause}',
    'clause.ofRegulation': 'пункт {clause} Положения',
    'clause.law217': 'Закон КР от 29.12.2023 № 217',
  },
  en: {
    'obligation.left.working': '{n, plural, one {# working day left} other {# working days left}}',
    'obligation.left.calendar': '{n, plural, one {# calendar day left} other {# calendar days left}}',
    'obligation.overdue.working': '{n, plural, one {Overdue by # working day} other {Overdue by # working days}}',
    'obligation.overdue.calendar': '{n, plural, one {Overdue by # calendar day} other {Overdue by # calendar days}}',
    'obligation.dueToday': 'Due today',
    'obligation.state.overdue': 'Overdue',
    'obligation.state.open': 'Open',
    'obligation.state.met': 'Met',
    'obligation.state.closed': 'Closed',
    'obligation.state.cancelled': 'Cancelled',
    'obligation.rung.due-3': '3 working days before',
    'obligation.rung.due-1': '1 working day before',
    'obligation.rung.due-0': 'on the last day',
    'obligation.reminders': 'Reminders',
    'obligation.escalated': 'Reported to the council: {date}',
    'obligation.nonWorkingDue': 'The last day is not a working day: the deadline may move',
    'clause.regulation': 'clause {clause}',
    'clause.short': 'clause {clause}',
    'clause.ofRegulation': 'clause {clause} of the regulation',
    'clause.law217': 'Law No. 217 of 29.12.2023',
  },
});

export type ObligationMessageKey = keyof typeof obligationMessages.ky;

/** A text of the obligation catalogue in a language. */
export function obligationText(lang: Lang, key: ObligationMessageKey, params: MessageParams = {}): string {
  return formatMessage(lang, obligationMessages[lang][key], params);
}

/** "Остался 1 рабочий день", "Overdue by 2 calendar days", "Due today": days left in the rule's own unit. */
export function daysLeftText(lang: Lang, d: { unit: 'working' | 'calendar'; left: number }): string {
  if (d.left === 0) return obligationText(lang, 'obligation.dueToday');
  const unit = d.unit === 'working' ? 'working' : 'calendar';
  return d.left > 0
    ? obligationText(lang, `obligation.left.${unit}`, { n: d.left })
    : obligationText(lang, `obligation.overdue.${unit}`, { n: -d.left });
}

const STATES = ['overdue', 'open', 'met', 'closed', 'cancelled'] as const;
const RUNGS = ['due-3', 'due-1', 'due-0'] as const;

/** An obligation's state in words (overdue, open, met, closed, cancelled); an unknown state as it is. */
export function obligationStateText(lang: Lang, state: string): string {
  return (STATES as readonly string[]).includes(state)
    ? obligationText(lang, `obligation.state.${state as (typeof STATES)[number]}`)
    : state;
}

/** A reminder rung in words ("3 working days before"); an unknown rung as it is. */
export function rungText(lang: Lang, rung: string): string {
  return (RUNGS as readonly string[]).includes(rung)
    ? obligationText(lang, `obligation.rung.${rung as (typeof RUNGS)[number]}`)
    : rung;
}

/** The law on citizens' requests that sets the information request's deadline (not a clause of the regulation). */
export const LAW_217 = 'Law No. 217 of 29.12.2023';

/**
 * A clause as the language writes it ("5.4.1-пункт", "пункт 5.4.1", "clause 5.4.1"; short "5.4.1-п.", "п. 5.4.1";
 * "Жобонун 5.4.1-пункту", "пункт 5.4.1 Положения"),
 * and the law on citizens' requests by its localised name, never with a clause word (GLOSSARY.md, conventions).
 */
export function clauseText(lang: Lang, clause: string, form: 'full' | 'short' | 'ofRegulation' = 'full'): string {
  if (clause === LAW_217) return obligationText(lang, 'clause.law217');
  if (!/^\d/u.test(clause)) return clause;
  const key = form === 'full' ? 'clause.regulation' : form === 'short' ? 'clause.short' : 'clause.ofRegulation';
  return obligationText(lang, key, { clause });
}
