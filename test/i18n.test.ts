// The page labels exist in every language: a key missing or empty in ky, ru or en fails here.
import { describe, expect, it } from 'vitest';
import { MESSAGES, msg } from '../api/ui/messages';
import { LANGS } from '../domain/i18n';

const keys = [...new Set(LANGS.flatMap((lang) => Object.keys(MESSAGES[lang])))].sort();

describe('the page label catalogue', () => {
  it.each(LANGS)('%s has every key of every other language', (lang) => {
    expect(Object.keys(MESSAGES[lang]).sort()).toEqual(keys);
  });

  it.each(LANGS)('%s has no empty label', (lang) => {
    const empty = keys.filter(
      (k) =>
        (MESSAGES[lang] as Record<string, string | undefined>)[k]?.trim() === '' ||
        (MESSAGES[lang] as Record<string, string | undefined>)[k] === undefined,
    );
    expect(empty).toEqual([]);
  });

  it.each(LANGS)('%s keeps the placeholders of the Kyrgyz text', (lang) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.ky) as (keyof typeof MESSAGES.ky)[]) {
      expect(placeholders(MESSAGES[lang][key]), key).toEqual(placeholders(MESSAGES.ky[key]));
    }
  });

  it('fills placeholders by name', () => {
    expect(msg('en', 'error.required', { field: 'Start date' })).toBe('Field “Start date” is required.');
  });
});
