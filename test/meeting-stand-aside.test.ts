// 6.4 at the group's meetings (issue 14 point 2), on Temporal's real time-skipping test server with the real term
// workflow and activities, a Postgres test database, the app and `jmeg` on the same engine. The group: 13 members, its
// term from 20.11.2026; the server's clock starts on Monday 7 December 2026, 10:00 in Bishkek. «Жаран 3» declares a
// conflict about the village school and the council chair removes them from 07.12.2026 to 31.12.2026. At the meeting of
// Friday 18 December 2026 (8 present, Жаран 3 among them) a decision about the school records Жаран 3 as standing aside;
// listing them among those who voted is refused (409, 6.4) with nothing written; at the meeting of Friday 15 January
// 2027, after the removal ended, a decision about the school counts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../db/accounts';
import { streams } from '../db/events';
import { registerObject } from '../db/objects';
import { declareConflict, recordConflictRemoval } from '../procedures/conflicts/conflicts';
import { recordAttendance, recordDecision, recordMinutes, scheduleMeeting } from '../procedures/term/meetings';
import { termState } from '../procedures/term/term-state';
import { ProcedureRefusedError } from '../procedures/engine';
import { ConflictError } from '../procedures/refusals';
import { recordDecisionUpdate, termWorkflowId, type TermState } from '../workflows/term/contract';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { saveHistory } from './support/history-fixtures';
import { requireServer, testServer } from './support/temporal-servers';
import { termGroup } from './support/term-group';

const server = testServer();
const runs = requireServer(server, 'a removed member stands aside from meeting decisions');
const START = '2026-12-07T04:00:00.000Z'; // Monday 7 December 2026, 10:00 in Bishkek
const PASSWORD = 'stand aside test password';
const REASON_TEXT = 'Менин агам мектептин директору (жеке кызыкчылык, 6.2).';
const MATTER = 'Көчөлөрдү жарыктандыруу тендери';

let w: CliWorld;
let groupId: string;
let schoolId: string;
let members: { membershipId: string; fullName: string }[];
let removed: { membershipId: string; fullName: string };
let lamps: { membershipId: string; fullName: string };
let chair: { cookie: string; csrf: string };

const id = (name: string) => members.find((m) => m.fullName === name)!.membershipId;
/** The 8 present at both meetings: Жаран 1-6 (Жаран 3 among them), Депутат 1 and Депутат 2. */
const PRESENT = ['Жаран 1', 'Жаран 2', 'Жаран 3', 'Жаран 4', 'Жаран 5', 'Жаран 6', 'Депутат 1', 'Депутат 2'];
const deps = () => ({ engine: w.engine, db: w.t.db, now: () => w.engine.now() });

async function state(): Promise<TermState> {
  const s = await termState({ engine: w.engine }, { groupId });
  if (s.source !== 'procedure') throw new Error(`no term procedure: ${s.reason}`);
  return s.state;
}
const decisionEvents = async () =>
  (
    await w.t.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('stream_id', '=', streams.group(groupId))
      .where('type', '=', 'meeting.decision-recorded')
      .orderBy('stream_version')
      .execute()
  ).map((r) => r.payload as Record<string, unknown>);

async function json(url: string, payload: object) {
  return w.app.inject({
    method: 'POST',
    url,
    headers: { cookie: chair.cookie, 'x-csrf-token': chair.csrf },
    payload,
  });
}
async function form(url: string, fields: [string, string][]) {
  return w.app.inject({
    method: 'POST',
    url,
    headers: { cookie: chair.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', chair.csrf], ...fields]).toString(),
  });
}

type Refusal = {
  error: { code: string; problems?: { field: string; rule: string; clause: string | null; message: string }[] };
};

beforeAll(async () => {
  if (!server.available) return;
  w = await createCliWorld({ serverPath: server.path, startTime: START });
  const db = w.t.db;
  const started = await termGroup(w);
  groupId = started.groupId;
  const { listed } = started;
  members = listed.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName }));
  removed = members.find((m) => m.fullName === 'Жаран 3')!;
  lamps = members.find((m) => m.fullName === 'Депутат 2')!;
  const school = await registerObject(
    db,
    {
      councilId: w.councilId,
      kind: 'municipal_institution',
      name: { ky: 'Айылдык мектеп', ru: 'Сельская школа' },
      emails: ['mektep@ayil.kg'],
    },
    'test',
  );
  schoolId = school.id;
  // 6.3-6.4 as the conflicts' procedure records them: a written declaration, then the council chair's removal.
  const conflicts = { db, engine: w.engine, now: () => w.engine.now() };
  const declared = await declareConflict(conflicts, {
    groupId,
    membershipId: removed.membershipId,
    objectId: schoolId,
    text: REASON_TEXT,
    file: null,
    actor: 'staff:test',
  });
  expect(declared.declaredOn).toBe('2026-12-07');
  await recordConflictRemoval(conflicts, {
    groupId,
    declarationId: declared.declarationId,
    from: '2026-12-07',
    to: '2026-12-31',
    reason: 'Жеке кызыкчылык (6.2)',
    actor: 'staff:test',
  });
  const lampsDeclared = await declareConflict(conflicts, {
    groupId,
    membershipId: lamps.membershipId,
    matter: MATTER,
    text: 'Тендерге менин ишканам катышат.',
    file: null,
    actor: 'staff:test',
  });
  await recordConflictRemoval(conflicts, {
    groupId,
    declarationId: lampsDeclared.declarationId,
    from: '2026-12-07',
    to: '2027-03-31',
    reason: 'Жеке кызыкчылык',
    actor: 'staff:test',
  });
  await createAccount(db, { email: 'chair@ayil.kg', password: PASSWORD, role: 'chair', groupId });
}, 240_000);

/** The chair signs in on the server's day (a session does not outlive the days the clock skips). */
async function signIn(): Promise<void> {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email: 'chair@ayil.kg', password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  chair = {
    cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
}

afterAll(async () => {
  await w?.close();
});

describe.skipIf(!runs)('a removed member stands aside from meeting decisions (6.4, 7.2.3)', () => {
  const api = (meetingId: string) => `/api/groups/${groupId}/meetings/${meetingId}/decisions`;
  const page = (meetingId: string) => `/manage/groups/${groupId}/meetings/${meetingId}`;

  it('18.12.2026, inside the removal: a decision about the school records Жаран 3 as standing aside; the majority counts the 7 taking part', async () => {
    await scheduleMeeting(deps(), {
      groupId,
      meetingId: 'm-dec',
      date: '2026-12-18',
      time: '15:00',
      place: 'Айыл өкмөтүнүн чоң залы',
      agenda: 'Мектептин ашканасы',
      actor: 'test:chair',
    });
    await w.engine.advanceTo('2026-12-18T12:00:00Z'); // 18:00 in Bishkek
    const present = PRESENT.map(id);
    expect(present).toContain(removed.membershipId);
    await recordAttendance(deps(), {
      groupId,
      meetingId: 'm-dec',
      heldOn: '2026-12-18',
      presentMembershipIds: present,
      actor: 'test:chair',
    });
    await signIn();

    // More votes than the 7 taking part: 400 naming the votes, nothing written.
    const tooMany = await json(`${api('m-dec')}?lang=en`, {
      text: 'Мектептин ашканасын текшерүү',
      votes: { for: 5, against: 2, abstained: 1 },
      about: { objectId: schoolId },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<Refusal>().error.problems).toMatchObject([
      { field: 'votes', rule: 'votes-exceed-participants', clause: '7.2.3' },
    ]);
    expect(await decisionEvents()).toEqual([]);

    const res = await json(api('m-dec'), {
      decisionId: 'd-school-1',
      text: 'Мектептин ашканасын текшерүү',
      votes: { for: 4, against: 2, abstained: 1 },
      about: { objectId: schoolId },
    });
    expect(res.statusCode).toBe(201);
    const decision = res
      .json<{ decisions: Record<string, unknown>[] }>()
      .decisions.find((d) => d.decisionId === 'd-school-1')!;
    expect(decision).toMatchObject({
      subject: { kind: 'object', objectId: schoolId, planItemId: null, matter: null, label: 'Айылдык мектеп' },
      stoodAsideMembershipIds: [removed.membershipId],
      participantMembershipIds: present.filter((x) => x !== removed.membershipId),
      // 4 of the 7 taking part (4 of 8 present would not be more than half).
      taken: true,
      because: 'majority',
    });
    const [event] = await decisionEvents();
    expect(event).toMatchObject({
      decisionId: 'd-school-1',
      subject: { kind: 'object', objectId: schoolId },
      stoodAsideMembershipIds: [removed.membershipId],
    });
    expect(JSON.stringify(event)).not.toContain(REASON_TEXT);
  }, 180_000);

  it('listing Жаран 3 among those who voted is refused 409 naming 6.4 and the field (API, use case, page in ky/ru/en); nothing written', async () => {
    const before = await state();
    const eventsBefore = await decisionEvents();
    const voters = [removed.membershipId, id('Жаран 1'), id('Жаран 2')];
    const res = await json(`${api('m-dec')}?lang=ru`, {
      text: 'Мектептин ремонту',
      votes: { for: 3, against: 0, abstained: 0 },
      about: { objectId: schoolId },
      participantMembershipIds: voters,
    });
    expect(res.statusCode).toBe(409);
    const problems = res.json<Refusal>().error.problems!;
    expect(problems).toMatchObject([
      { field: 'participantMembershipIds', rule: 'removed-for-conflict-of-interest', clause: '6.4' },
    ]);
    expect(problems[0]!.message).toContain('Жаран 3');
    expect(problems[0]!.message).toContain('п. 6.4');

    const error = await recordDecision(deps(), {
      groupId,
      meetingId: 'm-dec',
      decisionId: 'd-refused',
      text: 'Мектептин ремонту',
      votes: { for: 3, against: 0, abstained: 0 },
      about: { objectId: schoolId },
      participantMembershipIds: voters,
      actor: 'test:chair',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    // The procedure's own validator refuses the same, should a caller skip the use case.
    const direct = await w.engine
      .update(termWorkflowId(groupId), recordDecisionUpdate, {
        meetingId: 'm-dec',
        decisionId: 'd-direct',
        text: 'Мектептин ремонту',
        votes: { for: 3, against: 0, abstained: 0 },
        stoodAsideMembershipIds: [removed.membershipId],
        participantMembershipIds: voters,
        actor: 'test:chair',
      })
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(ProcedureRefusedError);
    expect((direct as ProcedureRefusedError).problems.map((p) => [p.code, p.field, p.clause])).toEqual([
      ['removed-for-conflict-of-interest', 'participantMembershipIds', '6.4'],
    ]);

    for (const [lang, words] of [
      ['ky', 'Жаран 3 кызыкчылыктардын кагылышуусу боюнча бул маселеден убактылуу четтетилген (6.4-пункт)'],
      ['ru', 'Жаран 3 временно отстранен(ы) от этого вопроса из-за конфликта интересов (п. 6.4)'],
      ['en', 'Жаран 3 is temporarily removed from this subject for a conflict of interest (clause 6.4)'],
    ] as const) {
      const onPage = await form(`${page('m-dec')}/decisions?lang=${lang}`, [
        ['text', 'Мектептин ремонту'],
        ['for', '3'],
        ['against', '0'],
        ['abstained', '0'],
        ['about', `object:${schoolId}`],
        ...voters.map((v): [string, string] => ['participant', v]),
      ]);
      expect(onPage.statusCode).toBe(409);
      expect(onPage.body).toContain(words);
    }
    expect(await decisionEvents()).toEqual(eventsBefore);
    const after = await state();
    expect(after.meetings.find((m) => m.meetingId === 'm-dec')!.decisions).toEqual(
      before.meetings.find((m) => m.meetingId === 'm-dec')!.decisions,
    );
  }, 180_000);

  it('the page form offers the object and the declared matter; about that matter Депутат 2 stands aside; the chair lists who voted', async () => {
    const shown = await w.app.inject({
      method: 'GET',
      url: `${page('m-dec')}?lang=ky`,
      headers: { cookie: chair.cookie },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`<option value="object:${schoolId}">Айылдык мектеп</option>`);
    expect(shown.body).toContain(`<option value="matter:${MATTER}">${MATTER}</option>`);
    // Депутат 2 is removed from that matter until 31.03.2027; the chair lists the three who voted.
    const voters = [id('Жаран 1'), id('Жаран 2'), id('Депутат 1')];
    const res = await form(`${page('m-dec')}/decisions?lang=ky`, [
      ['text', 'Жарыктандыруу тендерин байкоо'],
      ['for', '2'],
      ['against', '1'],
      ['abstained', '0'],
      ['about', `matter:${MATTER}`],
      ...voters.map((v): [string, string] => ['participant', v]),
    ]);
    expect(res.statusCode).toBe(303);
    const d = (await state()).meetings.find((m) => m.meetingId === 'm-dec')!.decisions.at(-1)!;
    expect(d).toMatchObject({
      subject: { kind: 'matter', matter: MATTER },
      participantMembershipIds: voters,
      stoodAsideMembershipIds: [lamps.membershipId],
    });
  }, 120_000);

  it('the meeting page and the public minutes show what each decision was about and who stood aside, by name only', async () => {
    await recordMinutes(deps(), {
      groupId,
      meetingId: 'm-dec',
      date: '2026-12-18',
      text: 'Протокол № 4.',
      actor: 'test:chair',
    });
    for (const [lang, about, aside] of [
      ['ky', 'Эмне жөнүндө: Айылдык мектеп', 'Четте калгандар (6.4-пункт): Жаран 3'],
      ['ru', 'О чём: Сельская школа', 'Отстранены от решения (п. 6.4): Жаран 3'],
      ['en', 'About: Сельская школа', 'Stood aside (6.4): Жаран 3'],
    ] as const) {
      const shown = await w.app.inject({
        method: 'GET',
        url: `${page('m-dec')}?lang=${lang}`,
        headers: { cookie: chair.cookie },
      });
      expect(shown.body).toContain(about);
      expect(shown.body).toContain(aside);
      expect(shown.body).not.toContain(REASON_TEXT);
      const pub = await w.app.inject({ method: 'GET', url: `/groups/${groupId}/meetings/m-dec/minutes?lang=${lang}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.body).toContain(about);
      expect(pub.body).toContain(aside);
      expect(pub.body).not.toContain(REASON_TEXT);
      expect(pub.body).not.toContain('Жеке кызыкчылык');
    }
  }, 120_000);

  it('15.01.2027, after the removal ended: a decision about the school (jmeg) counts Жаран 3 among those taking part', async () => {
    await scheduleMeeting(deps(), {
      groupId,
      meetingId: 'm-jan',
      date: '2027-01-15',
      time: '10:00',
      place: 'Айыл өкмөтүнүн чоң залы',
      agenda: 'Мектеп',
      actor: 'test:chair',
    });
    await w.engine.advanceTo('2027-01-15T08:00:00Z');
    const present = PRESENT.map(id);
    await recordAttendance(deps(), {
      groupId,
      meetingId: 'm-jan',
      heldOn: '2027-01-15',
      presentMembershipIds: present,
      actor: 'test:chair',
    });
    const out = await w.jmeg(
      'meeting',
      'decision',
      'm-jan',
      '--group',
      groupId,
      '--text',
      'Мектептин ашканасынын актысы',
      '--for',
      '4',
      '--against',
      '3',
      '--abstained',
      '1',
      '--object',
      schoolId,
    );
    expect(out.stderr).toBe('');
    // 4 of 8 taking part is not more than half.
    expect(out.stdout).toContain('not taken (no-majority)');
    expect(out.stdout).toContain('about: Айылдык мектеп');
    expect(out.stdout).not.toContain('stood aside');
    const d = (await state()).meetings.find((m) => m.meetingId === 'm-jan')!.decisions[0]!;
    expect(d).toMatchObject({ stoodAsideMembershipIds: [], participantMembershipIds: present });
    await saveHistory(await w.engine.history(termWorkflowId(groupId)), 'term-decision-stand-aside');
  }, 180_000);
});
