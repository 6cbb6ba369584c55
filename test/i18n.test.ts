// The page labels exist in every language and are ICU MessageFormat: a key missing or empty in ky, ru or en, a text
// that does not parse, or a translation with other placeholders than the Kyrgyz text fails here. Plurals follow
// each language's grammar: Russian agrees with the number, Kyrgyz keeps the singular, English has one and other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGES, msg } from '../api/ui/messages';
import { formatMessage, messageArguments } from '../domain/format-message';
import { LANGS, loc } from '../domain/i18n';
import { count, NOUNS } from '../domain/messages';
import { clauseText, daysLeftText, LAW_217, obligationMessages } from '../domain/obligation-messages';

const keys = [...new Set(LANGS.flatMap((lang) => Object.keys(MESSAGES[lang])))].sort();
const text = (lang: (typeof LANGS)[number], key: string) => (MESSAGES[lang] as Record<string, string | undefined>)[key];

describe('the page label catalogue', () => {
  it.each(LANGS)('%s has every key of every other language', (lang) => {
    expect(Object.keys(MESSAGES[lang]).sort()).toEqual(keys);
  });

  it.each(LANGS)('%s has no empty label', (lang) => {
    const empty = keys.filter((k) => text(lang, k) === undefined || text(lang, k)!.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(LANGS)('%s: every text parses as ICU MessageFormat', (lang) => {
    const broken = keys.filter((k) => {
      try {
        messageArguments(lang, text(lang, k)!);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it.each(LANGS)('%s keeps the arguments of the Kyrgyz text', (lang) => {
    for (const key of keys)
      expect(messageArguments(lang, text(lang, key)!), key).toEqual(messageArguments('ky', text('ky', key)!));
  });

  it.each(LANGS)('%s: a text without plural or select reads as written, its {name} placeholders filled', (lang) => {
    for (const key of keys) {
      const t = text(lang, key)!;
      if (/\{\s*\w+\s*,/.test(t)) continue;
      const params = Object.fromEntries([...t.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, `<${m[1]!}>`]));
      expect(formatMessage(lang, t, params), key).toBe(t.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!));
    }
  });

  it('fills placeholders by name and keeps a placeholder without a value as written', () => {
    expect(msg('en', 'error.required', { field: 'Start date' })).toBe('Field “Start date” is required.');
    expect(msg('en', 'error.required')).toBe('Field “{field}” is required.');
  });

  it('holds the obligation texts that the mails and the CLI use', () => {
    for (const lang of LANGS)
      for (const [key, value] of Object.entries(obligationMessages[lang])) expect(text(lang, key), key).toBe(value);
  });
});

describe('plurals follow the language', () => {
  it.each([
    [1, 'Остался 1 рабочий день'],
    [2, 'Осталось 2 рабочих дня'],
    [5, 'Осталось 5 рабочих дней'],
    [11, 'Осталось 11 рабочих дней'],
    [21, 'Остался 21 рабочий день'],
    [22, 'Осталось 22 рабочих дня'],
  ])('Russian: %i working days left reads "%s"', (n, expected) => {
    expect(daysLeftText('ru', { unit: 'working', left: n })).toBe(expected);
  });

  it('Kyrgyz keeps the singular after a numeral', () => {
    expect(daysLeftText('ky', { unit: 'working', left: 1 })).toBe('Мөөнөтүнө 1 жумуш күнү калды');
    expect(daysLeftText('ky', { unit: 'working', left: 5 })).toBe('Мөөнөтүнө 5 жумуш күнү калды');
    expect(count('ky', 'member', 7)).toBe('7 мүчө');
  });

  it('English has one and other', () => {
    expect(daysLeftText('en', { unit: 'calendar', left: 1 })).toBe('1 calendar day left');
    expect(daysLeftText('en', { unit: 'calendar', left: 2 })).toBe('2 calendar days left');
    expect(daysLeftText('en', { unit: 'working', left: -1 })).toBe('Overdue by 1 working day');
    expect(daysLeftText('en', { unit: 'working', left: 0 })).toBe('Due today');
  });

  it('counted nouns: "3 депутата", "5 членов", "1 woman"', () => {
    expect(count('ru', 'deputy', 3)).toBe('3 депутата');
    expect(count('ru', 'member', 5)).toBe('5 членов');
    expect(count('ru', 'F', 1)).toBe('1 женщина');
    expect(count('en', 'F', 1)).toBe('1 woman');
    expect(count('en', 'meeting', 4)).toBe('4 meetings');
    for (const noun of Object.values(NOUNS))
      for (const lang of LANGS) expect(messageArguments(lang, noun[lang])).toEqual(['n']);
  });
});

describe('clauses and the law', () => {
  it('a clause of the regulation as each language writes it', () => {
    expect(clauseText('ky', '5.4.1')).toBe('5.4.1-пункт');
    expect(clauseText('ru', '5.4.1')).toBe('пункт 5.4.1');
    expect(clauseText('ky', '4.3', 'ofRegulation')).toBe('Жобонун 4.3-пункту');
  });

  it("the law on citizens' requests is named in the reader's language, with no clause word", () => {
    expect(clauseText('ky', LAW_217)).toBe('2023-жылдын 29-декабрындагы № 217 Мыйзам');
    expect(clauseText('ru', LAW_217, 'short')).toBe('Закон КР от 29.12.2023 № 217');
    expect(clauseText('en', LAW_217)).toBe('Law No. 217 of 29.12.2023');
  });
});

describe('one loc()', () => {
  it('takes its languages in the product order: Kyrgyz, Russian, English', () => {
    expect(loc('кыргызча', 'по-русски', 'in English')).toEqual({ ky: 'кыргызча', ru: 'по-русски', en: 'in English' });
  });

  it('is the only one: no module keeps its own helper (they took their languages in two orders)', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const own: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(path.join(root, dir))) {
        const rel = path.join(dir, name);
        if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
        else if (rel.endsWith('.ts') && rel !== path.join('domain', 'i18n.ts')) {
          if (/^\s*(export )?(const|function) loc\b/mu.test(readFileSync(path.join(root, rel), 'utf8'))) own.push(rel);
        }
      }
    };
    for (const dir of ['domain', 'api', 'activities', 'workflows', 'cli', 'procedures', 'db']) walk(dir);
    expect(own).toEqual([]);
  });
});
