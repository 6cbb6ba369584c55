// How guessable a chosen password is, estimated by zxcvbn-ts (dictionaries of common passwords, English words and
// names; keyboard patterns, repeats, sequences, dates, l33t). A password scoring below 3 of 4 ("safely unguessable
// against an offline attack on a slow hash") is refused with the main reason, worded in ky, ru and en.
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import type { Localized } from '../domain/i18n';

/** The lowest zxcvbn score (0-4) accepted. */
export const MIN_SCORE = 3;

type WarningKey = keyof typeof en.translations.warnings;

// Each warning's text is its own key, so the result names the reason without depending on one language's wording.
const keysAsTexts = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.keys(o).map((k) => [k, k])) as { [K in keyof T]: string };

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: {
      ...en.translations,
      warnings: keysAsTexts(en.translations.warnings),
      suggestions: keysAsTexts(en.translations.suggestions),
    },
  });
  return factory;
}

export type WeakReason = 'repeat' | 'sequence' | 'keyboard' | 'common' | 'dates' | 'words' | 'personal' | 'guessable';

const REASON_OF: Readonly<Partial<Record<WarningKey, WeakReason>>> = {
  simpleRepeat: 'repeat',
  extendedRepeat: 'repeat',
  sequences: 'sequence',
  straightRow: 'keyboard',
  keyPattern: 'keyboard',
  topTen: 'common',
  topHundred: 'common',
  common: 'common',
  similarToCommon: 'common',
  pwned: 'common',
  recentYears: 'dates',
  dates: 'dates',
  wordByItself: 'words',
  namesByThemselves: 'words',
  commonNames: 'words',
  userInputs: 'personal',
};

export const WEAK_REASON_TEXT: Readonly<Record<WeakReason, Localized>> = {
  repeat: {
    ky: 'кайталанган белгилерди ("aaa", бош орундар) табуу оңой',
    ru: 'повторяющиеся символы ("aaa", пробелы) легко угадать',
    en: 'repeated characters ("aaa", spaces) are easy to guess',
  },
  sequence: {
    ky: '"abc", "1234" сыяктуу катарларды табуу оңой',
    ru: 'последовательности вроде "abc" или "1234" легко угадать',
    en: 'sequences like "abc" or "1234" are easy to guess',
  },
  keyboard: {
    ky: 'клавиатурадагы катар ("qwerty") табуу оңой',
    ru: 'ряды клавиатуры ("qwerty") легко угадать',
    en: 'rows of keys ("qwerty") are easy to guess',
  },
  common: {
    ky: 'бул көп колдонулган сырсөзгө окшош',
    ru: 'это похоже на часто используемый пароль',
    en: 'this is like a commonly used password',
  },
  dates: {
    ky: 'даталарды жана жылдарды табуу оңой',
    ru: 'даты и годы легко угадать',
    en: 'dates and years are easy to guess',
  },
  words: {
    ky: 'бир сөздү же ысымды табуу оңой',
    ru: 'одно слово или имя легко угадать',
    en: 'a single word or name is easy to guess',
  },
  personal: {
    ky: 'сырсөздө электрондук почтаңыздын бөлүгү бар',
    ru: 'пароль содержит часть вашего адреса электронной почты',
    en: 'the password holds part of your e-mail address',
  },
  guessable: {
    ky: 'бул сырсөздү табуу оңой',
    ru: 'этот пароль легко угадать',
    en: 'this password is easy to guess',
  },
};

/** Null when `password` is hard enough to guess (score ≥ 3); else the main reason it is not. `userInputs`: the e-mail and other words the password must not be built on. */
export function passwordWeakness(password: string, userInputs: readonly string[] = []): WeakReason | null {
  const result: ZxcvbnResult = zxcvbn().check(password, [...userInputs]);
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning as WarningKey | null;
  return (warning !== null ? REASON_OF[warning] : undefined) ?? 'guessable';
}
