// Dates as people read them: DD.MM.YYYY in every language (domain/messages.ts dmy), with the weekday's name.
import { dayOfWeek, type IsoDate } from './dates';
import type { Lang } from './i18n';
import { dmy } from './messages';

const WEEKDAYS: Record<Lang, readonly string[]> = {
  ky: ['жекшемби', 'дүйшөмбү', 'шейшемби', 'шаршемби', 'бейшемби', 'жума', 'ишемби'],
  ru: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The weekday's name in a language (0 = Sunday). */
export function weekdayName(lang: Lang, date: IsoDate): string {
  return WEEKDAYS[lang][dayOfWeek(date)] ?? '';
}

/** A date with its weekday: "01.01.2026 (бейшемби)", "01.01.2026 (Thursday)". */
export function formatDay(lang: Lang, date: IsoDate): string {
  return `${dmy(date)} (${weekdayName(lang, date)})`;
}
