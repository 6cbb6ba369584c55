// Shared pieces of user-facing texts: counted nouns with their plural forms, numbers and dates
// written the way each language writes them.
import type { IsoDate } from './dates';
import { LANGS, plural } from './i18n';
import type { Lang, Localized } from './i18n';

type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Nouns that follow a number. Kyrgyz nouns keep the singular after a numeral. */
export const NOUNS = {
  member: {
    ky: { other: '{n} мүчө' },
    ru: { one: '{n} член', few: '{n} члена', many: '{n} членов', other: '{n} члена' },
    en: { one: '{n} member', other: '{n} members' },
  },
  municipal_employee: {
    ky: { other: '{n} муниципалдык кызматкер' },
    ru: {
      one: '{n} муниципальный служащий',
      few: '{n} муниципальных служащих',
      many: '{n} муниципальных служащих',
      other: '{n} муниципального служащего',
    },
    en: { one: '{n} municipal employee', other: '{n} municipal employees' },
  },
  deputy: {
    ky: { other: '{n} депутат' },
    ru: { one: '{n} депутат', few: '{n} депутата', many: '{n} депутатов', other: '{n} депутата' },
    en: { one: '{n} council deputy', other: '{n} council deputies' },
  },
  citizen: {
    ky: { other: '{n} жарандардын өкүлү' },
    ru: {
      one: '{n} представитель граждан',
      few: '{n} представителя граждан',
      many: '{n} представителей граждан',
      other: '{n} представителя граждан',
    },
    en: { one: '{n} representative of citizens', other: '{n} representatives of citizens' },
  },
  F: {
    ky: { other: '{n} аял' },
    ru: { one: '{n} женщина', few: '{n} женщины', many: '{n} женщин', other: '{n} женщины' },
    en: { one: '{n} woman', other: '{n} women' },
  },
  M: {
    ky: { other: '{n} эркек' },
    ru: { one: '{n} мужчина', few: '{n} мужчины', many: '{n} мужчин', other: '{n} мужчины' },
    en: { one: '{n} man', other: '{n} men' },
  },
  meeting: {
    ky: { other: '{n} жыйналыш' },
    ru: { one: '{n} заседание', few: '{n} заседания', many: '{n} заседаний', other: '{n} заседания' },
    en: { one: '{n} meeting', other: '{n} meetings' },
  },
} satisfies Record<string, Record<Lang, Forms>>;

export type Noun = keyof typeof NOUNS;

/** "3 депутата", "1 member": the number with its noun in the right plural form. */
export function count(lang: Lang, noun: Noun, n: number): string {
  return plural(lang, n, NOUNS[noun][lang]);
}

/** A number as the language writes it, at most two decimals (3,25 in ky/ru; 3.25 in en). */
export function num(lang: Lang, x: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false }).format(x);
}

/** A share as a percentage with one decimal. */
export function percent(lang: Lang, ratio: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** 'YYYY-MM-DD' as 'DD.MM.YYYY', the form used in Kyrgyz and Russian documents. */
export function dmy(date: IsoDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** Builds a Localized text by calling the template once per language. */
export function localize(template: (lang: Lang) => string): Localized {
  return Object.fromEntries(LANGS.map((lang) => [lang, template(lang)])) as Localized;
}
