// Issue 14 point 2: a declared conflict of interest (6.3-6.4) on Temporal's time-skipping server, real Postgres and a
// real SMTP server, through HTTP as the member and council staff use it. The target for the council chair's removal
// is the product's (3 working days, not statutory); the council is reminded once, the next working day after it.
//  - In time: Бакиров declares on Thursday 24 December 2026; the group's chair and the council are mailed at once
//    (the first attempt of the activity fails after sending: its retry sends no second mail); the target is Tuesday
//    29 December (Friday 25, Monday 28, Tuesday 29); staff record the removal on Monday 28: no reminder ever.
//  - Late: Султанова's paper declaration, entered by staff on Tuesday 29 December, about a matter; counted over
//    Wednesday 30 and Thursday 31 December and, past the 1-7 January holidays and the weekend, Friday 8 January 2027:
//    the target. Nothing on the 8th; on Monday 11 January at 09:00 Bishkek the council gets exactly one reminder (the
//    ladder's escalation: no rung before the target); the removal recorded on 13 January is late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { calendarForCouncil, pendingObligations } from '../db/pending';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listRosterEntries } from '../db/members';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { recordConflictRemoval } from '../procedures/conflicts/conflicts';
import { conflictStateQuery, conflictWorkflowId } from '../workflows/conflict/contract';
import { createAccounts } from './support/accounts';
import { decideGroupCreation } from './support/group-created';
import { saveHistory } from './support/history-fixtures';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const MAIL_FROM = 'jmeg@ayil.kg';
const START = '2026-12-24T04:00:00.000Z'; // Thursday 24 December 2026, 10:00 in Bishkek
const PASSWORD = 'conflict workflow password';
const COUNCIL_EMAIL = 'kenesh-conflict@ayil.kg';
const CHAIR_EMAIL = SAMPLE_ROSTER[0]!.email!; // Асанова, the group's chair
const MEMBER_EMAIL = SAMPLE_ROSTER[1]!.email!; // Бакиров: his account is linked on first use by this address
const REASONS = 'Менин агам «Курулуш» ЖЧКнын директору.';

describe.skipIf(!requireServer(server, 'conflicts of interest'))(
  'a declared conflict of interest on the time-skipping server',
  () => {
    let t: TestDatabase;
    let smtp: TestSmtpServer;
    let transport: MailTransport;
    let engine: TimeSkippingEngine;
    let app: App;
    let councilId: string;
    let groupId: string;
    let objectId: string;
    let member: Record<string, string>;
    let login: (email: string) => Promise<Record<string, string>>;
    const membershipOf = new Map<string, string>();
    let failedOnce = false;
    let attempts = 0;

    beforeAll(async () => {
      [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
      transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
      engine = await createTimeSkippingEngine({
        serverPath: server.available ? server.path : '',
        db: t.db,
        transport,
        mailFrom: MAIL_FROM,
        startTime: START,
        // The first attempt mails and then fails (a worker lost after the send): the retry must not mail again.
        activities: (real) => ({
          ...real,
          tellOfConflictDeclared: async (input: { declarationId: string }) => {
            attempts++;
            const told = await (real.tellOfConflictDeclared as (i: typeof input) => Promise<unknown>)(input);
            if (!failedOnce) {
              failedOnce = true;
              throw new Error('the worker was lost after the mail went out');
            }
            return told;
          },
        }),
      });
      app = buildApp({ db: t.db, config: loadConfig({}), clock: () => engine.now(), engine });
      await app.ready();
      councilId = await registerCouncil(
        t.db,
        { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: COUNCIL_EMAIL },
        'test',
      );
      groupId = await openGroup(t.db, { councilId }, 'test');
      await decideGroupCreation(t.db, groupId);
      await importRoster(t.db, groupId, SAMPLE_ROSTER, { actor: 'test', on: '2026-11-20' });
      for (const e of await listRosterEntries(t.db, groupId)) membershipOf.set(e.member.fullName, e.membershipId);
      await record(t.db, {
        stream: streams.group(groupId),
        actor: 'test',
        events: [
          {
            type: 'member.role-changed',
            payload: { groupId, membershipId: membershipOf.get('Асанова Айгүл')!, role: 'chair' },
          },
        ],
      });
      objectId = (
        await registerObject(
          t.db,
          {
            councilId,
            kind: 'procurement_supplier',
            name: { ky: '«Курулуш» ЖЧК', ru: 'ОсОО «Курулуш»' },
            emails: ['kurulush@ayil.kg'],
          },
          'test',
        )
      ).id;
      await createAccounts(t.db, PASSWORD, [
        ['staff-conflict@ayil.kg', 'staff', { councilId }],
        [MEMBER_EMAIL, 'member', { groupId }],
      ]);
      login = async (email: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
        expect(res.statusCode).toBe(200);
        return {
          cookie: `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')!.value}`,
          'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken,
        };
      };
      member = await login(MEMBER_EMAIL);
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      await engine?.close();
      transport?.close();
      await Promise.all([t?.drop(), smtp?.stop()]);
    });

    const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
    const post = (headers: Record<string, string>, url: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url, headers, payload });
    // Sessions expire as the clock moves on: staff log in on the day they act.
    const staff = () => login('staff-conflict@ayil.kg');
    const removal = async (declarationId: string, reason: string) =>
      post(await staff(), `/api/groups/${groupId}/conflict-removals`, {
        declarationId,
        from: '2026-12-28',
        to: '2027-03-31',
        reason,
      });
    const state = (declarationId: string) => engine.query(conflictWorkflowId(declarationId), conflictStateQuery);
    /** The procedure's end: completed, with the obligation fulfilled on `on` (describe and query move no clock). */
    const ended = async (declarationId: string) => {
      const handle = engine.env.client.workflow.getHandle(conflictWorkflowId(declarationId));
      const status = (await handle.describe()).status.name;
      const fulfilled = (await state(declarationId)).obligation?.fulfilled ?? null;
      return { status, fulfilled };
    };

    let inTime: string;
    let late: string;

    it('the declaration mails the chair and the council at once, once, with the reasons (the retry sends nothing)', async () => {
      const res = await post(member, `/api/groups/${groupId}/conflicts`, {
        membershipId: membershipOf.get('Бакиров Эмил'),
        objectId,
        text: REASONS,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ declaredOn: '2026-12-24' });
      inTime = res.json<{ declarationId: string }>().declarationId;
      // The account was linked to Бакиров's membership on this first use (its e-mail is his, and only his).
      expect(
        (await t.db
          .selectFrom('accounts')
          .select('membership_id')
          .where('email', '=', MEMBER_EMAIL)
          .executeTakeFirst())!.membership_id,
      ).toBe(membershipOf.get('Бакиров Эмил'));
      await engine.advanceTo('2026-12-24T05:00:00Z');
      expect(attempts).toBeGreaterThanOrEqual(2);
      const told = smtp.received.filter((m) => m.parsed.subject?.includes('Кызыкчылыктардын кагылышуусу'));
      expect(told).toHaveLength(1);
      expect(told[0]!.envelopeTo.sort()).toEqual([CHAIR_EMAIL, COUNCIL_EMAIL].sort());
      const text = told[0]!.parsed.text ?? '';
      expect(text).toContain('Бакиров Эмил');
      expect(text).toContain('«Курулуш» ЖЧК');
      expect(text).toContain('ОсОО «Курулуш»');
      expect(text).toContain(REASONS);
      expect(text).toContain('6.4');
      expect(text).toContain('29.12.2026');
      expect(text).toContain('мыйзамда белгиленген мөөнөт эмес');
      expect(text).toContain('не установленный законом срок');
      const s = await state(inTime);
      expect(s.told).toBe(2);
      expect(s.obligation).toMatchObject({
        key: 'conflict-removal',
        clause: '6.3-6.4',
        party: 'council',
        anchor: '2026-12-24',
        due: '2026-12-29',
        ladder: [{ rung: 'escalation', date: '2026-12-30', status: 'pending' }],
      });
      // The history carries ids and dates only: no name, no reasons (and every payload is encrypted besides).
      const history = JSON.stringify(await engine.history(conflictWorkflowId(inTime)));
      expect(history).not.toContain('Бакиров');
      expect(history).not.toContain('Курулуш');
      expect(history).not.toContain(MEMBER_EMAIL);
      // It is in the chair's pending list as the council's obligation, the target marked as the product's.
      const pending = await pendingObligations(t.db, {
        groupId,
        today: '2026-12-24',
        calendar: await calendarForCouncil(t.db, councilId),
      });
      const row = pending.find((p) => p.key === 'conflict-removal')!;
      expect(row).toMatchObject({ clause: '6.3-6.4', dueDate: '2026-12-29', open: true, party: { id: 'council' } });
      expect(row.title.en).toContain('not statutory');
    });

    it('a removal recorded before the target fulfils it: no reminder ever', async () => {
      await engine.advanceTo('2026-12-28T04:00:00Z'); // Monday 28 December, 10:00
      const res = await removal(inTime, 'Кеңештин төрагасынын буйругу №12');
      expect(res.statusCode, res.body).toBe(201);
      expect(await ended(inTime)).toEqual({ status: 'COMPLETED', fulfilled: { on: '2026-12-28', late: false } });
      expect(mailsTo(COUNCIL_EMAIL)).toHaveLength(1); // the declaration's mail only (the next test runs on past the 30th)
      // A second removal of the same declaration (another period) is recorded; the ended procedure is not asked again.
      const again = await removal(inTime, 'Кеңештин төрагасынын буйругу №13 (мөөнөтүн узартуу)');
      expect(again.statusCode, again.body).toBe(201);
      await saveHistory(await engine.history(conflictWorkflowId(inTime)), 'conflict-removed-in-time');
    });

    it('staff enter a paper declaration; the target crosses the New Year holidays; the council is reminded once', async () => {
      await engine.advanceTo('2026-12-29T04:00:00Z'); // Tuesday 29 December
      const res = await post(await staff(), `/api/groups/${groupId}/conflicts`, {
        membershipId: membershipOf.get('Султанова Жылдыз'),
        matter: 'Жайыттарды бөлүштүрүү',
        text: 'Менин жайытым бар.',
      });
      expect(res.statusCode, res.body).toBe(201);
      late = res.json<{ declarationId: string }>().declarationId;
      expect((await state(late)).obligation).toMatchObject({
        due: '2027-01-08',
        ladder: [{ rung: 'escalation', date: '2027-01-11' }],
      });
      const councilMails = () => mailsTo(COUNCIL_EMAIL).length;
      expect(councilMails()).toBe(2); // the two declarations
      await engine.advanceTo('2027-01-08T17:00:00Z'); // the target's evening: nothing yet
      expect(councilMails()).toBe(2);
      await engine.advanceTo('2027-01-11T03:05:00Z'); // Monday 11 January, 09:05 in Bishkek
      expect(councilMails()).toBe(3);
      const reminder = mailsTo(COUNCIL_EMAIL).at(-1)!;
      expect(reminder.parsed.text ?? '').toContain('08.01.2027');
      expect(mailsTo(CHAIR_EMAIL)).toHaveLength(2); // the chair was told of each declaration, and reminded of nothing
      await engine.advanceTo('2027-01-13T04:00:00Z');
      expect(councilMails()).toBe(3);
      const removed = await removal(late, 'Кеңештин төрагасынын буйругу №1');
      expect(removed.statusCode, removed.body).toBe(201);
      expect(await ended(late)).toEqual({ status: 'COMPLETED', fulfilled: { on: '2027-01-13', late: true } });
      expect(councilMails()).toBe(3);
      // The one reminder is the late declaration's; the declaration removed in time never had one.
      const outbox = await t.db.selectFrom('mail_outbox').select('business_key').execute();
      expect(outbox.map((o) => o.business_key).filter((k) => k.includes('escalation'))).toEqual([
        `obligation:conflict:${late}:escalation`,
      ]);
      await saveHistory(await engine.history(conflictWorkflowId(late)), 'conflict-removed-late');
    });

    it('a removal written while the engine failed is not written twice: sent again, the procedure is told of it', async () => {
      const res = await post(await staff(), `/api/groups/${groupId}/conflicts`, {
        membershipId: membershipOf.get('Султанова Жылдыз'),
        matter: 'Сугат суусу',
        text: 'Менин жерим ошол арыктын боюнда.',
      });
      expect(res.statusCode, res.body).toBe(201);
      const declarationId = res.json<{ declarationId: string }>().declarationId;
      await engine.settle(conflictWorkflowId(declarationId));
      // The engine answers, then fails on the update (a connection lost after the removal was written).
      const failing = Object.assign(Object.create(engine) as TimeSkippingEngine, {
        update: () => Promise.reject(new Error('connection lost')),
      });
      const input = {
        groupId,
        declarationId,
        from: '2027-01-13',
        to: '2027-03-31',
        reason: 'Буйрук №2',
        actor: 'test',
      };
      await expect(
        recordConflictRemoval({ db: t.db, engine: failing, now: () => engine.now() }, input),
      ).rejects.toThrow('connection lost');
      const rows = () =>
        t.db.selectFrom('conflict_removals').select('id').where('declaration_id', '=', declarationId).execute();
      expect(await rows()).toHaveLength(1);
      expect((await state(declarationId)).removalId).toBeNull();
      // Staff send the same removal again: no second row, the procedure is told and ends, fulfilled in time.
      const again = await recordConflictRemoval({ db: t.db, engine, now: () => engine.now() }, input);
      expect(again.removalId).toBe((await rows())[0]!.id);
      expect(await rows()).toHaveLength(1);
      expect(await ended(declarationId)).toEqual({ status: 'COMPLETED', fulfilled: { on: '2027-01-13', late: false } });
    });
  },
);
