// The candidate list templates beside the formation page's CSV uploads: the header in the page's language, and what
// is filled in under it, in any of the three languages, reads back as the upload expects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { parseCandidateCsv } from '../api/formation/csv';
import { listTemplatePath } from '../api/formation/csv-template';
import { loadConfig } from '../config/config';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp({ db: t.db, config: loadConfig({}) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const template = async (path: string) => {
  const res = await app.inject({ method: 'GET', url: path });
  return {
    status: res.statusCode,
    type: res.headers['content-type'],
    disposition: res.headers['content-disposition'],
    body: res.body,
  };
};

describe('GET /formation/list-template.csv', () => {
  it.each([
    [
      'ky',
      'staff-candidates',
      '\uFEFFАты-жөнү;Жынысы;Туулган күнү;Категориясы;Иштеген жери;Айылы;Телефону;Электрондук почтасы\r\n',
    ],
    ['ru', 'deputy-members', '\uFEFFФИО;Пол;Дата рождения;Категория;Место работы;Село;Телефон;Электронная почта\r\n'],
    ['en', 'gathering', '\uFEFFFull name,Sex,Birth date,Category,Workplace,Village,Phone,E-mail,Votes\r\n'],
  ] as const)('in %s, the %s list: the header in that language, nothing else', async (lang, list, text) => {
    const r = await template(listTemplatePath(list, lang));
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/csv; charset=utf-8');
    expect(r.disposition).toBe(`attachment; filename="${list}-${lang}.csv"`);
    expect(r.body).toBe(text);
  });

  it('an unknown list is a 400 naming the lists, in the language asked', async () => {
    const r = await template('/formation/list-template.csv?list=elders&lang=ru');
    expect(r.status).toBe(400);
    expect(r.body).toBe('Такого списка нет; списки: staff-candidates, deputy-members, gathering\n');
  });
});

describe('a template filled in reads back as the upload expects', () => {
  it('Kyrgyz headers and values: the gathering protocol with its votes', async () => {
    const { body } = await template(listTemplatePath('gathering', 'ky'));
    const filled = `${body}Асанова Гүлнара;аял;12.03.1979;жарандардын өкүлү;мектеп;Терек-Суу;0700 123 456;;41\r\n`;
    const { people, problems, warnings } = parseCandidateCsv(Buffer.from(filled), {
      category: 'citizen',
      votes: true,
      today: '2026-03-01',
    });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(people).toEqual([
      {
        fullName: 'Асанова Гүлнара',
        sex: 'F',
        birthDate: '1979-03-12',
        workplace: 'мектеп',
        village: 'Терек-Суу',
        phone: '+996700123456',
        email: null,
        votes: 41,
      },
    ]);
  });

  it('Russian headers, English values and a nine-digit phone: read, the phone kept and named in a warning', async () => {
    const { body } = await template(listTemplatePath('staff-candidates', 'ru'));
    const filled = `${body}Бекмуратов Азамат;male;1985;municipal employee;айыл өкмөтү;Терек-Суу;0555 12 345;\r\n`;
    const { people, problems, warnings } = parseCandidateCsv(Buffer.from(filled), {
      category: 'municipal_employee',
      votes: false,
      today: '2026-03-01',
    });
    expect(problems).toEqual([]);
    expect(people).toMatchObject([
      { fullName: 'Бекмуратов Азамат', sex: 'M', birthDate: '1985', phone: '0555 12 345' },
    ]);
    expect(warnings.map((w) => [w.code, w.field])).toEqual([
      ['birth-year-only', 'file: row 1, birth_date'],
      ['phone-invalid', 'file: row 1, phone'],
    ]);
    expect(warnings[1]!.message.ru).toBe(
      'запись 1 (Бекмуратов Азамат): Телефон: «0555 12 345» недействительный номер Кыргызстана (0XXX XXX XXX, +996 XXX XXX XXX); сохранён как записан, проверьте и исправьте',
    );
  });

  it('a row of another category is refused naming the row by the person, in words', () => {
    const csv =
      '\uFEFFФИО;Пол;Дата рождения;Категория;Место работы;Село;Телефон;Электронная почта\r\nЖумабеков Нурлан;М;1975;депутат;;;;\r\n';
    const { people, problems } = parseCandidateCsv(Buffer.from(csv), {
      category: 'municipal_employee',
      votes: false,
      today: '2026-03-01',
    });
    expect(people).toEqual([]);
    expect(problems).toMatchObject([{ code: 'wrong-category', field: 'file: row 1, category', clause: '5.2.3' }]);
    expect(problems[0]!.message.ru).toBe(
      'запись 1 (Жумабеков Нурлан): категория «депутат», в этом списке только «муниципальный служащий»',
    );
  });

  it('one phone in two rows is a warning on the later row', () => {
    const csv =
      'full_name,sex,birth_date,category,workplace,village,phone,email\nА Б,F,01.01.1980,deputy,x,y,0700 123 456,\nВ Г,M,01.01.1981,deputy,x,y,+996700123456,\n';
    const { problems, warnings } = parseCandidateCsv(Buffer.from(csv), {
      category: 'deputy',
      votes: false,
      today: '2026-03-01',
    });
    expect(problems).toEqual([]);
    expect(warnings).toMatchObject([{ code: 'phone-shared', field: 'file: row 2, phone' }]);
    expect(warnings[0]!.message.en).toBe(
      'row 2 (В Г): Phone: +996 700 123 456 is the same number as row 1 (А Б); each member needs their own number',
    );
  });
});
