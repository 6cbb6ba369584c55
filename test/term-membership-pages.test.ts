// 5.4.8 on the JSON API, the membership page and `jmeg member`, over one group's running term procedure (the real
// time-skipping server and Postgres): refusals name the field and the clause with nothing written; a departure
// recorded through the form shows on the page with the composition's arithmetic; jmeg records the next one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../db/accounts';
import { streams } from '../db/events';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { requireServer, testServer } from './support/temporal-servers';
import { termGroup } from './support/term-group';

const server = testServer();
const runs = requireServer(server, 'membership page, API and CLI');
const START = '2026-12-07T04:00:00.000Z'; // Monday 7 December 2026, 10:00 in Bishkek
const PASSWORD = 'membership test password';

let w: CliWorld;
let groupId: string;
let members: { membershipId: string; fullName: string }[];
const sessions = new Map<string, { cookie: string; csrf: string }>();

async function as(email: string) {
  const known = sessions.get(email);
  if (known) return known;
  const res = await w.app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode, `login ${email}`).toBe(200);
  const who = {
    cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
  sessions.set(email, who);
  return who;
}
const chair = () => as('chair@ayil.kg');
const member = () => as('member@ayil.kg');

async function json(method: 'GET' | 'POST', url: string, who: { cookie: string; csrf: string }, payload?: object) {
  return w.app.inject({
    method,
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
    ...(payload ? { payload } : {}),
  });
}
async function form(url: string, who: { cookie: string; csrf: string }, fields: [string, string][]) {
  return w.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', who.csrf], ...fields]).toString(),
  });
}
const groupEvents = async () =>
  Number(
    (
      await w.t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('stream_id', '=', streams.group(groupId))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  if (!server.available) return;
  w = await createCliWorld({ serverPath: server.path, startTime: START });
  const db = w.t.db;
  const started = await termGroup(w);
  groupId = started.groupId;
  const { listed } = started;
  members = listed.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName }));
  await createAccount(db, { email: 'chair@ayil.kg', password: PASSWORD, role: 'chair', groupId });
  await createAccount(db, { email: 'member@ayil.kg', password: PASSWORD, role: 'member', groupId });
}, 240_000);

afterAll(async () => {
  await w?.close();
});

describe.skipIf(!runs)('departures and replacements (5.4.8) on the page, the API and jmeg', () => {
  const page = () => `/manage/groups/${groupId}/membership`;
  const byName = (name: string) => members.find((m) => m.fullName === name)!.membershipId;

  it('a departure in the future or with a bad reason is refused naming the field and 5.4.8; a member may not record one; nothing is written', async () => {
    const before = await groupEvents();
    const res = await json('POST', `/api/groups/${groupId}/departures?lang=en`, await chair(), {
      membershipId: byName('Жаран 2'),
      leftOn: '2026-12-09',
      reason: 'resigned',
    });
    expect(res.statusCode).toBe(400);
    const error = res.json<{ error: { field: string; problems: { field: string; clause: string }[] } }>().error;
    expect(error.problems).toEqual([expect.objectContaining({ field: 'leftOn', clause: '5.4.8' })]);
    const asMember = await json('POST', `/api/groups/${groupId}/departures`, await member(), {
      membershipId: byName('Жаран 2'),
      leftOn: '2026-12-04',
      reason: 'resigned',
    });
    expect(asMember.statusCode).toBe(403);
    const onPage = await form(`${page()}/departure?lang=ru`, await chair(), [
      ['membershipId', byName('Жаран 2')],
      ['leftOn', '2026-12-04'],
      ['reason', 'other'],
      ['note', ''],
    ]);
    expect(onPage.statusCode).toBe(400);
    expect(onPage.body).toContain('note');
    expect(await groupEvents()).toBe(before);
  });

  it('the form records a departure; the page shows it, the vacancy with its route and the composition with its arithmetic (ky, ru, en)', async () => {
    const done = await form(`${page()}/departure?lang=ru`, await chair(), [
      ['membershipId', byName('Жаран 2')],
      ['leftOn', '2026-12-04'],
      ['reason', 'moved-away'],
    ]);
    expect(done.statusCode).toBe(303);
    const ru = await w.app.inject({
      method: 'GET',
      url: `${page()}?lang=ru&done=left`,
      headers: { cookie: (await chair()).cookie },
    });
    expect(ru.statusCode).toBe(200);
    expect(ru.body).toContain('Записано. С этого дня кворум');
    expect(ru.body).toContain('Жаран 2 — представитель местного сообщества, 04.12.2026: переехал(а)');
    expect(ru.body).toContain('Текущие члены (12)');
    expect(ru.body).toContain('5.4.4, 5.4.8');
    const en = await w.app.inject({
      method: 'GET',
      url: `${page()}?lang=en`,
      headers: { cookie: (await chair()).cookie },
    });
    expect(en.body).toContain('Composition check (5.2)');
    expect(en.body).toContain('5.2.1');
    const ky = await w.app.inject({
      method: 'GET',
      url: `${page()}?lang=ky`,
      headers: { cookie: (await chair()).cookie },
    });
    expect(ky.body).toContain('Бош орундар');
  });

  it('jmeg member leave records a deputy leaving and prints the due day (5.4.3) and the composition; a nomination in another category is refused naming 5.4.8', async () => {
    const left = await w.jmeg(
      'member',
      'leave',
      byName('Депутат 1'),
      '--group',
      groupId,
      '--on',
      '2026-12-07',
      '--reason',
      'resigned',
      '--lang',
      'en',
    );
    expect(left.stderr).toBe('');
    expect(left.code).toBe(0);
    expect(left.stdout).toContain(`vacancy ${byName('Депутат 1')} (deputy) is open`);
    expect(left.stdout).toContain('to be named by 2026-12-28');
    expect(left.stdout).toContain('the quorum counts 11 members from 2026-12-07');
    expect(left.stdout).toContain('composition: 11 members');
    const before = await groupEvents();
    const wrong = await w.staff('POST', `/api/groups/${groupId}/vacancies/${byName('Депутат 1')}/nomination?lang=en`, {
      nominee: { fullName: 'Бакыт Осмонов', category: 'citizen' },
      source: { kind: 'council-chair', ref: '№12', date: '2026-12-07' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { problems: { field: string; clause: string }[] } }>().error.problems).toEqual([
      expect.objectContaining({ field: 'nominee.category', clause: '5.4.8' }),
    ]);
    const cliWrong = await w.jmeg(
      'member',
      'nominate',
      byName('Депутат 1'),
      '--group',
      groupId,
      '--name',
      'Бакыт Осмонов',
      '--category',
      'deputy',
      '--source',
      'executive-head',
      '--ref',
      '№12',
      '--date',
      '2026-12-07',
      '--lang',
      'en',
    );
    expect(cliWrong.code).toBe(1);
    expect(cliWrong.stderr).toContain('named by the council chair');
    expect(cliWrong.stderr).toContain('5.4.3');
    expect(await groupEvents()).toBe(before);
    const ok = await w.staff('POST', `/api/groups/${groupId}/vacancies/${byName('Депутат 1')}/nomination`, {
      nominee: { fullName: 'Бакыт Осмонов', category: 'deputy' },
      source: { kind: 'council-chair', ref: '№12', date: '2026-12-07' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ nomination: { late: boolean } }>().nomination.late).toBe(false);
    const periods = await w.staff('PUT', `/api/councils/${w.councilId}/replacement-periods`, { apply: false });
    expect(periods.statusCode, periods.body).toBe(200);
    expect(periods.json()).toEqual({ apply: false, changed: true });
    const stored = await w.t.db
      .selectFrom('councils')
      .select('replacement_periods')
      .where('id', '=', w.councilId)
      .executeTakeFirstOrThrow();
    expect(stored.replacement_periods).toBe(false);
  });
  it("the page records the council's decision for a nominated vacancy: a decision before the nomination is refused naming 5.4.5, the right one makes the nominee a member", async () => {
    const vacancy = byName('Депутат 1');
    const before = await groupEvents();
    const shown = await w.staff('GET', `${page()}?lang=en`);
    expect(shown.body).toContain('Record the council&#39;s decision: Бакыт Осмонов');
    const early = await w.staff('POST', `${page()}/vacancies/${vacancy}/appointment?lang=en`, {
      fullName: 'Бакыт Осмонов',
      decisionNumber: '101',
      decisionDate: '2026-12-06',
      sex: 'M',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('5.4.5');
    expect(await groupEvents()).toBe(before);
    const done = await w.staff('POST', `${page()}/vacancies/${vacancy}/appointment?lang=en`, {
      fullName: 'Бакыт Осмонов',
      decisionNumber: '101',
      decisionDate: '2026-12-07',
      sex: 'M',
      birthDate: '1979',
    });
    expect(done.statusCode).toBe(303);
    const after = await w.staff('GET', `${page()}?lang=en&done=step`);
    expect(after.body).toContain('Recorded.');
    expect(after.body).toContain('appointed: Бакыт Осмонов (№101, 07.12.2026)');
    expect(after.body).toContain('Current members (12)');
  });
});
