// Shared pieces of user-facing texts: counted nouns with their plural forms, numbers and dates
// written the way each language writes them.
import type { IsoDate } from './dates';
import { formatMessage } from './format-message';
import { LANGS } from './i18n';
import type { Lang, Localized } from './i18n';

/** Nouns that follow a number, as ICU plural texts. Kyrgyz nouns keep the singular after a numeral. */
export const NOUNS = {
  member: {
    ky: '{n} мүчө',
    ru: '{n, plural, one {# член} few {# члена} many {# членов} other {# члена}}',
    en: '{n, plural, one {# member} other {# members}}',
  },
  municipal_employee: {
    ky: '{n} муниципалдык кызматчы',
    ru: '{n, plural, one {# муниципальный служащий} few {# муниципальных служащих} many {# муниципальных служащих} other {# муниципального служащего}}',
    en: '{n, plural, one {# municipal employee} other {# municipal employees}}',
  },
  deputy: {
    ky: '{n} депутат',
    ru: '{n, plural, one {# депутат} few {# депутата} many {# депутатов} other {# депутата}}',
    en: '{n, plural, one {# council deputy} other {# council deputies}}',
  },
  citizen: {
    ky: '{n} жарандардын өкүлү',
    ru: '{n, plural, one {# представитель граждан} few {# представителя граждан} many {# представителей граждан} other {# представителя граждан}}',
    en: '{n, plural, one {# representative of citizens} other {# representatives of citizens}}',
  },
  F: {
    ky: '{n} аял',
    ru: '{n, plural, one {# женщина} few {# женщины} many {# женщин} other {# женщины}}',
    en: '{n, plural, one {# woman} other {# women}}',
  },
  M: {
    ky: '{n} эркек',
    ru: '{n, plural, one {# мужчина} few {# мужчины} many {# мужчин} other {# мужчины}}',
    en: '{n, plural, one {# man} other {# men}}',
  },
  meeting: {
    ky: '{n} жыйналыш',
    ru: '{n, plural, one {# заседание} few {# заседания} many {# заседаний} other {# заседания}}',
    en: '{n, plural, one {# meeting} other {# meetings}}',
  },
} satisfies Record<string, Localized>;

export type Noun = keyof typeof NOUNS;

/** "3 депутата", "1 member": the number with its noun in the right plural form. */
export function count(lang: Lang, noun: Noun, n: number): string {
  return formatMessage(lang, NOUNS[noun][lang], { n });
}

/** A number as the language writes it, at most two decimals (3,25 in ky/ru; 3.25 in en). */
export function num(lang: Lang, x: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false }).format(x);
}

/** A share as a percentage with one decimal. */
export function percent(lang: Lang, ratio: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/**
 * 'YYYY-MM-DD' as 'DD.MM.YYYY': the one form of a date shown to people, in every language, page, mail and notice
 * (GLOSSARY.md, conventions: dates). ISO stays in inputs, URLs and JSON.
 */
export function dmy(date: IsoDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** Builds a Localized text by calling the template once per language. */
export function localize(template: (lang: Lang) => string): Localized {
  return Object.fromEntries(LANGS.map((lang) => [lang, template(lang)])) as Localized;
}
