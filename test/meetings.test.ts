// The meetings of a group's term (7.2.1-7.2.4) through the pages, the JSON API and `jmeg meeting`, on Temporal's real
// time-skipping test server with the real term workflow and activities, a Postgres test database and `jmeg` spawned
// against the same database and server. The group: 13 members, its term from 20.11.2026 to 20.11.2030; the server's
// clock starts on Monday 7 December 2026, 10:00 in Bishkek. Bad input (a meeting in the past, attendance larger than
// the membership, minutes without a date) is refused naming the field and the clause, with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../db/accounts';
import { streams } from '../db/events';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { requireServer, testServer } from './support/temporal-servers';
import { termGroup } from './support/term-group';

const server = testServer();
const runs = requireServer(server, 'meetings pages, API and CLI');
const START = '2026-12-07T04:00:00.000Z'; // Monday 7 December 2026, 10:00 in Bishkek
const PASSWORD = 'meetings test password';
/** The smallest valid PDF the annex policy accepts (by name and content). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

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
const meetingEvents = async () =>
  (
    await w.t.db
      .selectFrom('events')
      .select('type')
      .where('stream_id', '=', streams.group(groupId))
      .where('type', 'like', 'meeting.%')
      .orderBy('stream_version')
      .execute()
  ).map((r) => r.type);

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

describe.skipIf(!runs)("a group's meetings on the pages, the API and jmeg (7.2.1-7.2.4)", () => {
  const base = () => `/api/groups/${groupId}/meetings`;
  const page = () => `/manage/groups/${groupId}/meetings`;

  it('a meeting in the past is refused naming the date and 7.2.1; nothing is written', async () => {
    const res = await json('POST', `${base()}?lang=en`, await chair(), {
      date: '2026-12-04',
      time: '15:00',
      place: 'Айыл өкмөтүнүн чоң залы',
      agenda: 'Иш планы',
    });
    expect(res.statusCode).toBe(400);
    const error = res.json<{ error: { field: string; problems: { field: string; clause: string }[] } }>().error;
    expect(error.field).toBe('date');
    expect(error.problems).toEqual([expect.objectContaining({ field: 'date', clause: '7.2.1' })]);
    const onPage = await form(`${page()}?lang=ru`, await chair(), [
      ['kind', 'regular'],
      ['date', '2026-12-04'],
      ['time', '15:00'],
      ['place', 'Зал'],
      ['agenda', 'План'],
    ]);
    expect(onPage.statusCode).toBe(400);
    expect(onPage.body).toContain('п. 7.2.1');
    expect(await meetingEvents()).toEqual([]);
  });

  it('the chair schedules on the page; the list shows it; a member reads the list but may not schedule', async () => {
    const res = await form(`${page()}?lang=ky`, await chair(), [
      ['kind', 'regular'],
      ['date', '2026-12-07'],
      ['time', '16:00'],
      ['place', 'Айыл өкмөтүнүн чоң залы'],
      ['agenda', '2027-жылдын иш планы (7.3.1)'],
    ]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page()}?lang=ky&done=scheduled`);
    const list = await w.app.inject({
      method: 'GET',
      url: `${page()}?lang=ky`,
      headers: { cookie: (await member()).cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('07.12.2026, 16:00');
    expect(list.body).toContain('Ыйгарым укуктарынын мөөнөтү: 20.11.2026 – 20.11.2030 (5.3.1).');
    expect(list.body).not.toContain('name="agenda"');
    const own = await w.app.inject({
      method: 'GET',
      url: '/account?lang=ky',
      headers: { cookie: (await member()).cookie },
    });
    expect(own.body).toContain(`<a href="${page()}?lang=ky">Менин жыйналыштарым</a>`);
    const refused = await json('POST', base(), await member(), {
      date: '2026-12-20',
      time: '15:00',
      place: 'Зал',
      agenda: 'План',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('the annual gathering (7.2.4) is announced on the notice board, the Atom feed and the print page; moving it announces again', async () => {
    const res = await json('POST', base(), await chair(), {
      meetingId: 'annual-2026',
      kind: 'annual-gathering',
      date: '2026-12-26',
      time: '11:00',
      place: 'Айылдык клуб',
      agenda: 'Топтун 2026-жылдагы иши',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{
      meeting: { kind: string; status: string };
      notice: { noticeId: string; created: boolean };
    }>();
    expect(body.meeting).toMatchObject({ kind: 'annual-gathering', status: 'scheduled' });
    expect(body.notice).toEqual({ noticeId: 'annual-gathering:annual-2026:scheduled', created: true });
    const board = await w.app.inject({ method: 'GET', url: `/councils/${w.councilId}/notices?lang=ky` });
    expect(board.body).toContain('жыл сайынкы коомдоштуктун жыйынына (7.2.4) чакырат');
    expect(board.body).toContain('26.12.2026, 11:00');
    const feed = await w.app.inject({ method: 'GET', url: `/councils/${w.councilId}/notices.atom` });
    expect(feed.body).toContain('Айылдык клуб');
    const print = await w.app.inject({
      method: 'GET',
      url: `/notices/${encodeURIComponent(body.notice.noticeId)}/print?lang=ru`,
    });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('ежегодное собрание местного сообщества (п. 7.2.4)');
    const moved = await json('POST', `${base()}/annual-2026/move`, await chair(), {
      date: '2026-12-27',
      time: '11:00',
      reason: 'Клуб бош эмес',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      meeting: { date: '2026-12-27', moves: 1 },
      notice: { noticeId: 'annual-gathering:annual-2026:moved-1', created: true },
    });
    const board2 = await w.app.inject({ method: 'GET', url: `/councils/${w.councilId}/notices?lang=ky` });
    expect(board2.body).toContain('27.12.2026, 11:00');
  });

  it('jmeg meeting schedules and cancels; list names the meetings and the members', async () => {
    const scheduled = await w.jmeg(
      'meeting',
      'schedule',
      '--group',
      groupId,
      '--id',
      'extra-2029',
      '--kind',
      'extraordinary',
      '--date',
      '2029-06-01',
      '--time',
      '10:00',
      '--place',
      'Зал',
      '--agenda',
      'Кезексиз маселе',
    );
    expect(scheduled.stderr).toBe('');
    expect(scheduled.stdout).toContain('meeting extra-2029 scheduled on 2029-06-01 10:00');
    const cancelled = await w.jmeg('meeting', 'cancel', 'extra-2029', '--group', groupId, '--reason', 'Зарыл эмес');
    expect(cancelled.code).toBe(0);
    const list = await w.jmeg('meeting', 'list', '--group', groupId);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('extra-2029  2029-06-01 10:00  extraordinary  cancelled');
    expect(list.stdout).toContain(`${members[0]!.membershipId}  ${members[0]!.fullName}`);
  }, 120_000);

  it('attendance larger than the membership is refused naming presentMembershipIds; 7 of 13 present is quorate, with its arithmetic', async () => {
    const state = await json('GET', base(), await chair());
    const m1 = state
      .json<{ meetings: { meetingId: string; date: string }[] }>()
      .meetings.find((m) => m.date === '2026-12-07')!;
    const all = [...members.map((m) => m.membershipId), 'not-a-member'];
    const tooMany = await json('POST', `${base()}/${m1.meetingId}/attendance?lang=en`, await chair(), {
      heldOn: '2026-12-07',
      presentMembershipIds: all,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<{ error: { field: string } }>().error.field).toBe('presentMembershipIds');
    expect(await meetingEvents()).not.toContain('meeting.attendance-recorded');

    const present = members.slice(0, 7).map((m) => m.membershipId);
    const res = await form(`${page()}/${m1.meetingId}/attendance?lang=en`, await chair(), [
      ['heldOn', '2026-12-07'],
      ...present.map((id): [string, string] => ['present', id]),
    ]);
    expect(res.statusCode).toBe(303);
    const shown = await w.app.inject({
      method: 'GET',
      url: `${page()}/${m1.meetingId}?lang=en`,
      headers: { cookie: (await chair()).cookie },
    });
    expect(shown.body).toContain(
      'The group has 13 members; a meeting is competent when more than half are present (7.2.3): at least 7. Present: 7 — quorum met.',
    );

    // Minutes without a date: refused by the API and by jmeg, naming the date.
    const noDate = await json('POST', `${base()}/${m1.meetingId}/minutes?lang=en`, await chair(), {
      date: '',
      text: 'Протокол',
    });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json<{ error: { field: string } }>().error.field).toBe('date');
    const cliNoDate = await w.jmeg(
      'meeting',
      'minutes',
      m1.meetingId,
      '--group',
      groupId,
      '--text',
      'Протокол',
      '--lang',
      'en',
    );
    expect(cliNoDate.code).toBe(1);
    expect(cliNoDate.stderr).toContain('date');
    expect(await meetingEvents()).not.toContain('meeting.minutes-recorded');

    // The minutes with the signed file, on the page (multipart).
    const boundary = '----jmegminutes';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(
        part('_csrf', (await chair()).csrf) + part('date', '2026-12-07') + part('text', 'Иш планы талкууланды.'),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="protokol.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const saved = await w.app.inject({
      method: 'POST',
      url: `${page()}/${m1.meetingId}/minutes?lang=en`,
      headers: { cookie: (await chair()).cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    const file = await w.app.inject({
      method: 'GET',
      url: `${page()}/${m1.meetingId}/minutes-file`,
      headers: { cookie: (await member()).cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const decided = await json('POST', `${base()}/${m1.meetingId}/decisions`, await chair(), {
      text: '2027-жылдын иш планы бекитилсин',
      votes: { for: 6, against: 1, abstained: 0 },
    });
    expect(decided.statusCode).toBe(201);
    expect(decided.json<{ decisions: { taken: boolean; because: string }[] }>().decisions).toEqual([
      expect.objectContaining({ taken: true, because: 'majority' }),
    ]);

    // Public minutes: names and roles only.
    await w.engine.settle();
    const pub = await w.app.inject({
      method: 'GET',
      url: `/groups/${groupId}/meetings/${m1.meetingId}/minutes?lang=ky`,
    });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toMatch(/>Жаран 1<\/td><td[^>]*>топтун төрагасы<\/td>/);
    expect(pub.body).toMatch(/>Жаран 2<\/td><td[^>]*>топтун мүчөсү<\/td>/);
    for (const m of members.slice(7)) expect(pub.body).not.toContain(`>${m.fullName}<`);
    for (const m of members.slice(0, 7)) expect(pub.body).toContain(`>${m.fullName}<`);
    expect(pub.body).not.toMatch(/\+99670055|member19\d\d@example\.kg|1961/);
    expect(pub.body).toContain('кабыл алынды');
  }, 120_000);

  it('a meeting without quorum: 6 of 13 present; its decision is recorded as not taken (jmeg)', async () => {
    const res = await json('POST', base(), await chair(), {
      meetingId: 'second-2026',
      kind: 'extraordinary',
      date: '2026-12-07',
      time: '18:00',
      place: 'Зал',
      agenda: 'Кезексиз маселе',
    });
    expect(res.statusCode).toBe(201);
    const present = members
      .slice(0, 6)
      .map((m) => m.membershipId)
      .join(',');
    const held = await w.jmeg(
      'meeting',
      'attendance',
      'second-2026',
      '--group',
      groupId,
      '--held-on',
      '2026-12-07',
      '--present',
      present,
      '--lang',
      'ru',
    );
    expect(held.stderr).toBe('');
    expect(held.stdout).toContain(
      'В группе 13 членов; заседание правомочно, если присутствует более половины (7.2.3): минимум 7. Присутствуют 6 — кворума нет.',
    );
    const decision = await w.jmeg(
      'meeting',
      'decision',
      'second-2026',
      '--group',
      groupId,
      '--text',
      'Чечим',
      '--for',
      '6',
      '--against',
      '0',
      '--abstained',
      '0',
    );
    expect(decision.stdout).toContain('not taken (no-quorum)');
    const shown = await w.app.inject({
      method: 'GET',
      url: `${page()}/second-2026?lang=ru`,
      headers: { cookie: (await member()).cookie },
    });
    expect(shown.body).toContain('не принято: нет кворума (п. 7.2.3)');
    expect(shown.body).toContain('На заседании не было кворума');
  }, 120_000);

  it("the chair's dashboard: the term with days left, the next meeting, the quarter's cadence warning, attendance per member", async () => {
    await w.engine.settle();
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/groups/${groupId}/dashboard`,
      headers: { cookie: (await chair()).cookie },
    });
    expect(res.statusCode).toBe(200);
    const term = res.json<{ term: Record<string, unknown> }>().term;
    expect(term).toMatchObject({
      start: '2026-11-20',
      end: '2030-11-20',
      daysLeft: 1444,
      next: { meetingId: 'annual-2026', date: '2026-12-27' },
      quarter: {
        year: 2026,
        quarter: 4,
        // m-1 and second-2026; the annual gathering (7.2.4) and the cancelled meeting do not count.
        meetings: 2,
        reading: 'at-most-once-per-quarter',
        state: 'more-than-one',
        warningOn: '2026-12-28',
      },
      held: 2,
    });
    const rows = (term.attendance as { fullName: string; attended: number }[]).map((a) => [a.fullName, a.attended]);
    // The first six members attended both meetings, the seventh the first only, the others neither.
    expect(rows).toHaveLength(13);
    for (const [i, m] of members.entries()) expect(rows).toContainEqual([m.fullName, i < 6 ? 2 : i === 6 ? 1 : 0]);
    const pageRes = await w.app.inject({
      method: 'GET',
      url: `/manage/groups/${groupId}/dashboard?lang=en`,
      headers: { cookie: (await chair()).cookie },
    });
    expect(pageRes.body).toContain('20.11.2026 – 20.11.2030; 1,444 days left');
    expect(pageRes.body).toContain('Warning (7.2.2): more than one meeting held or planned in this quarter');
  }, 60_000);
});
