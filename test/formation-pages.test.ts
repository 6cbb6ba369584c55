// The staff pages of the formation (issue 6, "Staff: start and drive the formation step by step"): /manage, the start
// page and the step-by-step page, through app.inject on real Postgres with Temporal's real time-skipping test server
// (one per test, its clock starting on the test's first instant and also the app's clock). Forms post with the
// CSRF token (the `_csrf` field; in a multipart form its first field, never the URL) and redirect (303); a refusal comes
// back as the page with the problems and what was typed; without the engine the page is read from the database and
// posts answer 503 in the page. Dates as in test/formation-api.test.ts: formed 20.02.2026, notice due 23.03.2026
// (Orozo Ait 20.03 and Nooruz 21.03 skipped).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { EngineUnavailableError, type ProcedureEngine } from '../procedures/engine';
import { formationStateQuery, formationWorkflowId } from '../workflows/formation/contract';
import { countRows } from './support/db-dump';
import {
  CITIZENS,
  DEPUTIES,
  formationWorld,
  STAFF,
  useFormationRig,
  type FormationWorld,
  type Who,
} from './support/formation-world';
import { requireServer, testServer } from './support/temporal-servers';

// Every test runs on its own time-skipping test server: without one the file is skipped (under CI=true it fails).
const withServer = requireServer(testServer(), 'formation pages');
const rig = useFormationRig();
const open: FormationWorld[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

async function world(
  start = '2026-02-24T04:00:00Z',
  wrap?: Parameters<typeof formationWorld>[2],
): Promise<FormationWorld> {
  const w = await formationWorld(rig, start, wrap);
  open.push(w);
  return w;
}

async function page(w: FormationWorld, who: Who | null, url: string): Promise<LightMyRequestResponse> {
  const session = who ? await w.as(who) : null;
  return w.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

/** Posts an urlencoded form as a browser would: the session cookie and the `_csrf` field. */
async function postForm(
  w: FormationWorld,
  url: string,
  fields: [string, string][],
  who: Who = 'staff',
): Promise<LightMyRequestResponse> {
  const session = await w.as(who);
  const body = new URLSearchParams([['_csrf', session.csrf], ...fields]).toString();
  return w.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/**
 * Posts a multipart form (fields and an optional CSV file) as a browser would from the page: the CSRF token is the
 * body's first field, `_csrf`. `token` 'url' puts it in the action URL instead and 'none' leaves it out (both refused).
 */
async function postMultipart(
  w: FormationWorld,
  url: string,
  fields: [string, string][],
  file?: string,
  who: Who = 'staff',
  token: 'first-field' | 'url' | 'none' = 'first-field',
): Promise<LightMyRequestResponse> {
  const session = await w.as(who);
  const boundary = '----jmegFormBoundary7MA4YWxk';
  let body = '';
  for (const [name, value] of token === 'first-field'
    ? [['_csrf', session.csrf] as [string, string], ...fields]
    : fields)
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file === undefined ? '' : 'list.csv'}"\r\nContent-Type: ${file === undefined ? 'application/octet-stream' : 'text/csv'}\r\n\r\n${file ?? ''}\r\n`;
  body += `--${boundary}--\r\n`;
  const sep = url.includes('?') ? '&' : '?';
  return w.app.inject({
    method: 'POST',
    url: token === 'url' ? `${url}${sep}_csrf=${encodeURIComponent(session.csrf)}` : url,
    payload: Buffer.from(body, 'utf8'),
    headers: { cookie: session.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const formationUrl = (groupId: string) => `/manage/groups/${groupId}/formation`;
const stepUrl = (groupId: string, step: string, lang = 'ky') =>
  `/manage/groups/${groupId}/formation/${step}?lang=${lang}`;
const text = (html: string) =>
  html
    .replace(/<\/?(strong|span|time|a)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** Starts a formation through the start page and returns the group's id. */
async function startByPage(w: FormationWorld, formedOn = '2026-02-20'): Promise<string> {
  const form = await page(w, 'staff', `/manage/councils/${w.councilId}/formations/new?lang=ky`);
  const nonce = /name="nonce" value="([^"]+)"/.exec(form.body)![1]!;
  const res = await postForm(w, `/manage/councils/${w.councilId}/formations/new?lang=ky`, [
    ['nonce', nonce],
    ['formedOn', formedOn],
  ]);
  expect(res.statusCode, res.body).toBe(303);
  return /\/manage\/groups\/([^/]+)\/formation/.exec(String(res.headers.location))![1]!;
}

const CSV_HEADER = 'full_name,sex,birth_date,category,workplace,village,phone,email';

describe.skipIf(!withServer)('/manage: the home of staff and deputies', () => {
  it("lists the account's councils and their groups with a link to every area, in ky and ru; deputies get no start or accounts link", async () => {
    const w = await world();
    const groupId = await startByPage(w);
    const ky = await page(w, 'staff', '/manage?lang=ky');
    expect(ky.statusCode).toBe(200);
    expect(ky.body).toContain('<html lang="ky">');
    expect(ky.body).toMatch(/Кара-Суу айылдык кеңеши \d+/);
    expect(ky.body).not.toContain('Көк-Жар');
    for (const link of [
      `/manage/councils/${w.councilId}/formations/new?lang=ky`,
      `/manage/councils/${w.councilId}/objects?lang=ky`,
      `/manage/councils/${w.councilId}/calendar?lang=ky`,
      `/manage/councils/${w.councilId}/accounts?lang=ky`,
      `/manage/groups/${groupId}/formation?lang=ky`,
      `/manage/groups/${groupId}/acts?lang=ky`,
      `/manage/groups/${groupId}/dashboard?lang=ky`,
      `/groups/${groupId}/composition?lang=ky`,
    ]) {
      expect(ky.body, link).toContain(`href="${link}"`);
    }
    expect(text(ky.body)).toContain('Түзүлүп жатат');
    expect(ky.body).not.toContain('class="notice"');

    const ru = await page(w, 'staff', '/manage?lang=ru');
    expect(text(ru.body)).toContain('Начать формирование группы');
    expect(text(ru.body)).toContain('Формируется');
    expect(ru.body).toMatch(/Кара-Суйский айылный кенеш \d+/);

    const deputy = await page(w, 'deputy', '/manage?lang=ru');
    expect(deputy.statusCode).toBe(200);
    expect(deputy.body).not.toContain('/formations/new');
    expect(deputy.body).not.toContain('/accounts');
    expect(deputy.body).toContain(`/manage/groups/${groupId}/formation?lang=ru`);

    await w.addChair(groupId);
    expect((await page(w, 'chair', '/manage')).statusCode).toBe(403);
    const visitor = await page(w, null, '/manage?lang=ru');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/login?lang=ru&next=%2Fmanage%3Flang%3Dru');

    w.engine.setAvailable(false);
    const banner = await page(w, 'staff', '/manage?lang=ru');
    expect(banner.statusCode).toBe(200);
    expect(banner.body).toContain('<div class="notice" role="status"><p>Служба процедур сейчас недоступна');
  });
});

describe.skipIf(!withServer)('/manage/councils/:councilId/formations/new', () => {
  it('a form with the formation date and a nonce; posting it opens one group, redirects to its page, and posting it again opens no second group', async () => {
    const w = await world();
    const form = await page(w, 'staff', `/manage/councils/${w.councilId}/formations/new?lang=ru`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="formedOn">Дата формирования айылного кенеша</label>');
    expect(form.body).toMatch(/<input type="hidden" name="_csrf" value="[\w-]+">/);
    const nonce = /name="nonce" value="([^"]+)"/.exec(form.body)![1]!;
    const url = `/manage/councils/${w.councilId}/formations/new?lang=ru`;

    const bad = await postForm(w, url, [
      ['nonce', nonce],
      ['formedOn', '2026-13-01'],
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error" role="alert"');
    expect(bad.body).toContain('value="2026-13-01"');
    expect(bad.body).toContain(`value="${nonce}"`);

    const first = await postForm(w, url, [
      ['nonce', nonce],
      ['formedOn', '2026-02-20'],
    ]);
    expect(first.statusCode).toBe(303);
    const location = String(first.headers.location);
    expect(location).toMatch(/^\/manage\/groups\/[0-9a-f-]{36}\/formation\?lang=ru&done=started$/);
    const again = await postForm(w, url, [
      ['nonce', nonce],
      ['formedOn', '2026-02-20'],
    ]);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(location);
    expect(
      await rig.database.db.selectFrom('groups').select('id').where('council_id', '=', w.councilId).execute(),
    ).toHaveLength(1);
    const done = await page(w, 'staff', location);
    expect(done.body).toContain('<div class="ok" role="status"><p>Процедура формирования начата.</p></div>');

    expect((await page(w, 'deputy', `/manage/councils/${w.councilId}/formations/new`)).statusCode).toBe(403);
    expect((await page(w, 'foreignStaff', `/manage/councils/${w.councilId}/formations/new`)).statusCode).toBe(403);
  });

  it('without the engine: 503 in the page with the message, and no group opened', async () => {
    const w = await world();
    const form = await page(w, 'staff', `/manage/councils/${w.councilId}/formations/new?lang=ky`);
    const nonce = /name="nonce" value="([^"]+)"/.exec(form.body)![1]!;
    w.engine.setAvailable(false);
    const events = await countRows(rig.database.db, 'events');
    const res = await postForm(w, `/manage/councils/${w.councilId}/formations/new?lang=ky`, [
      ['nonce', nonce],
      ['formedOn', '2026-02-20'],
    ]);
    expect(res.statusCode).toBe(503);
    expect(text(res.body)).toContain('Процедуралар кызматы (Temporal) азыр жеткиликсиз');
    expect(res.body).toContain('value="2026-02-20"');
    expect(await countRows(rig.database.db, 'events')).toBe(events);
  });
});

describe.skipIf(!withServer)(
  '/manage/groups/:groupId/formation: each step with its clause, deadline and what is still missing',
  () => {
    it('drives the whole formation through the page forms (CSV and typed rows), each post redirecting back with a confirmation, in ky and ru', async () => {
      const w = await world();
      const groupId = await startByPage(w);

      let ky = await page(w, 'staff', `${formationUrl(groupId)}?lang=ky`);
      expect(ky.statusCode).toBe(200);
      let t = text(ky.body);
      expect(t).toContain('Азыркы кадам: түзүү башталганы тууралуу жарыя');
      expect(t).toContain('23.03.2026 (дүйшөмбү)');
      expect(t).toMatch(
        /Түзүү башталганы тууралуу жарыя 5\.4\.1 23\.03\.2026 \(дүйшөмбү\) Мөөнөтүнө 27 календардык күн калды Азыркы кадам/,
      );
      expect(ky.body).toContain(`action="/manage/groups/${groupId}/formation/formation-notice?lang=ky"`);
      expect(ky.body).toMatch(/<input type="hidden" name="_csrf" value="[\w-]+">/);

      await w.engine.advanceTo('2026-03-05T05:00:00Z');
      const notice = await postForm(w, stepUrl(groupId, 'formation-notice'), [
        ['publishedOn', '2026-03-05'],
        ['channels', 'website'],
        ['channels', 'notice_board'],
        ['textKy', ''],
        ['textRu', ''],
      ]);
      expect(notice.statusCode, notice.body).toBe(303);
      expect(notice.headers.location).toBe(`${formationUrl(groupId)}?lang=ky&done=formation-notice`);
      ky = await page(w, 'staff', String(notice.headers.location));
      t = text(ky.body);
      expect(ky.body).toContain('<div class="ok" role="status"><p>Жазылды: Түзүү башталганы тууралуу жарыя.</p></div>');
      // Nominations: 15 working days from 05.03 to 27.03; the gathering and the composition are still missing.
      expect(t).toMatch(
        /Айыл өкмөтү башчысынын талапкерлери \(муниципалдык кызматчылар\) 5\.4\.2 27\.03\.2026 \(жума\) Мөөнөтүнө 15 жумуш күнү калды/,
      );
      expect(t).toContain('Дагы эмне керек');
      expect(t).toContain('коомдоштуктун жыйынынын протоколу жазыла элек (5.4.4-пункт)');
      expect(t).toContain('талапкерлер жок (5.2.1-пункт)');
      // The list form posts multipart with the token as its first field, a hidden input, and not in its action URL.
      expect(ky.body).toMatch(
        new RegExp(
          `<form method="post" action="/manage/groups/${groupId}/formation/staff-candidates\\?lang=ky" enctype="multipart/form-data">\\s*<input type="hidden" name="_csrf" value="[\\w-]+">`,
        ),
      );
      expect(ky.body).not.toMatch(/action="[^"]*_csrf=/);

      const ru = await page(w, 'staff', `${formationUrl(groupId)}?lang=ru`);
      const r = text(ru.body);
      expect(ru.body).toContain('<html lang="ru">');
      expect(r).toContain('Текущий шаг: выдвижение кандидатов и решение кенеша');
      expect(r).toContain('Что ещё нужно');
      expect(r).toContain('протокол собрания местного сообщества не записан (пункт 5.4.4)');
      expect(r).toMatch(
        /Кандидаты от главы айыл окмоту \(муниципальные служащие\) 5\.4\.2 27\.03\.2026 \(пятница\) Осталось 15 рабочих дней/,
      );

      await w.engine.advanceTo('2026-03-12T05:00:00Z');
      // 5.4.2 as a CSV file (Excel's `;` and a BOM) plus one typed row.
      const staffCsv = `\uFEFF${CSV_HEADER.replace(/,/g, ';')}\nАсанов Бакыт;M;12.03.1980;municipal_employee;Айыл өкмөтү;Кара-Суу;0555 123 456;b.asanov@karasuu.kg\n`;
      const staff = await postMultipart(
        w,
        stepUrl(groupId, 'staff-candidates'),
        [
          ['submittedOn', '2026-03-12'],
          ...personFields({ fullName: 'Токтогулова Айгүл', sex: 'F', birthDate: '02.06.1987', village: 'Кара-Суу' }),
        ],
        staffCsv,
      );
      expect(staff.statusCode, text(staff.body)).toBe(303);
      expect(staff.headers.location).toBe(`${formationUrl(groupId)}?lang=ky&done=staff-candidates`);
      // 5.4.3 as typed rows only, one of them left empty.
      const deputies = await postMultipart(w, stepUrl(groupId, 'deputy-members'), [
        ['approvedOn', '2026-03-12'],
        ...personFields({ fullName: DEPUTIES[0]!.fullName, sex: 'M', birthDate: '1975' }),
        ...personFields({}),
      ]);
      expect(deputies.statusCode, text(deputies.body)).toBe(303);

      await w.engine.advanceTo('2026-03-14T09:00:00Z');
      const gatheringCsv = [
        `${CSV_HEADER},votes`,
        ...CITIZENS.map(
          (c) =>
            `${c.fullName},${c.sex},${c.birthDate.split('-').reverse().join('.')},citizen,,Кара-Суу,${c.phone ?? ''},,${c.votes}`,
        ),
      ].join('\n');
      const gathering = await postMultipart(
        w,
        stepUrl(groupId, 'gathering'),
        [
          ['heldOn', '2026-03-14'],
          ['protocolRef', '№ 1'],
          ['place', 'Кара-Суу, маданият үйү'],
          ['participants', '90'],
        ],
        gatheringCsv,
      );
      // Recorded; the rows kept as written (no workplace) are listed with the confirmation, naming the row and the person.
      expect(gathering.statusCode, text(gathering.body)).toBe(200);
      const g = text(gathering.body);
      expect(g).toContain('Жазылды: Коомдоштуктун жыйынынын протоколу.');
      expect(g).toContain('Файлдагы бул маанилер жазылгандай сакталды; текшерип, керек болсо оңдоңуз:');
      expect(g).toContain('1-жазуу (Исакова Гүлмира): Иштеген жери: толтурулган эмес');
      ky = await page(w, 'staff', `${formationUrl(groupId)}?lang=ky`);
      t = text(ky.body);
      expect(t).toContain('7 талапкер: курам 5.2-бөлүмгө туура келет');
      expect(t).toContain('Баары даяр: кеңеш топту түзүү жөнүндө чечим кабыл ала алат (5.4.5)');
      expect(t).toContain('+996555123456'); // staff see the phones they entered
      expect(t).toContain('Бекова Асель 40 Көпчүлүк добуш ала алган жок');
      const deputyView = await page(w, 'deputy', `${formationUrl(groupId)}?lang=ky`);
      expect(deputyView.statusCode).toBe(200);
      expect(deputyView.body).not.toContain('+996555123456');
      expect(deputyView.body).not.toContain('b.asanov@karasuu.kg');
      expect(deputyView.body).not.toContain('<form method="post" action="/manage/groups');

      await w.engine.advanceTo('2026-03-18T08:00:00Z');
      expect(
        (
          await postForm(w, stepUrl(groupId, 'decision'), [
            ['decidedOn', '2026-03-18'],
            ['resolutionNumber', '7-1'],
          ])
        ).statusCode,
      ).toBe(303);
      ky = await page(w, 'staff', `${formationUrl(groupId)}?lang=ky`);
      t = text(ky.body);
      expect(t).toContain('Азыркы кадам: биринчи жыйналышты белгилөө');
      expect(t).toMatch(
        /Биринчи жыйналыштын күнүн, убактысын жана жерин белгилеңиз \(5\.3\.2\) — мөөнөтү 02\.04\.2026 \(бейшемби\)/,
      );
      expect(t).toContain('18.03.2030 (5.3.1)'); // the term ends 4 years on
      await w.addChair(groupId);
      const chairView = await page(w, 'chair', `${formationUrl(groupId)}?lang=ru`);
      expect(chairView.statusCode).toBe(200);
      expect(text(chairView.body)).toContain('Текущий шаг: назначение первого заседания');
      expect(chairView.body).not.toContain('+996555123456');
      expect(chairView.body).not.toContain('<form method="post" action="/manage/groups');
      expect(
        (
          await postForm(
            w,
            stepUrl(groupId, 'meeting'),
            [
              ['date', '2026-03-27'],
              ['time', '10:00'],
              ['place', 'x'],
            ],
            'chair',
          )
        ).statusCode,
      ).toBe(403);

      await w.engine.advanceTo('2026-03-19T05:00:00Z');
      expect(
        (
          await postForm(w, stepUrl(groupId, 'meeting'), [
            ['date', '2026-03-27'],
            ['time', '10:00'],
            ['place', 'Кара-Суу, жыйындар залы'],
          ])
        ).statusCode,
      ).toBe(303);
      ky = await page(w, 'staff', `${formationUrl(groupId)}?lang=ky`);
      expect(text(ky.body)).toMatch(/мөөнөтү 24\.03\.2026 \(шейшемби\)/);

      await w.engine.advanceTo('2026-03-23T05:00:00Z');
      expect(
        (
          await postForm(w, stepUrl(groupId, 'creation-notice'), [
            ['publishedOn', '2026-03-23'],
            ['channels', 'notice_board'],
          ])
        ).statusCode,
      ).toBe(303);
      ky = await page(w, 'staff', `${formationUrl(groupId)}?lang=ky`);
      const chairId = new RegExp(`<option value="([^"]+)">Сыдыкова Жамила`).exec(ky.body)![1]!;

      await w.engine.advanceTo('2026-03-27T07:00:00Z');
      const meeting = await postForm(w, stepUrl(groupId, 'first-meeting', 'ru'), [
        ['heldOn', '2026-03-27'],
        ['present', '6'],
        ['chairCandidateId', chairId],
        ['votesFor', '5'],
        ['votesAgainst', '1'],
        ['abstained', '0'],
      ]);
      expect(meeting.statusCode, text(meeting.body)).toBe(303);
      const final = await page(w, 'staff', String(meeting.headers.location));
      const f = text(final.body);
      expect(f).toContain('Записано: Первое заседание и выборы председателя.');
      expect(f).toContain('Текущий шаг: формирование завершено, группа действует');
      expect(f).toContain('Сыдыкова Жамила: присутствовали 6, за 5, против 1, воздержались 0');
      expect(final.body).not.toContain('<form method="post" action="/manage/groups');
      const state = await w.engine.query(formationWorkflowId(groupId), formationStateQuery);
      expect(state.step).toBe('handed-over');
      expect(state.candidates.map((c) => c.fullName).sort()).toEqual([
        'Асанов Бакыт',
        'Жумабеков Нурлан',
        'Исакова Гүлмира',
        'Мамытов Эрлан',
        'Осмонов Талант',
        'Сыдыкова Жамила',
        'Токтогулова Айгүл',
      ]);
    });

    it('a refusal comes back as the page (409 / 400) with the problems and their clause, and what was typed', async () => {
      const w = await world();
      const groupId = await startByPage(w);
      await w.engine.advanceTo('2026-03-05T05:00:00Z');
      expect(
        (
          await postForm(w, stepUrl(groupId, 'formation-notice'), [
            ['publishedOn', '2026-03-05'],
            ['channels', 'website'],
          ])
        ).statusCode,
      ).toBe(303);

      const twice = await postForm(w, stepUrl(groupId, 'formation-notice', 'ru'), [
        ['publishedOn', '2026-03-04'],
        ['channels', 'website'],
      ]);
      expect(twice.statusCode).toBe(409);
      expect(text(twice.body)).toContain(
        'Объявление о начале формирования: объявление уже опубликовано 05.03.2026 (пункт 5.4.1)',
      );

      const decision = await postForm(w, stepUrl(groupId, 'decision', 'ru'), [
        ['decidedOn', '2026-03-05'],
        ['resolutionNumber', '№ 3-14'],
      ]);
      expect(decision.statusCode).toBe(400);
      const d = text(decision.body);
      expect(d).toContain('Исправьте следующее:');
      expect(d).toContain('кандидаты от главы айыл окмоту не записаны (пункт 5.4.2)');
      expect(decision.body).toContain('value="№ 3-14"');

      // A CSV with bad rows: every row's problem is listed, nothing is sent, the typed row is kept.
      const csv = `${CSV_HEADER}\nАсанов Бакыт,M,31.02.1980,municipal_employee,,,0555 123 456,\nЖумабеков Нурлан,M,1975,deputy,,,,\n`;
      const events = await countRows(rig.database.db, 'events');
      const bad = await postMultipart(
        w,
        stepUrl(groupId, 'staff-candidates', 'ru'),
        [
          ['submittedOn', '2026-03-05'],
          ...personFields({ fullName: 'Токтогулова Айгүл', sex: 'F', birthDate: '1987' }),
        ],
        csv,
      );
      expect(bad.statusCode).toBe(400);
      const b = text(bad.body);
      expect(b).toContain('Файл CSV: запись 1 (Асанов Бакыт): Дата рождения: «31.02.1980» такой даты не существует');
      expect(b).not.toContain('birth_date');
      expect(b).toContain('запись 1 (Асанов Бакыт): Дата рождения: «31.02.1980» такой даты не существует');
      expect(bad.body).toContain('value="Токтогулова Айгүл"');
      const wrongCategory = await postMultipart(
        w,
        stepUrl(groupId, 'staff-candidates', 'ru'),
        [['submittedOn', '2026-03-05']],
        `${CSV_HEADER}\nЖумабеков Нурлан,M,1975,deputy,,,,\n`,
      );
      expect(wrongCategory.statusCode, text(wrongCategory.body).slice(-3000)).toBe(400);
      expect(text(wrongCategory.body)).toContain(
        'запись 1 (Жумабеков Нурлан): категория «депутат», в этом списке только «муниципальный служащий» (пункт 5.2.3)',
      );
      // A typed row refused by the workflow: the field named, the row kept.
      const refused = await postMultipart(w, stepUrl(groupId, 'staff-candidates', 'en'), [
        ['submittedOn', '2026-03-05'],
        ...personFields({ fullName: 'Токтогулова Айгүл', sex: 'F', birthDate: '1987', email: 'not-an-address' }),
      ]);
      expect(refused.statusCode).toBe(400);
      // ... in words and with the name typed in the row, in every language; no path such as candidates[0].email.
      expect(text(refused.body)).toContain('candidate 1 (Токтогулова Айгүл): e-mail');
      expect(refused.body).toContain('value="not-an-address"');
      for (const [lang, words] of [
        ['ky', '1-талапкер (Токтогулова Айгүл): эл. почтасы'],
        ['ru', 'кандидат 1 (Токтогулова Айгүл): эл. почта'],
      ] as const) {
        const again = await postMultipart(w, stepUrl(groupId, 'staff-candidates', lang), [
          ['submittedOn', '2026-03-05'],
          ...personFields({ fullName: 'Токтогулова Айгүл', sex: 'F', birthDate: '1987', email: 'not-an-address' }),
        ]);
        expect(again.statusCode).toBe(400);
        const box = text(
          again.body.slice(
            again.body.indexOf('role="alert"'),
            again.body.indexOf('</div>', again.body.indexOf('role="alert"')),
          ),
        );
        expect(box, lang).toContain(words);
        expect(box, lang).not.toMatch(/\[\d+\]|candidates\.\d/u);
      }
      const unknown = await postForm(w, stepUrl(groupId, 'decision', 'en'), [
        ['decidedOn', '2026-03-05'],
        ['resolutionNumber', '1'],
        ['colour', 'red'],
      ]);
      expect(unknown.statusCode).toBe(400);
      expect(text(unknown.body)).toContain('colour');
      expect(await countRows(rig.database.db, 'events')).toBe(events);
      // Without the token the post is refused.
      const session = await w.as('staff');
      const noToken = await w.app.inject({
        method: 'POST',
        url: stepUrl(groupId, 'decision'),
        payload: 'decidedOn=2026-03-05&resolutionNumber=1',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(noToken.statusCode).toBe(403);
      // Nor a multipart post without the token as its first field, or with it in the URL; nothing is written.
      const typed: [string, string][] = [
        ['submittedOn', '2026-03-05'],
        ...personFields({ fullName: 'Токтогулова Айгүл', sex: 'F', birthDate: '1987' }),
      ];
      expect(
        (await postMultipart(w, stepUrl(groupId, 'staff-candidates'), typed, undefined, 'staff', 'none')).statusCode,
      ).toBe(403);
      expect(
        (await postMultipart(w, stepUrl(groupId, 'staff-candidates'), typed, undefined, 'staff', 'url')).statusCode,
      ).toBe(403);
      expect(await countRows(rig.database.db, 'events')).toBe(events);
      expect(
        (
          await postForm(
            w,
            stepUrl(groupId, 'decision'),
            [
              ['decidedOn', '2026-03-05'],
              ['resolutionNumber', '1'],
            ],
            'deputy',
          )
        ).statusCode,
      ).toBe(403);

      // The council's real roster (its municipal employees): a 9-digit phone and a missing village are kept as written,
      // the list is recorded, and the confirmation lists each such row with its person and the value kept, in Russian.
      const roster = readFileSync(new URL('./fixtures/roster/council-roster.csv', import.meta.url), 'utf8')
        .split('\n')
        .slice(0, 4)
        .join('\n');
      const uploaded = await postMultipart(
        w,
        stepUrl(groupId, 'staff-candidates', 'ru'),
        [['submittedOn', '2026-03-05']],
        roster,
      );
      expect(uploaded.statusCode, text(uploaded.body).slice(0, 3000)).toBe(200);
      const u = text(uploaded.body);
      expect(u).toContain('Записано: Список кандидатов из муниципальных служащих.');
      expect(u).toContain('Эти значения из файла сохранены как написаны');
      expect(u).toMatch(/запись 2 \(Касымова Динара Бакытовна\): [^.]*«0555 12 345»/u);
      expect(u).toContain('запись 3 (Жолдошев Улукбек Асанович)');
      expect(await countRows(rig.database.db, 'events')).toBeGreaterThan(events);
    });

    it('without the engine: the page is read from the database with the banner, and a post answers 503 in the page, writing nothing', async () => {
      const w = await world();
      const groupId = await startByPage(w);
      await w.engine.advanceTo('2026-03-05T05:00:00Z');
      expect(
        (
          await postForm(w, stepUrl(groupId, 'formation-notice'), [
            ['publishedOn', '2026-03-05'],
            ['channels', 'website'],
          ])
        ).statusCode,
      ).toBe(303);
      await w.engine.advanceTo('2026-03-10T05:00:00Z');
      expect(
        (
          await postMultipart(w, stepUrl(groupId, 'staff-candidates'), [
            ['submittedOn', '2026-03-10'],
            ...STAFF.flatMap((p) => personFields(p)),
          ])
        ).statusCode,
      ).toBe(303);
      w.engine.setAvailable(false);

      const ru = await page(w, 'staff', `${formationUrl(groupId)}?lang=ru`);
      expect(ru.statusCode).toBe(200);
      const r = text(ru.body);
      expect(ru.body).toContain('<div class="notice" role="status"><p>Служба процедур сейчас недоступна');
      expect(r).toContain('Данные показаны из базы.');
      expect(r).toMatch(/Объявление о начале формирования 5\.4\.1 23\.03\.2026 \(понедельник\) ✓ 05\.03\.2026/);
      expect(r).toContain('Асанов Бакыт');
      expect(r).toContain('+996555123456');
      expect(r).toMatch(
        /Кандидаты от главы айыл окмоту \(муниципальные служащие\) 5\.4\.2 27\.03\.2026 \(пятница\) ✓ 10\.03\.2026/,
      );
      expect(r).toMatch(
        /Депутаты, утверждённые председателем кенеша 5\.4\.3 27\.03\.2026 \(пятница\) Осталось 12 рабочих дней/,
      );

      const events = await countRows(rig.database.db, 'events');
      const res = await postMultipart(w, stepUrl(groupId, 'deputy-members', 'ru'), [
        ['approvedOn', '2026-03-10'],
        ...personFields({ fullName: 'Жумабеков Нурлан', sex: 'M', birthDate: '1975' }),
      ]);
      expect(res.statusCode).toBe(503);
      expect(text(res.body)).toContain('Служба процедур (Temporal) сейчас недоступна');
      expect(res.body).toContain('value="Жумабеков Нурлан"');
      expect(await countRows(rig.database.db, 'events')).toBe(events);

      w.engine.setAvailable(true);
      expect(text((await page(w, 'staff', `${formationUrl(groupId)}?lang=ru`)).body)).toContain(
        'Текущий шаг: выдвижение кандидатов и решение кенеша',
      );
    });

    it('a group whose start failed: its page says so and offers to start the procedure, which then runs', async () => {
      let failNext = true;
      const w = await world('2026-02-24T04:00:00Z', (engine): ProcedureEngine => ({
        available: () => engine.available(),
        start: (...args) => {
          if (!failNext) return engine.start(...args);
          failNext = false;
          return Promise.reject(new EngineUnavailableError('connection lost'));
        },
        update: (...args) => engine.update(...args),
        query: (...args) => engine.query(...args),
        signal: (...args) => engine.signal(...args),
      }));
      const form = await page(w, 'staff', `/manage/councils/${w.councilId}/formations/new?lang=en`);
      const nonce = /name="nonce" value="([^"]+)"/.exec(form.body)![1]!;
      const failed = await postForm(w, `/manage/councils/${w.councilId}/formations/new?lang=en`, [
        ['nonce', nonce],
        ['formedOn', '2026-02-20'],
      ]);
      expect(failed.statusCode).toBe(503);
      const groupId = /\/manage\/groups\/([^/]+)\/formation/.exec(failed.body)![1]!;
      expect(text(failed.body)).toContain('The group was opened but its procedure did not start.');

      const stalled = await page(w, 'staff', `${formationUrl(groupId)}?lang=en`);
      expect(stalled.statusCode).toBe(200);
      expect(text(stalled.body)).toContain("This group's formation procedure is not running");
      expect(stalled.body).toContain(`action="/manage/groups/${groupId}/formation/start?lang=en"`);
      const restart = await postForm(w, stepUrl(groupId, 'start', 'en'), []);
      expect(restart.statusCode).toBe(303);
      expect(restart.headers.location).toBe(`${formationUrl(groupId)}?lang=en&done=started`);
      expect(text((await page(w, 'staff', String(restart.headers.location))).body)).toContain(
        'Current step: the formation notice',
      );
      expect(
        await rig.database.db.selectFrom('groups').select('id').where('council_id', '=', w.councilId).execute(),
      ).toHaveLength(1);
    });
  },
);

/** One typed row of a person form (every field posted, as a browser posts an empty row too). */
function personFields(p: {
  fullName?: string;
  sex?: string;
  birthDate?: string;
  workplace?: string | null;
  village?: string | null;
  phone?: string | null;
  email?: string | null;
}): [string, string][] {
  return [
    ['fullName', p.fullName ?? ''],
    ['sex', p.sex ?? ''],
    ['birthDate', p.birthDate ?? ''],
    ['workplace', p.workplace ?? ''],
    ['village', p.village ?? ''],
    ['phone', p.phone ?? ''],
    ['email', p.email ?? ''],
  ];
}
