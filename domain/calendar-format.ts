// Dates as people read them in each language: DD.MM.YYYY with the weekday in Kyrgyz and Russian, ISO in English.
import { dayOfWeek, type IsoDate } from './dates';
import type { Lang } from './i18n';

const WEEKDAYS: Record<Lang, readonly string[]> = {
  ky: ['жекшемби', 'дүйшөмбү', 'шейшемби', 'шаршемби', 'бейшемби', 'жума', 'ишемби'],
  ru: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The weekday's name in a language (0 = Sunday). */
export function weekdayName(lang: Lang, date: IsoDate): string {
  return WEEKDAYS[lang][dayOfWeek(date)] ?? '';
}

/** A date with its weekday: "01.01.2026 (бейшемби)" in ky/ru, "2026-01-01 (Thursday)" in en. */
export function formatDay(lang: Lang, date: IsoDate): string {
  const shown = lang === 'en' ? date : `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
  return `${shown} (${weekdayName(lang, date)})`;
}
