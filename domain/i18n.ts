// The three languages of the product. Kyrgyz is the state language and the default.

export type Lang = 'ky' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['ky', 'ru', 'en'];

/** A text in every language of the product. */
export type Localized = Record<Lang, string>;

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** A text in the three languages, in the product's order: Kyrgyz, Russian, English. */
export function loc(ky: string, ru: string, en: string): Localized {
  return { ky, ru, en };
}
