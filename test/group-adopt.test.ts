// Taking on an existing group (issue 13, point 1), on real Postgres and Temporal's time-skipping test server: the
// council of resolution No. 83 of 14.11.2025 (a 13-member group, its chair named in the resolution, in force once
// published on 19.11.2025) takes it on from a roster CSV (test/fixtures/roster/resolution-83-13.csv: 2 municipal
// employees where 5.2.3(1) wants 3 of 13). The violation is kept on the group's record and shown on its public page,
// never a refusal; bad input is refused with the field and the rule and nothing written; the term procedure starts
// with the term counted from the publication (5.3.1: 19.11.2025 to 19.11.2029). Through the JSON API, the staff page
// (multipart, ky/ru/en) and `jmeg group adopt`.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { termWorkflowId, termStateQuery } from '../workflows/term/contract';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { saveHistory } from './support/history-fixtures';
import { jmegWith } from './support/jmeg-cli';
import { TEST_PAYLOAD_KEYS } from './support/payload-test-keys';
import { requireServer, testServer } from './support/temporal-servers';

const server = testServer();
const FIXTURE = 'test/fixtures/roster/resolution-83-13.csv';
const CSV = readFileSync(FIXTURE, 'utf8');
const BROKEN = readFileSync('test/fixtures/roster/broken-rows.csv', 'utf8');
const CHAIR = 'Токтосунов Азамат Кубанычбекович';
const DEPUTY = 'Калыков Бектур Абдыкадырович';
const PASSWORD = 'a long enough password';
const RESOLUTION = { decisionNumber: '83', decidedOn: '2025-11-14', publishedOn: '2025-11-19', chair: CHAIR, csv: CSV };

describe.skipIf(!requireServer(server, 'group adopt'))('taking on an existing group', () => {
  let w: CliWorld;
  let session: { cookie: string; csrf: string };
  let n = 0;

  beforeAll(async () => {
    if (!server.available) return;
    w = await createCliWorld({ serverPath: server.path, startTime: '2026-12-07T03:00:00Z' });
    await createAccount(w.t.db, { email: 'staff-all@ayil.kg', password: PASSWORD, role: 'staff', councilId: null });
    const login = await w.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff-all@ayil.kg', password: PASSWORD },
    });
    session = {
      cookie: `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
      csrf: login.json<{ csrfToken: string }>().csrfToken,
    };
  }, 180_000);
  afterAll(() => w?.close());

  const council = () =>
    registerCouncil(
      w.t.db,
      { name: { ky: `Кетмен-Дөбө айылдык кеңеши ${++n}`, ru: `Кетмен-Дёбёнский айылный кенеш ${n}` } },
      'test',
    );
  // The log's size once every running procedure is idle: a term procedure started by an earlier adoption records
  // its own events in the background, which must not pass for something a refused request wrote.
  const events = async () => {
    await w.engine.settle();
    return Number(
      (
        await w.t.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  };
  const adopt = (councilId: string, body: Record<string, unknown>, lang = 'en') =>
    w.app.inject({
      method: 'POST',
      url: `/api/councils/${councilId}/groups/adopt?lang=${lang}`,
      payload: body,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
  const get = (url: string) => w.app.inject({ method: 'GET', url });

  it('records resolution No. 83 with its 13 members, keeps the 5.2.3(1) violation, and starts the term from the publication', async () => {
    const councilId = await council();
    const res = await adopt(councilId, RESOLUTION);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{
      groupId: string;
      adoption: string;
      termStart: string;
      termEnd: string;
      members: number;
      chair: string;
      findings: { code: string; clause: string; severity: string; message: { en: string } }[];
      warnings: { field: string; code: string; message: { en: string } }[];
      term: { start: string; workflowId: string };
    }>();
    expect(body).toMatchObject({
      adoption: 'adopted',
      termStart: '2025-11-19',
      termEnd: '2029-11-19',
      members: 13,
      chair: CHAIR,
      term: { start: 'started', workflowId: termWorkflowId(body.groupId) },
    });
    expect(body.findings.filter((f) => f.severity === 'violation')).toEqual([
      expect.objectContaining({ code: 'municipal-employees-below-quota', clause: '5.2.3(1)' }),
    ]);
    // Row 9's phone has 9 digits: a warning, kept as written.
    expect(body.warnings).toContainEqual(
      expect.objectContaining({ field: 'csv: row 9, phone', code: 'phone-invalid' }),
    );

    // On the group's record: the event, and the projection the pages read.
    const adopted = await w.t.db
      .selectFrom('events')
      .select('payload')
      .where('stream_id', '=', streams.group(body.groupId))
      .where('type', '=', 'group.adopted')
      .executeTakeFirstOrThrow();
    const payload = adopted.payload as { findings: { code: string; clause: string }[] };
    expect(payload.findings).toContainEqual(
      expect.objectContaining({ code: 'municipal-employees-below-quota', clause: '5.2.3(1)' }),
    );
    const group = await w.t.db
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', body.groupId)
      .executeTakeFirstOrThrow();
    expect(group).toMatchObject({
      status: 'active',
      created_on: '2025-11-19',
      term_end: '2029-11-19',
      resolution_number: '83',
    });

    // The public pages: the banner with the clause in every language, names and roles, no personal data.
    const en = await get(`/groups/${body.groupId}/composition?lang=en`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Adopted with a composition that does not meet 5.2.3(1).');
    expect(en.body).toContain('Created by council resolution No. 83 of 14.11.2025, published 19.11.2025');
    expect(en.body).toContain(CHAIR);
    const ru = await get(`/groups/${body.groupId}/composition?lang=ru`);
    expect(ru.body).toContain('Группа принята в составе, не соответствующем 5.2.3(1).');
    const ky = await get(`/groups/${body.groupId}/composition?lang=ky`);
    expect(ky.body).toContain('Топ 5.2.3(1) талаптарына жооп бербеген курам менен кабыл алынган.');
    for (const page of [en, ru, ky]) {
      for (const secret of ['0700 31 040', '310 401', '+996', '07.04.1981', '1981-04-07', 'example.org'])
        expect(page.body).not.toContain(secret);
    }
    const members = await get(`/api/groups/${body.groupId}/members`);
    const list = members.json<{ members: { fullName: string; role: string }[] }>().members;
    expect(list).toHaveLength(13);
    expect(list.filter((m) => m.role === 'chair').map((m) => m.fullName)).toEqual([CHAIR]);
    expect(members.body).not.toContain('310 401');
    const home = await get('/?lang=en');
    expect(home.body).toContain(`/groups/${body.groupId}/composition`);

    // The term procedure runs with the term counted from the publication, the chair the resolution names.
    const state = await w.engine.query(termWorkflowId(body.groupId), termStateQuery);
    expect(state).toMatchObject({ termStart: '2025-11-19', termEnd: '2029-11-19', status: 'active' });
    expect(state.members).toHaveLength(13);
    expect(state.members.find((m) => m.membershipId === state.chairMembershipId)?.fullName).toBe(CHAIR);
    // Its history from the real server: the replay test keeps a taken-on group's term replaying under changed code.
    await w.engine.settle(termWorkflowId(body.groupId));
    await saveHistory(await w.engine.history(termWorkflowId(body.groupId)), 'term-adopted');

    // The same resolution again: the same group, nothing recorded twice, the procedure already running.
    const before = await events();
    const again = await adopt(councilId, RESOLUTION);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({
      groupId: body.groupId,
      adoption: 'already-adopted',
      term: { start: 'already-started' },
    });
    expect(await events()).toBe(before);

    // Another resolution for a council whose group is in office: 409 naming 5.3.1, nothing written.
    const other = await adopt(councilId, { ...RESOLUTION, decisionNumber: '91' });
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json<{ error: { problems: { clause: string }[] } }>().error.problems[0]!.clause).toBe('5.3.1');
    expect(await events()).toBe(before);
  }, 120_000);

  it.each([
    ['a chair who is a deputy (5.4.6)', { chair: DEPUTY }, 'chair', 'chair-not-citizen', '5.4.6'],
    ['a chair not in the list (5.4.6)', { chair: 'Белгисиз Адам' }, 'chair', 'chair-not-member', '5.4.6'],
    ['a publication before the decision', { publishedOn: '2025-11-10' }, 'publishedOn', 'before-decision', '5.4.7'],
    ['a term start before the decision', { termStartsOn: '2025-11-01' }, 'termStartsOn', 'before-decision', '5.3.1'],
    ['no decision number', { decisionNumber: '  ' }, 'decisionNumber', 'missing-decision-number', '5.4.5'],
    ['a decision date that is no date', { decidedOn: '2025-02-30' }, 'decidedOn', 'date', null],
    [
      'a term that ended (5.3.1)',
      { decidedOn: '2021-11-01', publishedOn: '2021-11-05' },
      'publishedOn',
      'term-ended',
      '5.3.1',
    ],
    ['a CSV with a row that cannot be read', { csv: BROKEN }, 'csv: row 2, sex', 'one-of', null],
    ['no CSV', { csv: '' }, 'csv', 'csv-required', '5.2.1'],
  ])(
    'refuses %s with a 400 naming the field and the rule, writing nothing',
    async (_name, change, field, rule, clause) => {
      const councilId = await council();
      const before = await events();
      const res = await adopt(councilId, { ...RESOLUTION, ...change });
      expect(res.statusCode, res.body).toBe(400);
      const error = res.json<{
        error: { field: string; rule: string; problems: { field: string; rule: string; clause: string | null }[] };
      }>().error;
      expect(error.problems).toContainEqual(expect.objectContaining({ field, rule, clause }));
      // A list that could not be read whole is not searched for the chair (the chair's row may be the refused one).
      if (field.startsWith('csv')) expect(error.problems.map((p) => p.field)).not.toContain('chair');
      expect(await events()).toBe(before);
      expect(await w.t.db.selectFrom('groups').select('id').where('council_id', '=', councilId).execute()).toEqual([]);
    },
  );

  it('words the refusal in the request language', async () => {
    const councilId = await council();
    const res = await adopt(councilId, { ...RESOLUTION, chair: DEPUTY }, 'ru');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(
      'по пункту 5.4.6 председатель избирается из представителей граждан и их объединений',
    );
  });

  it('the staff page takes the CSV as an upload, shows the findings and refuses bad input naming the field, in ky/ru/en', async () => {
    const councilId = await council();
    for (const [lang, title] of [
      ['ky', 'Мурда түзүлгөн топту кабыл алуу'],
      ['ru', 'Принятие ранее созданной группы'],
      ['en', 'Taking on an existing group'],
    ] as const) {
      const page = await w.app.inject({
        method: 'GET',
        url: `/manage/councils/${councilId}/groups/adopt?lang=${lang}`,
        headers: { cookie: session.cookie },
      });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toContain(title);
      expect(page.body).toContain('enctype="multipart/form-data"');
    }
    const home = await w.app.inject({ method: 'GET', url: '/manage?lang=en', headers: { cookie: session.cookie } });
    expect(home.body).toContain(
      `href="/manage/councils/${councilId}/groups/adopt?lang=en">Taking on an existing group</a>`,
    );
    const post = (fields: Record<string, string>, csv: string, lang: string) => {
      const boundary = '----jmegadopt';
      const part = (name: string, value: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const payload =
        part('_csrf', session.csrf) +
        Object.entries(fields)
          .map(([k, v]) => part(k, v))
          .join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="group.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      return w.app.inject({
        method: 'POST',
        url: `/manage/councils/${councilId}/groups/adopt?lang=${lang}`,
        payload,
        headers: { cookie: session.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const fields = { decisionNumber: '83', decidedOn: '2025-11-14', publishedOn: '2025-11-19', chair: DEPUTY };
    const before = await events();
    const refused = await post(fields, CSV, 'ru');
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain('Председатель, названный в постановлении');
    expect(refused.body).toContain('пункт 5.4.6');
    expect(await events()).toBe(before);

    const done = await post({ ...fields, chair: '', chairLater: 'yes' }, CSV, 'ky');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('Топ кабыл алынды.');
    expect(done.body).toContain('Ыйгарым укуктарынын мөөнөтү: 19.11.2025 – 19.11.2029');
    expect(done.body).toContain('Төрага: жыйналышта шайланат');
    expect(done.body).toContain('5.2.3(1)');
    expect(done.body).toContain('0700 31 040'); // the staff see the row kept as written
    // The record later, for staff: the same findings from the group's record; the row warnings were for the upload.
    const groupId = (
      await w.t.db.selectFrom('groups').select('id').where('council_id', '=', councilId).executeTakeFirstOrThrow()
    ).id;
    const record = await w.app.inject({
      method: 'GET',
      url: `/manage/groups/${groupId}/adoption?lang=en`,
      headers: { cookie: session.cookie },
    });
    expect(record.statusCode, record.body).toBe(200);
    expect(record.body).toContain('Term of office: 19.11.2025 to 19.11.2029 (5.3.1)');
    expect(record.body).toContain('2 municipal employees');
    expect((await get(`/manage/groups/${groupId}/adoption?lang=en`)).statusCode).not.toBe(200);
  }, 60_000);

  it('jmeg group adopt: --help, a refusal naming the option and the clause, then the group with its findings', async () => {
    const help = await w.jmeg('group', 'adopt', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--chair-elected-later');
    expect(help.stdout).toContain('--published-on YYYY-MM-DD');

    const councilId = await council();
    const args = ['group', 'adopt', '--council', councilId, '--decision-number', '83', '--decided-on', '2025-11-14'];
    const before = await events();
    const bad = await w.jmeg(
      ...args,
      '--published-on',
      '2025-11-19',
      '--chair',
      DEPUTY,
      '--csv',
      FIXTURE,
      '--lang',
      'en',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--chair (5.4.6): The chair');
    const both = await w.jmeg(
      ...args,
      '--published-on',
      '2025-11-19',
      '--chair',
      CHAIR,
      '--chair-elected-later',
      '--csv',
      FIXTURE,
    );
    expect(both.code).toBe(2);
    expect(await events()).toBe(before);

    const ok = await w.jmeg(
      ...args,
      '--published-on',
      '2025-11-19',
      '--chair',
      CHAIR,
      '--csv',
      FIXTURE,
      '--lang',
      'en',
    );
    expect(ok.code, ok.stderr).toBe(0);
    const [groupId, summary] = ok.stdout.split('\n');
    expect(summary).toContain('term 2025-11-19 to 2029-11-19 (5.3.1); 13 members; chair: ' + CHAIR);
    expect(ok.stdout).toContain('violation (5.2.3(1)): 2 municipal employees');
    const state = await w.engine.query(termWorkflowId(groupId!), termStateQuery);
    expect(state.termStart).toBe('2025-11-19');

    // No Temporal server: the one line that says so, and nothing written.
    const away = await council();
    const beforeAway = await events();
    const noServer = await jmegWith(
      { DATABASE_URL: w.t.url, TEMPORAL_ADDRESS: '127.0.0.1:1', JMEG_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS },
      'group',
      'adopt',
      '--council',
      away,
      '--decision-number',
      '83',
      '--decided-on',
      '2025-11-14',
      '--published-on',
      '2025-11-19',
      '--chair',
      CHAIR,
      '--csv',
      FIXTURE,
    );
    expect(noServer.code).toBe(1);
    expect(noServer.stderr).toContain('group adopt: Temporal: no server reachable at 127.0.0.1:1');
    expect(await events()).toBe(beforeAway);
  }, 180_000);
});
