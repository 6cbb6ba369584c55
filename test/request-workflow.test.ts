// Information requests (7.3.2(1), Law No. 217 of 29.12.2023) on Temporal's real time-skipping test server: a real
// worker with the bundled workflows, the real activities on a Postgres test database and a real SMTP server. Each
// scenario gets its own server whose clock starts on the day the request is sent.
// Requests are sent on Monday 20 April 2026 and received on Friday 24 April. A municipal institution counts on the
// calendar with the Cabinet's transfers (Saturday 25 April worked): its answer is due Friday 15 May; a procurement
// supplier counts on the Labour Code calendar (25 April off): due Monday 18 May. 1-10 May are holidays and weekends.
// Reminders go out at 09:00 Bishkek (03:00Z) 3 and 1 working days before and on the due day; the escalation the
// next working day.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { escalationKey, reminderKey } from '../activities/mail/obligation-mail-activities';
import { requestDeliveryKey } from '../activities/requests/request-activities';
import { setCalendarEntry } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { registerObject } from '../db/objects';
import { pendingObligations } from '../db/pending';
import { publicGroupRequests } from '../db/requests';
import { shippedCalendar } from '../domain/calendar';
import { ProcedureNotFoundError, ProcedureRefusedError } from '../procedures/engine';
import {
  answerRequest,
  extendRequest,
  recordRequestReceipt,
  refuseRequest,
  requestState,
} from '../procedures/requests/request-steps';
import { tellRunningProcedures } from '../procedures/calendar/tell-procedures';
import { writeRequest } from '../procedures/requests/write-request';
import { verifyRequestToken } from '../security/request-token';
import { verifyResponseToken } from '../security/response-token';
import { requestWorkflowId } from '../workflows/request/contract';
import { saveHistory, type History } from './support/history-fixtures';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'request-workflow-test-secret-0123456789abcdef';
const START = '2026-04-20T04:00:00.000Z'; // Monday 20 April, 10:00 in Bishkek, the day the request is sent

const server = testServer();

interface World {
  councilId: string;
  groupId: string;
  objectId: string;
  councilEmail: string;
  objectEmail: string;
}

describe.skipIf(!requireServer(server, 'information request scenarios'))(
  'information requests (7.3.2(1), Law No. 217) on the time-skipping server',
  () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let transport: MailTransport;
    let worlds = 0;
    const open: TimeSkippingEngine[] = [];

    beforeAll(async () => {
      [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
      transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    }, 60_000);
    afterEach(async () => {
      await Promise.all(open.splice(0).map((e) => e.close()));
    });
    afterAll(async () => {
      transport?.close();
      await Promise.all([database?.drop(), smtp?.stop()]);
    });

    /** A council with its executive body, a group, and the object the request goes to. */
    async function world(kind: 'municipal_institution' | 'procurement_supplier'): Promise<World> {
      const n = ++worlds;
      const db = database.db;
      const councilEmail = `kenesh-r${n}@ayil.kg`;
      const objectEmail = `object-r${n}@ayil.kg`;
      const councilId = await registerCouncil(
        db,
        { name: { ky: `Ак-Суу айылдык кеңеши ${n}`, ru: `Ак-Суйский айылный кенеш ${n}` }, email: councilEmail },
        'test',
      );
      await registerObject(
        db,
        {
          councilId,
          name: { ky: `Ак-Суу айыл өкмөтү ${n}`, ru: `Ак-Суйский айыл окмоту ${n}` },
          kind: 'executive_body',
          emails: [`okmot-r${n}@ayil.kg`],
        },
        'test',
      );
      const object = await registerObject(
        db,
        {
          councilId,
          name:
            kind === 'municipal_institution'
              ? { ky: `Ак-Суу мектеби ${n}`, ru: `Ак-Суйская школа ${n}` }
              : { ky: `Курулуш ЖЧК ${n}`, ru: `ОсОО Курулуш ${n}` },
          kind,
          emails: [objectEmail],
        },
        'test',
      );
      const groupId = await openGroup(db, { councilId }, 'test');
      await decideGroupCreation(db, groupId); // 5.4.5: the group acts once created
      return { councilId, groupId, objectId: object.id, councilEmail, objectEmail };
    }

    async function engineAt(): Promise<TimeSkippingEngine> {
      const engine = await createTimeSkippingEngine({
        serverPath: server.available ? server.path : '',
        db: database.db,
        transport,
        mailFrom: MAIL_FROM,
        startTime: START,
        extraActivityConfig: {
          responseLinkSecret: SECRET,
          responseLinkDays: 60,
          publicBaseUrl: 'https://jmeg.example.kg',
        },
      });
      open.push(engine);
      return engine;
    }

    async function send(engine: TimeSkippingEngine, w: World): Promise<string> {
      const { request, delivery } = await writeRequest(
        { db: database.db, engine, now: () => engine.now() },
        {
          groupId: w.groupId,
          objectId: w.objectId,
          subject: '2026-жылдын суу түтүгүн оңдоо сметасы',
          purpose: 'Акт № 3 боюнча сунуштардын аткарылышын текшерүү',
          reference: 'Акт № 3',
          actor: 'test:chair',
        },
      );
      expect(delivery).toBe('started');
      expect(request.sentOn).toBe('2026-04-20');
      return request.id;
    }

    async function refused(promise: Promise<unknown>): Promise<string[]> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProcedureRefusedError);
      return (error as ProcedureRefusedError).problems.map((p) => p.code);
    }

    /** Business keys of the mails sent for this request, in sending order. */
    async function outbox(requestId: string): Promise<string[]> {
      const rows = await database.db
        .selectFrom('mail_outbox')
        .select(['business_key', 'status'])
        .where('business_key', 'like', `%${requestId}%`)
        .orderBy('id')
        .execute();
      return rows.map((r) => `${r.business_key} ${r.status}`);
    }

    async function obligations(requestId: string): Promise<[string, string, string][]> {
      const rows = await database.db
        .selectFrom('obligations')
        .select(['id', 'status', 'due_date'])
        .where('id', 'like', `${requestId}/%`)
        .orderBy('opened_at')
        .execute();
      return rows.map((r) => [r.id.slice(requestId.length + 1), r.status, String(r.due_date).slice(0, 10)]);
    }

    async function streamEvents(requestId: string): Promise<string[]> {
      const rows = await database.db
        .selectFrom('events')
        .select('type')
        .where('stream_id', '=', `request-${requestId}`)
        .orderBy('stream_version')
        .execute();
      return rows.map((r) => r.type);
    }

    const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
    const status = async (engine: TimeSkippingEngine, id: string) =>
      (await engine.client.workflow.getHandle(requestWorkflowId(id)).describe()).status.name;

    async function record(engine: TimeSkippingEngine, requestId: string, name: string): Promise<void> {
      const history: History = await engine.history(requestWorkflowId(requestId));
      await saveHistory(history, name);
    }

    it('answered on time: mailed with a signed link, received by the object, answered before any reminder', async () => {
      const w = await world('municipal_institution');
      const engine = await engineAt();
      const deps = { engine };
      const id = await send(engine, w);
      await engine.advanceTo('2026-04-20T04:01:00Z');
      const delivery = mailsTo(w.objectEmail);
      expect(delivery).toHaveLength(1);
      const text = delivery[0]!.parsed.text!;
      expect(text).toContain('№ 217');
      const link = /https:\/\/jmeg\.example\.kg\/requests\/([^/]+)\/respond\?t=(\S+)/.exec(text)!;
      expect(link[1]).toBe(id);
      expect(verifyRequestToken(link[2]!, SECRET, { nowMs: engine.now(), requestId: id })).toMatchObject({
        requestId: id,
        objectId: w.objectId,
      });
      // An act's page never takes a request's link.
      expect(() => verifyResponseToken(link[2]!, SECRET, { nowMs: engine.now(), actId: id })).toThrow(/another act/);

      expect(
        await refused(recordRequestReceipt(deps, { requestId: id, receivedOn: '2026-04-17', via: 'link' })),
      ).toEqual(['date-too-early']);
      expect(await refused(answerRequest(deps, { requestId: id, on: '2026-04-20', text: 'x' }))).toEqual([
        'request-not-received',
      ]);
      await engine.advanceTo('2026-04-24T05:00:00Z');
      await recordRequestReceipt(deps, { requestId: id, receivedOn: '2026-04-24', via: 'link' });
      const s = await requestState(deps, id);
      expect([s.step, s.calendarKind, s.firstDue, s.due]).toEqual([
        'awaiting-answer',
        'with-transfers',
        '2026-05-15',
        '2026-05-15',
      ]);
      expect(s.ladder.map((r) => [r.rung, r.date])).toEqual([
        ['due-3', '2026-05-12'],
        ['due-1', '2026-05-14'],
        ['due-0', '2026-05-15'],
        ['escalation', '2026-05-18'],
      ]);
      await engine.advanceTo('2026-05-11T05:00:00Z');
      const result = await answerRequest(deps, {
        requestId: id,
        on: '2026-05-11',
        text: 'Смета тиркелди: 1 240 000 сом.',
      });
      expect(result).toMatchObject({ kind: 'answered', on: '2026-05-11', late: false, due: '2026-05-15' });
      await engine.advanceTo('2026-05-11T05:01:00Z');
      expect(await status(engine, id)).toBe('COMPLETED');
      expect(await outbox(id)).toEqual([`${requestDeliveryKey(id)} sent`]);
      expect(await obligations(id)).toEqual([['answer', 'met', '2026-05-15']]);
      expect(await streamEvents(id)).toEqual(['request.written', 'request.received', 'request.answered']);
      expect(await publicGroupRequests(database.db, w.groupId, '2026-05-20')).toEqual([
        {
          subject: '2026-жылдын суу түтүгүн оңдоо сметасы',
          object: { ky: 'Ак-Суу мектеби 1', ru: 'Ак-Суйская школа 1' },
          sentOn: '2026-04-20',
          due: '2026-05-15',
          outcome: 'answered-on-time',
        },
      ]);
      await record(engine, id, 'request-on-time');
    }, 120_000);

    it('extended once on the Labour Code calendar: a reminder per due date; a second extension and one past 10 working days are refused', async () => {
      const w = await world('procurement_supplier');
      const engine = await engineAt();
      const deps = { engine };
      const id = await send(engine, w);
      await engine.advanceTo('2026-04-24T05:00:00Z');
      await recordRequestReceipt(deps, { requestId: id, receivedOn: '2026-04-24', via: 'staff' });
      expect((await requestState(deps, id)).calendarKind).toBe('labour-code');
      expect((await requestState(deps, id)).firstDue).toBe('2026-05-18');
      await engine.advanceTo('2026-05-14T05:00:00Z'); // the reminder 3 working days before 18 May went out on 13 May
      const extend = {
        requestId: id,
        on: '2026-05-14',
        reason: 'Документтер архивде, аларды табуу убакыт талап кылат',
      };
      // Up to 10 working days after 18 May on this calendar: 2 June (Kurman Ait, 27 May, is skipped).
      expect(await refused(extendRequest(deps, { ...extend, newDue: '2026-06-03' }))).toEqual([
        'extension-up-to-10-working-days',
      ]);
      expect(await refused(extendRequest(deps, { ...extend, newDue: '2026-05-29', reason: ' ' }))).toEqual([
        'extension-reason-required',
      ]);
      expect(await extendRequest(deps, { ...extend, newDue: '2026-05-29' })).toEqual({
        on: '2026-05-14',
        newDue: '2026-05-29',
        reason: extend.reason,
      });
      expect(await refused(extendRequest(deps, { ...extend, newDue: '2026-06-01' }))).toEqual(['extension-once']);
      const s = await requestState(deps, id);
      expect([s.firstDue, s.due, s.obligationId]).toEqual(['2026-05-18', '2026-05-29', `${id}/answer-extended`]);
      expect(s.ladder.map((r) => [r.rung, r.date])).toEqual([
        ['due-3', '2026-05-25'],
        ['due-1', '2026-05-28'],
        ['due-0', '2026-05-29'],
        ['escalation', '2026-06-01'],
      ]);
      await engine.advanceTo('2026-05-26T05:00:00Z');
      const result = await answerRequest(deps, {
        requestId: id,
        on: '2026-05-26',
        text: 'Келишимдин көчүрмөсү тиркелди.',
      });
      expect(result).toMatchObject({ kind: 'answered', late: false, due: '2026-05-29' });
      await engine.advanceTo('2026-05-26T05:01:00Z');
      expect(await status(engine, id)).toBe('COMPLETED');
      expect(await outbox(id)).toEqual([
        `${requestDeliveryKey(id)} sent`,
        `${reminderKey(`${id}/answer`, 'due-3')} sent`,
        `${reminderKey(`${id}/answer-extended`, 'due-3')} sent`,
      ]);
      expect(mailsTo(w.objectEmail)).toHaveLength(3);
      expect(mailsTo(w.councilEmail)).toHaveLength(0);
      expect(await obligations(id)).toEqual([
        ['answer', 'closed', '2026-05-18'],
        ['answer-extended', 'met', '2026-05-29'],
      ]);
      expect(await streamEvents(id)).toEqual([
        'request.written',
        'request.received',
        'request.extended',
        'request.answered',
      ]);
      await record(engine, id, 'request-extended');
    }, 120_000);

    it('refused with a ground: a refusal without its ground is refused, naming the rule; with one it ends the request', async () => {
      const w = await world('municipal_institution');
      const engine = await engineAt();
      const deps = { engine };
      const id = await send(engine, w);
      await engine.advanceTo('2026-04-24T05:00:00Z');
      await recordRequestReceipt(deps, { requestId: id, receivedOn: '2026-04-24', via: 'link' });
      await engine.advanceTo('2026-04-28T05:00:00Z');
      const error = await refuseRequest(deps, {
        requestId: id,
        on: '2026-04-28',
        ground: '' as 'state-secret',
        text: 'Берилбейт',
      }).then(
        () => undefined,
        (e: unknown) => e as ProcedureRefusedError,
      );
      expect(error).toBeInstanceOf(ProcedureRefusedError);
      expect(error!.problems.map((p) => [p.code, p.field, p.clause])).toEqual([
        ['refusal-ground-required', 'ground', 'Law No. 217 of 29.12.2023'],
      ]);
      expect(error!.problems[0]!.message.ru).toContain('основание в законе');
      const result = await refuseRequest(deps, {
        requestId: id,
        on: '2026-04-28',
        ground: 'state-secret',
        text: '«Мамлекеттик сырлар жөнүндө» Мыйзамдын 5-беренеси',
      });
      expect(result).toMatchObject({ kind: 'refused', ground: 'state-secret', late: false });
      await engine.advanceTo('2026-04-28T05:01:00Z');
      expect(await status(engine, id)).toBe('COMPLETED');
      // The finished procedure takes no more steps.
      await expect(answerRequest(deps, { requestId: id, on: '2026-04-28', text: 'x' })).rejects.toBeInstanceOf(
        ProcedureNotFoundError,
      );
      const row = await database.db
        .selectFrom('information_requests')
        .select(['outcome', 'refusal_ground', 'refusal_text'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        outcome: 'refused',
        refusal_ground: 'state-secret',
        refusal_text: '«Мамлекеттик сырлар жөнүндө» Мыйзамдын 5-беренеси',
      });
      expect((await publicGroupRequests(database.db, w.groupId, '2026-04-28'))[0]!.outcome).toBe('refused');
      await record(engine, id, 'request-refused');
    }, 120_000);

    it('never answered: three reminders, exactly one escalation mail to the council; an extension after the first period is refused', async () => {
      const w = await world('municipal_institution');
      const engine = await engineAt();
      const deps = { engine };
      const id = await send(engine, w);
      await engine.advanceTo('2026-04-24T05:00:00Z');
      await recordRequestReceipt(deps, { requestId: id, receivedOn: '2026-04-24', via: 'staff' });
      await engine.advanceTo('2026-05-19T05:00:00Z');
      expect(
        await refused(
          extendRequest(deps, { requestId: id, on: '2026-05-19', newDue: '2026-05-29', reason: 'Кечигип калдык' }),
        ),
      ).toEqual(['extension-after-period']);
      await engine.advanceTo('2026-06-30T05:00:00Z');
      const o = `${id}/answer`;
      expect(await outbox(id)).toEqual([
        `${requestDeliveryKey(id)} sent`,
        `${reminderKey(o, 'due-3')} sent`,
        `${reminderKey(o, 'due-1')} sent`,
        `${reminderKey(o, 'due-0')} sent`,
        `${escalationKey(o)} sent`,
      ]);
      const council = mailsTo(w.councilEmail);
      expect(council).toHaveLength(1);
      expect(council[0]!.parsed.text).toContain('7.3.2');
      const s = await requestState(deps, id);
      expect(s.escalated).toBe(true);
      expect(s.ladder.find((r) => r.rung === 'escalation')).toMatchObject({
        date: '2026-05-18',
        status: 'sent',
      });
      expect(await status(engine, id)).toBe('RUNNING');
      expect(await obligations(id)).toEqual([['answer', 'escalated', '2026-05-15']]);
      expect(await streamEvents(id)).toEqual(['request.written', 'request.received', 'request.escalated']);
      expect((await publicGroupRequests(database.db, w.groupId, '2026-06-30'))[0]!.outcome).toBe('unanswered');
      // The chair's pending list (and the dashboard) shows it overdue and escalated, with the object that owes it.
      const pending = await pendingObligations(database.db, {
        groupId: w.groupId,
        today: '2026-06-30',
        calendar: shippedCalendar(),
      });
      expect(pending.map((p) => [p.key, p.clause, p.status, p.overdue, p.object?.name.ru])).toEqual([
        ['information-request', '7.3.2', 'escalated', true, 'Ак-Суйская школа 4'],
      ]);
      await record(engine, id, 'request-escalated');
    }, 120_000);

    it('a calendar change moves the first due date and its reminders; the record and the pending list follow', async () => {
      const w = await world('municipal_institution');
      const engine = await engineAt();
      const deps = { engine };
      const id = await send(engine, w);
      await engine.advanceTo('2026-04-24T05:00:00Z');
      await recordRequestReceipt(deps, { requestId: id, receivedOn: '2026-04-24', via: 'staff' });
      await engine.advanceTo('2026-05-11T05:00:00Z');
      // Staff declare Tuesday 12 May a day off: the 10th working day after 24 April becomes Monday 18 May.
      await setCalendarEntry(
        database.db,
        w.councilId,
        { date: '2026-05-12', type: 'day-off', name: { ky: 'Дем алыш күн', ru: 'Выходной день' }, status: 'confirmed' },
        'test',
      );
      // The calendar's use case tells every running procedure of the council, this request among them.
      const told = await tellRunningProcedures(engine, database.db, w.councilId, 'day off on 12 May 2026');
      expect(told.signalled).toContain(requestWorkflowId(id));
      await engine.settle(requestWorkflowId(id));
      const s = await requestState(deps, id);
      expect([s.firstDue, s.due]).toEqual(['2026-05-18', '2026-05-18']);
      expect(s.ladder.map((r) => [r.rung, r.date])).toEqual([
        ['due-3', '2026-05-13'],
        ['due-1', '2026-05-15'],
        ['due-0', '2026-05-18'],
        ['escalation', '2026-05-19'],
      ]);
      expect(await obligations(id)).toEqual([['answer', 'open', '2026-05-18']]);
      const row = await database.db
        .selectFrom('information_requests')
        .select(['first_due_date', 'due_date'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect([String(row.first_due_date), String(row.due_date)]).toEqual(['2026-05-18', '2026-05-18']);
      await record(engine, id, 'request-calendar-changed');
    }, 120_000);
  },
);
