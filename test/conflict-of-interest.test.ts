// Issue 14, point 2: conflicts of interest (6.3-6.4), over HTTP on real PostgreSQL. A member declares in writing a
// conflict about a monitored object; staff (acting for the council chair) record a temporary removal; the member's
// draft of an act and information request about that object are refused naming 6.4 with nothing written, while the
// chair still drafts; a removal without a declaration is refused naming the field and the rule; the chair's dashboard
// part flags the removal and a declaration past its 3-working-day target (not statutory); the public composition page
// shows the standing aside and never the written reasons. A member's or chair's account declares only for the member
// it is linked to (linked on first use by its e-mail, or by staff); staff enter a paper declaration for any member,
// and its removal holds for that member's account. A removal from a work-plan item refuses the member's edit of an act
// linked to it. Declarations start their procedure on the time-skipping server (test/conflict-removal-workflow.test.ts
// follows one through its dates). The clock: Monday 7 December 2026, 10:00 in Bishkek.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { conflictFlags } from '../api/conflicts/routes';
import { loadConfig } from '../config/config';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { registerObject } from '../db/objects';
import { recordPlan } from '../db/plans';
import { streams } from '../db/events';
import { record } from '../db/record';
import { rebuildProjections } from '../db/rebuild-projections';
import { checkNotRemoved, checkRemoval } from '../domain/conflict-of-interest';
import type { RosterMember } from '../domain/roster';
import { createAccounts } from './support/accounts';
import { countRows, dumpProjections, dumpTable } from './support/db-dump';
import { decideGroupCreation } from './support/group-created';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const PASSWORD = 'correct horse battery';
const START = '2026-12-07T04:00:00.000Z'; // Monday 7 December 2026, 10:00 in Bishkek
const server = testServer();
const withServer = requireServer(server, 'conflicts of interest over HTTP');
let engine: TimeSkippingEngine;
let smtp: TestSmtpServer;
let transport: MailTransport;

let t: TestDatabase;
let app: App;
let dataDir: string;
let councilId: string;
let groupId: string;
let objectId: string;
let otherObjectId: string;
let membershipId: string;
let declarationId: string;
let chairMembership: string;
let staffMembership: string;
let planItemId: string;
let thirdObjectId: string;

const REASON_TEXT = 'Менин агам «Курулуш» ЖЧКнын директору.';

const member = (fullName: string, sex: 'M' | 'F', category: RosterMember['category'], year: number): RosterMember => ({
  fullName,
  sex,
  birthDate: { year, month: 5, day: 1 },
  category,
  workplace: null,
  village: 'Терек-Суу',
  phone: `+99670000${String(year).slice(-4)}`,
  // Бакиров's address is his account's: the account is linked to his membership on its first use.
  email: fullName === 'Бакиров Эмил' ? 'member@ayil.kg' : null,
});

beforeAll(async () => {
  if (!withServer) return;
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@ayil.kg' });
  engine = await createTimeSkippingEngine({
    serverPath: server.available ? server.path : '',
    db: t.db,
    transport,
    mailFrom: 'jmeg@ayil.kg',
    startTime: START,
  });
  dataDir = mkdtempSync(join(tmpdir(), 'jmeg-conflicts-'));
  app = buildApp({ db: t.db, config: { ...loadConfig({}), dataDir }, clock: () => engine.now(), engine });
  await app.ready();
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Терек-Суу айылдык кеңеши', ru: 'Терек-Суйский айылный кенеш' }, email: 'kenesh@ayil.kg' },
    'test',
  );
  groupId = await openGroup(t.db, { councilId }, 'test');
  await importRoster(
    t.db,
    groupId,
    [
      member('Асанова Айгүл', 'F', 'citizen', 1985),
      member('Бакиров Эмил', 'M', 'citizen', 1986),
      member('Султанова Жылдыз', 'F', 'citizen', 1987),
      member('Токтогулов Бакыт', 'M', 'municipal_employee', 1979),
      member('Жумабаев Нурлан', 'M', 'deputy', 1990),
    ],
    { actor: 'test', on: '2026-11-23' },
  );
  await decideGroupCreation(t.db, groupId, { createdOn: '2026-11-30', termEnd: '2030-11-30' });
  const rows = await t.db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.id', 'p.full_name'])
    .where('m.group_id', '=', groupId)
    .execute();
  membershipId = rows.find((r) => r.full_name === 'Бакиров Эмил')!.id;
  chairMembership = rows.find((r) => r.full_name === 'Асанова Айгүл')!.id;
  staffMembership = rows.find((r) => r.full_name === 'Токтогулов Бакыт')!.id;
  await record(t.db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [{ type: 'member.role-changed', payload: { groupId, membershipId: chairMembership, role: 'chair' } }],
  });
  const register = async (ky: string, ru: string, email: string) =>
    (await registerObject(t.db, { councilId, kind: 'procurement_supplier', name: { ky, ru }, emails: [email] }, 'test'))
      .id;
  objectId = await register('«Курулуш» ЖЧК', 'ОсОО «Курулуш»', 'kurulush@ayil.kg');
  otherObjectId = await register('«Суу» ЖЧК', 'ОсОО «Суу»', 'suu@ayil.kg');
  thirdObjectId = await register('Мектеп', 'Школа', 'mektep@ayil.kg');
  await createAccounts(t.db, PASSWORD, [
    ['staff@ayil.kg', 'staff', { councilId }],
    ['chair@ayil.kg', 'chair', { groupId }],
    ['member@ayil.kg', 'member', { groupId }],
    ['member2@ayil.kg', 'member', { groupId }],
  ]);
  // The group's approved work plan with one item (7.3.1), about the school.
  const planId = 'plan-conflicts';
  planItemId = 'item-school-roof';
  await recordPlan(
    t.db,
    planId,
    [
      { type: 'plan.drafted', payload: { planId, groupId, councilId, title: '2027-жылдын иш планы' } },
      {
        type: 'plan.item-added',
        payload: {
          planId,
          itemId: planItemId,
          proposalId: null,
          objectId: thirdObjectId,
          subject: 'Мектептин чатырын оңдоо',
          from: '2026-12-01',
          to: '2027-03-31',
          method: 'questionnaire',
        },
      },
      { type: 'plan.submitted', payload: { planId, submittedOn: '2026-12-02' } },
      {
        type: 'plan.approved',
        payload: { planId, sessionOn: '2026-12-04', decisionNumber: '7/3', text: 'Бекитилсин.', noticeId: null },
      },
    ],
    'test',
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await engine?.close();
  transport?.close();
  await Promise.all([t?.drop(), smtp?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sessions = new Map<string, { cookie: string; csrf: string }>();
async function login(email: string) {
  const known = sessions.get(email);
  if (known) return known;
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const session = {
    cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
  sessions.set(email, session);
  return session;
}
async function call(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const s = await login(who);
  return app.inject({
    method,
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

type Refusal = {
  error: { code: string; problems?: { field: string; rule: string; clause: string | null; message: string }[] };
};

describe('the rule (6.4), pure', () => {
  const removal = {
    accountId: 'a1',
    personId: 'p1',
    objectId: 'o1',
    planItemId: null,
    matter: null,
    from: '2026-12-07',
    to: '2026-12-31',
  };
  it('refuses the removed member about that object within the dates, and no one else', () => {
    expect(
      checkNotRemoved([removal], { memberAccountOrPersonId: 'a1', objectId: 'o1', on: '2026-12-07' }),
    ).toMatchObject([{ code: 'removed-for-conflict-of-interest', field: 'objectId', clause: '6.4' }]);
    expect(
      checkNotRemoved([removal], { memberAccountOrPersonId: 'p1', objectId: 'o1', on: '2026-12-31' }),
    ).toHaveLength(1);
    expect(checkNotRemoved([removal], { memberAccountOrPersonId: 'a1', objectId: 'o1', on: '2027-01-01' })).toEqual([]);
    expect(checkNotRemoved([removal], { memberAccountOrPersonId: 'a1', objectId: 'o2', on: '2026-12-07' })).toEqual([]);
    expect(checkNotRemoved([removal], { memberAccountOrPersonId: 'a2', objectId: 'o1', on: '2026-12-07' })).toEqual([]);
  });
  it('a removal needs a declaration, dates in order and a reason', () => {
    expect(
      checkRemoval({ from: '2026-12-07', to: '2026-12-31', reason: 'x' }, false).map((p) => [p.field, p.code]),
    ).toEqual([['declarationId', 'declaration-required']]);
    expect(
      checkRemoval({ declarationId: 'd', from: '2026-12-31', to: '2026-12-07', reason: ' ' }, true).map((p) => p.field),
    ).toEqual(['to', 'reason']);
  });
});

describe.skipIf(!withServer)('conflicts of interest over HTTP (6.3-6.4)', () => {
  it('a declaration with neither object nor matter, or with no text nor scan, is refused naming the field (nothing written)', async () => {
    const before = await countRows(t.db, 'events');
    const res = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts?lang=en`, {
      membershipId,
      text: REASON_TEXT,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<Refusal>().error.problems!.map((p) => p.field)).toEqual(['objectId']);
    const noText = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts?lang=en`, {
      membershipId,
      objectId,
    });
    expect(noText.json<Refusal>().error.problems).toMatchObject([{ field: 'text', clause: '6.3' }]);
    expect(await countRows(t.db, 'events')).toBe(before);
  });

  it('a member declares in writing; the page shows the 3-working-day target marked as not statutory', async () => {
    const res = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts`, {
      membershipId,
      objectId,
      text: REASON_TEXT,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ declaredOn: '2026-12-07' });
    declarationId = res.json<{ declarationId: string }>().declarationId;
    const listed = await call('chair@ayil.kg', 'GET', `/api/groups/${groupId}/conflicts`);
    expect(listed.json()).toMatchObject({
      declarations: [
        { declarationId, text: REASON_TEXT, removals: [], removalTarget: { targetOn: '2026-12-10', overdue: false } },
      ],
    });
    for (const [lang, words] of [
      ['en', 'not a statutory deadline'],
      ['ru', 'не установленный законом срок'],
      ['ky', 'мыйзамда белгиленген мөөнөт эмес'],
    ] as const) {
      const page = await app.inject({
        method: 'GET',
        url: `/manage/groups/${groupId}/conflicts?lang=${lang}`,
        headers: { cookie: (await login('staff@ayil.kg')).cookie },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(words);
      expect(page.body).toContain('10.12.2026');
      // The page says who is mailed and when the council is reminded, and what a removal about a matter blocks.
      expect(page.body).toContain(
        {
          en: 'the council is reminded once',
          ru: 'кенешу один раз отправляется напоминание',
          ky: 'кеңешке бир жолу эскертүү',
        }[lang],
      );
      expect(page.body).toContain({ en: 'blocks no act', ru: 'не блокирует акты', ky: 'актыларды бөгөттөбөйт' }[lang]);
    }
  });

  it('a member declares only for themselves; an account linked to nobody is told to ask staff (6.3), nothing written', async () => {
    // member@ayil.kg was linked to Бакиров's membership on its first use above (his roster e-mail is the account's).
    expect(
      (await t.db
        .selectFrom('accounts')
        .select('membership_id')
        .where('email', '=', 'member@ayil.kg')
        .executeTakeFirst())!.membership_id,
    ).toBe(membershipId);
    const before = await countRows(t.db, 'events');
    const forOther = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts?lang=en`, {
      membershipId: chairMembership,
      objectId,
      text: 'Асанованын атынан.',
    });
    expect(forOther.statusCode).toBe(409);
    expect(forOther.json<Refusal>().error.problems![0]).toMatchObject({ field: 'membershipId', clause: '6.3' });
    expect(forOther.json<Refusal>().error.problems![0]!.message).toContain('declares their own conflict');
    const unlinked = await call('member2@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts?lang=ru`, {
      membershipId,
      objectId,
      text: REASON_TEXT,
    });
    expect(unlinked.statusCode).toBe(409);
    expect(unlinked.json<Refusal>().error.problems![0]!.message).toContain('попросите сотрудника кенеша');
    expect(await countRows(t.db, 'events')).toBe(before);
    // The page offers a member only their own membership, and tells an unlinked account whom to ask.
    const page = async (who: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/manage/groups/${groupId}/conflicts?lang=en`,
          headers: { cookie: (await login(who)).cookie },
        })
      ).body;
    const own = await page('member@ayil.kg');
    expect(own).toContain(`<option value="${membershipId}">`);
    expect(own).not.toContain(`<option value="${chairMembership}">`);
    expect(own).toContain('Мектептин чатырын оңдоо'); // the approved plan's item can be chosen
    expect(await page('member2@ayil.kg')).toContain('ask council staff to link it to you');
  });

  it("staff link the chair's account to her membership; other accounts and members are refused", async () => {
    const idOf = async (email: string) =>
      (await t.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst())!.id;
    const url = async (email: string) => `/api/councils/${councilId}/accounts/${await idOf(email)}/membership?lang=en`;
    const s = await login('staff@ayil.kg');
    const put = async (email: string, membership: string | null) =>
      app.inject({
        method: 'PUT',
        url: await url(email),
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: { membershipId: membership },
      });
    const staffAccount = await put('staff@ayil.kg', chairMembership);
    expect(staffAccount.statusCode).toBe(400);
    expect(staffAccount.json<Refusal>().error.problems![0]).toMatchObject({ field: 'membershipId', clause: '6.3' });
    expect((await put('chair@ayil.kg', 'no-such-membership')).statusCode).toBe(400);
    const linked = await put('chair@ayil.kg', chairMembership);
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ membershipId: chairMembership });
    // Only staff link accounts.
    const byChair = await login('chair@ayil.kg');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: await url('member2@ayil.kg'),
          headers: { cookie: byChair.cookie, 'x-csrf-token': byChair.csrf },
          payload: { membershipId: staffMembership },
        })
      ).statusCode,
    ).toBe(403);
    // An account staff create may be linked at once.
    const create = (membership: string) =>
      app.inject({
        method: 'POST',
        url: `/api/councils/${councilId}/accounts?lang=en`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: { email: 'member3@ayil.kg', role: 'member', groupId, membershipId: membership },
      });
    const wrong = await create('no-such-membership');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<Refusal>().error).toMatchObject({ field: 'membershipId' });
    expect(await countRows(t.db, 'accounts')).toBe(4);
    expect((await create(staffMembership)).statusCode).toBe(201);
    expect(
      (await t.db
        .selectFrom('accounts')
        .select('membership_id')
        .where('email', '=', 'member3@ayil.kg')
        .executeTakeFirst())!.membership_id,
    ).toBe(staffMembership);
    for (const [lang, words] of [
      ['en', 'Whose account'],
      ['ru', 'Чья учётная запись'],
      ['ky', 'эсеби кайсы мүчөгө таандык'],
    ] as const) {
      const res = await app.inject({
        method: 'GET',
        url: `/manage/councils/${councilId}/accounts/${await idOf('chair@ayil.kg')}/membership?lang=${lang}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(words);
      expect(res.body).toContain(`<option value="${chairMembership}" selected>Асанова Айгүл</option>`);
    }
  });

  it('a removal without a declaration is refused naming the field and the rule, nothing written', async () => {
    const before = { events: await countRows(t.db, 'events'), removals: await dumpTable(t.db, 'conflict_removals') };
    for (const body of [
      { from: '2026-12-07', to: '2026-12-31', reason: 'Кызыкчылыктардын кагылышуусу' },
      { declarationId: 'no-such-declaration', from: '2026-12-07', to: '2026-12-31', reason: 'Кагылышуу' },
    ]) {
      const res = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/conflict-removals?lang=en`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json<Refusal>().error.problems![0]).toMatchObject({
        field: 'declarationId',
        rule: 'declaration-required',
        clause: '6.4',
      });
    }
    expect(await countRows(t.db, 'events')).toBe(before.events);
    expect(await dumpTable(t.db, 'conflict_removals')).toEqual(before.removals);
    // Only staff (for the council chair) record a removal.
    const byMember = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/conflict-removals`, {
      declarationId,
      from: '2026-12-07',
      to: '2026-12-31',
      reason: 'x',
    });
    expect(byMember.statusCode).toBe(403);
  });

  it('staff record the removal; the removed member drafts, edits and requests nothing about that object (6.4)', async () => {
    const removed = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/conflict-removals`, {
      declarationId,
      from: '2026-12-07',
      to: '2026-12-31',
      reason: 'Кеңештин төрагасынын буйругу №5',
    });
    expect(removed.statusCode).toBe(201);

    const acts = await dumpTable(t.db, 'acts');
    const events = await countRows(t.db, 'events');
    const draft = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/acts?lang=en`, {
      objectId,
      title: 'Чатыр',
    });
    expect(draft.statusCode).toBe(409);
    expect(draft.json<Refusal>().error.problems![0]).toMatchObject({ field: 'objectId', clause: '6.4' });
    expect(draft.json<Refusal>().error.problems![0]!.message).toContain('6.4');
    expect(await dumpTable(t.db, 'acts')).toEqual(acts);
    expect(await countRows(t.db, 'events')).toBe(events);

    // The chair is not removed: the chair drafts; the member still drafts about another object.
    const byChair = await call('chair@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, { objectId, title: 'Чатыр' });
    expect(byChair.statusCode).toBe(201);
    const other = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, { objectId: otherObjectId });
    expect(other.statusCode).toBe(201);
    // Nor edits the chair's draft about the object.
    const edit = await call('member@ayil.kg', 'PATCH', `/api/acts/${byChair.json<{ id: string }>().id}?lang=en`, {
      title: 'Өзгөртүү',
    });
    expect(edit.statusCode).toBe(409);
    expect(JSON.stringify(edit.json())).toContain('6.4');
  });

  it('a removed chair writes no information request about that object (6.4), nothing written', async () => {
    // The chair's account was linked to Асанова's membership by staff above.
    const declared = await call('chair@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts`, {
      membershipId: chairMembership,
      objectId: otherObjectId,
      text: 'Менин жубайым «Суу» ЖЧКда иштейт.',
    });
    expect(declared.statusCode).toBe(201);
    const removed = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/conflict-removals`, {
      declarationId: declared.json<{ declarationId: string }>().declarationId,
      from: '2026-12-07',
      to: '2027-01-15',
      reason: 'Кеңештин төрагасынын буйругу №6',
    });
    expect(removed.statusCode).toBe(201);
    const requests = await dumpTable(t.db, 'information_requests');
    const events = await countRows(t.db, 'events');
    const request = await call('chair@ayil.kg', 'POST', `/api/groups/${groupId}/requests?lang=en`, {
      objectId: otherObjectId,
      subject: 'Келишимдин көчүрмөсү',
      purpose: 'Суу түтүгүн оңдоо иштерин баалоо',
    });
    expect(request.statusCode).toBe(409);
    expect(request.json<Refusal>().error.problems![0]).toMatchObject({ field: 'objectId', clause: '6.4' });
    expect(await dumpTable(t.db, 'information_requests')).toEqual(requests);
    expect(await countRows(t.db, 'events')).toBe(events);
  });

  it("a paper declaration staff enter about a work-plan item: the member's account edits no act linked to it (6.4)", async () => {
    const unknownItem = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts?lang=en`, {
      membershipId,
      planItemId: 'no-such-item',
      text: 'x',
    });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json<Refusal>().error.problems![0]).toMatchObject({ field: 'planItemId', clause: '7.3.1' });
    const declared = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts`, {
      membershipId,
      planItemId,
      text: 'Менин иним мектептин чатырын оңдоп жатат (кагаз билдирүү).',
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const removed = await call('staff@ayil.kg', 'POST', `/api/groups/${groupId}/conflict-removals`, {
      declarationId: declared.json<{ declarationId: string }>().declarationId,
      from: '2026-12-07',
      to: '2027-03-31',
      reason: 'Кеңештин төрагасынын буйругу №7',
    });
    expect(removed.statusCode).toBe(201);
    // The chair's act about the school, linked to the item; the member may not edit it.
    const act = await call('chair@ayil.kg', 'POST', `/api/groups/${groupId}/acts`, { objectId: thirdObjectId });
    expect(act.statusCode).toBe(201);
    const actId = act.json<{ id: string }>().id;
    const link = await call(
      'chair@ayil.kg',
      'POST',
      `/api/groups/${groupId}/plans/plan-conflicts/items/${planItemId}/links`,
      { actId },
    );
    expect(link.statusCode, link.body).toBeLessThan(300);
    const acts = await dumpTable(t.db, 'acts');
    const events = await countRows(t.db, 'events');
    const edit = await call('member@ayil.kg', 'PATCH', `/api/acts/${actId}?lang=en`, { title: 'Өзгөртүү' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json<Refusal>().error.problems![0]).toMatchObject({ field: 'planItemId', clause: '6.4' });
    expect(edit.json<Refusal>().error.problems![0]!.message).toContain('item of the work plan');
    expect(await dumpTable(t.db, 'acts')).toEqual(acts);
    expect(await countRows(t.db, 'events')).toBe(events);
    expect((await call('chair@ayil.kg', 'PATCH', `/api/acts/${actId}`, { title: 'Чатыр' })).statusCode).toBe(200);
  });

  it("the chair's dashboard part shows the removal and a later declaration past its target", async () => {
    const second = await call('member@ayil.kg', 'POST', `/api/groups/${groupId}/conflicts`, {
      membershipId,
      matter: 'Жайыттарды бөлүштүрүү',
      text: 'Менин жайытым бар.',
    });
    expect(second.statusCode).toBe(201);
    expect(String(await conflictFlags(t.db, groupId, 'en', '2026-12-08'))).not.toContain('target has passed');
    await engine.advanceTo('2026-12-11T04:00:00Z'); // Friday 11 December: 3 working days after Monday end on Thursday 10 December
    sessions.clear(); // the sessions of Monday have expired
    const flags = String(await conflictFlags(t.db, groupId, 'en', '2026-12-11'));
    expect(flags).toContain('Бакиров Эмил stood aside from monitoring');
    expect(flags).toContain('The target has passed');
    const listed = await call('chair@ayil.kg', 'GET', `/api/groups/${groupId}/conflicts`);
    expect(
      listed
        .json<{ declarations: { matter: string | null; removalTarget: { overdue: boolean } }[] }>()
        .declarations.find((d) => d.matter !== null)!.removalTarget.overdue,
    ).toBe(true);
  });

  it('the public composition page shows that the member stood aside, never the written reasons', async () => {
    for (const [lang, words] of [
      ['en', 'stood aside from monitoring'],
      ['ru', 'отстранён(а) от мониторинга'],
      ['ky', 'мониторингинен четтетилди'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/groups/${groupId}/composition?lang=${lang}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(words);
      expect(res.body).toContain('07.12.2026');
      expect(res.body).toContain('31.12.2026');
      expect(res.body).not.toContain('Менин агам');
      expect(res.body).not.toContain('буйругу');
    }
    // Anonymous callers read nothing of the record.
    expect((await app.inject({ method: 'GET', url: `/api/groups/${groupId}/conflicts` })).statusCode).toBe(401);
  });

  it('the page takes a scan (the annex checks refuse a file of another type, nothing written)', async () => {
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const s = await login('member@ayil.kg');
    const post = (file: { name: string; bytes: Buffer }) => {
      const boundary = '----jmegconflict';
      const part = (name: string, value: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      return app.inject({
        method: 'POST',
        url: `/manage/groups/${groupId}/conflicts?lang=en`,
        headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(part('_csrf', s.csrf) + part('membershipId', membershipId) + part('matter', 'Мектептин жери')),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    const events = await countRows(t.db, 'events');
    const refused = await post({ name: 'aryz.exe', bytes: Buffer.from('MZ not a document') });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('aryz.exe');
    expect(await countRows(t.db, 'events')).toBe(events);
    const saved = await post({ name: 'aryz.pdf', bytes: PDF });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    const listed = await call('staff@ayil.kg', 'GET', `/api/groups/${groupId}/conflicts`);
    expect(
      listed
        .json<{ declarations: { matter: string | null; file: unknown }[] }>()
        .declarations.find((d) => d.matter === 'Мектептин жери'),
    ).toMatchObject({ file: { fileName: 'aryz.pdf', mediaType: 'application/pdf' } });
  });

  it('the projections rebuild from the log to the same declarations and removals', async () => {
    const before = await dumpProjections(t.db);
    expect(before.conflict_declarations).toHaveLength(5);
    expect(before.conflict_removals).toHaveLength(3);
    await rebuildProjections(t.db);
    expect(await dumpProjections(t.db)).toEqual(before);
  });
});
