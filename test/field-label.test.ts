// A refusal's field in words (api/ui/field-label.ts), in every language of the product: form labels, list rows by
// position and name, e-mail addresses by position in words, objects by name, unknown keys as they are.
import { describe, expect, it } from 'vitest';
import type { Lang } from '../domain/i18n';
import { fieldLabel, type FieldContext } from '../api/ui/field-label';

const objectId = '01c2e375-9a1b-4c2d-8e3f-0a1b2c3d4e5f';
const formation: FieldContext = { area: 'formation' };
const named: FieldContext = { area: 'formation', rows: { candidates: ['Асан Осмонов', 'Айгүл Токтогулова'] } };
const objects: FieldContext = { names: new Map([[objectId, 'Ак-Суу мектеби']]) };

const cases: [string, FieldContext, Record<Lang, string>][] = [
  [
    'candidates[2].email',
    formation,
    { ky: '3-талапкер: эл. почтасы', ru: 'кандидат 3: эл. почта', en: 'candidate 3: e-mail' },
  ],
  [
    'candidates.0.phone',
    formation,
    { ky: '1-талапкер: телефону', ru: 'кандидат 1: телефон', en: 'candidate 1: phone' },
  ],
  [
    'candidates[1].fullName',
    named,
    {
      ky: '2-талапкер (Айгүл Токтогулова): толук аты-жөнү',
      ru: 'кандидат 2 (Айгүл Токтогулова): ФИО полностью',
      en: 'candidate 2 (Айгүл Токтогулова): full name',
    },
  ],
  [
    'emails[0]',
    {},
    { ky: 'биринчи электрондук почта дареги', ru: 'первый адрес электронной почты', en: 'the first e-mail address' },
  ],
  [
    'emails.1',
    {},
    { ky: 'экинчи электрондук почта дареги', ru: 'второй адрес электронной почты', en: 'the second e-mail address' },
  ],
  [
    'emails[21]',
    {},
    { ky: '22-электрондук почта дареги', ru: '22-й адрес электронной почты', en: 'the 22nd e-mail address' },
  ],
  ['purpose', {}, { ky: 'Максаты', ru: 'Цель', en: 'Purpose' }],
  ['periodStart', {}, { ky: 'Мезгилдин башталышы', ru: 'Начало периода', en: 'Start of the period' }],
  ['object.kind', {}, { ky: 'Объекттин түрү', ru: 'Вид объекта', en: 'Kind of object' }],
  ['findings[1].text', {}, { ky: '2-натыйжа: тексти', ru: 'Результат 2: текст', en: 'Result 2: text' }],
  ['file: row 3, phone', formation, { ky: 'CSV файл', ru: 'Файл CSV', en: 'CSV file' }],
  [
    'file: header',
    formation,
    { ky: 'CSV файл: баш сап', ru: 'Файл CSV: строка заголовков', en: 'CSV file: header row' },
  ],
  [
    'email',
    { area: 'councils' },
    { ky: 'Кеңештин электрондук почтасы', ru: 'Электронная почта кенеша', en: 'The council’s e-mail' },
  ],
  ['email', {}, { ky: 'Электрондук почта', ru: 'Электронная почта', en: 'E-mail' }],
  [objectId, objects, { ky: 'Ак-Суу мектеби', ru: 'Ак-Суу мектеби', en: 'Ак-Суу мектеби' }],
  [
    `objects.${objectId}`,
    objects,
    { ky: 'objects: Ак-Суу мектеби', ru: 'objects: Ак-Суу мектеби', en: 'objects: Ак-Суу мектеби' },
  ],
  ['nosuch.thing', {}, { ky: 'nosuch: thing', ru: 'nosuch: thing', en: 'nosuch: thing' }],
  ['(form)', {}, { ky: '(form)', ru: '(form)', en: '(form)' }],
];

describe('fieldLabel', () => {
  for (const [path, ctx, want] of cases) {
    for (const lang of ['ky', 'ru', 'en'] as const) {
      it(`${path} in ${lang}`, () => expect(fieldLabel(lang, path, ctx)).toBe(want[lang]));
    }
  }

  it('never shows an index in brackets or a dotted number for a list it knows', () => {
    for (const lang of ['ky', 'ru', 'en'] as const) {
      for (const path of [
        'candidates[0].email',
        'deputies[4].sex',
        'emails[3]',
        'annexes[0].title',
        'gathering.candidates[1].phone',
      ])
        expect(fieldLabel(lang, path, formation)).not.toMatch(/\[\d+\]|\.\d/u);
    }
  });

  it('an id it cannot name stays as it is rather than vanish', () => {
    expect(fieldLabel('ru', objectId)).toBe(objectId);
  });
});
