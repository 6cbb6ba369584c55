// The act procedure (4.3) on Temporal's real time-skipping test server: a real worker running the bundled
// workflows, the real activities on a Postgres test database and a real SMTP server. Each scenario gets its own
// server whose clock starts on the day of issue.
// Acts are issued on Monday 1 June 2026 (no holidays in June), to the object and (an act about another object) to the
// executive body with its own link. Received on Tuesday 2 June, the object owes its answer by Tuesday 16 June (10
// working days); the executive body, receiving it the same day, its report by Thursday 2 July (30 days from its own
// receipt: test/act-executive-body-track.test.ts counts it from a later one).
// Reminders go out at 09:00 Bishkek (03:00Z); without a receipt staff are prompted on Friday 5 June (after 3 working days).
import { defaultPayloadConverter } from '@temporalio/common';
import { tsToMs } from '@temporalio/common/lib/time';
import { WorkflowUpdateStage } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliveryKey, executiveDeliveryKey, forwardKey, receiptPromptKey } from '../activities/acts/act-activities';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { escalationKey, reminderKey } from '../activities/mail/obligation-mail-activities';
import { ProcedureRefusedError } from '../procedures/engine';
import { draftAct, issueAct, parseActDraft } from '../db/acts';
import { setCalendarEntry } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { registerObject } from '../db/objects';
import { verifyResponseToken } from '../security/response-token';
import * as a from '../workflows/act/contract';
import { saveHistory, type History } from './support/history-fixtures';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { tamperSignature } from './support/tamper';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'act-workflow-test-secret-0123456789abcdef';
const START = '2026-06-01T04:00:00.000Z'; // Monday 1 June, 10:00 in Bishkek, the day of issue
const EventType = temporal.api.enums.v1.EventType;

const server = testServer();

const DRAFT = {
  purpose: 'Ичүүчү суунун сапатын баалоо',
  subject: 'Ичүүчү суу менен камсыздоо программасы',
  place: 'Терек-Суу айылы',
  periodStart: '2026-05-04',
  periodEnd: '2026-05-22',
  findings: [{ kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' }],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Сүрөттөр', kind: 'photo' }],
};

interface World {
  input: a.ActInput;
  id: string;
  councilEmail: string;
  executiveEmail: string;
  objectEmail: string;
}

/** An activity the server scheduled: its type, the instant it was scheduled and its first argument. */
interface Scheduled {
  type: string;
  at: string;
  arg: Record<string, unknown>;
}

describe.skipIf(!requireServer(server, 'act workflow scenarios'))(
  'the act procedure (4.3) on the time-skipping server',
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

    /** A council with its executive body and a school, a group, and an act issued on 1 June to the school (or the executive body). */
    async function world(options: { toExecutiveBody?: boolean } = {}): Promise<World> {
      const n = ++worlds;
      const db = database.db;
      const councilEmail = `kenesh-${n}@ayil.kg`;
      const executiveEmail = `okmot-${n}@ayil.kg`;
      const objectEmail = `mektep-${n}@ayil.kg`;
      const councilId = await registerCouncil(
        db,
        { name: { ky: `Терек-Суу айылдык кеңеши ${n}`, ru: `Терек-Суйский айылный кенеш ${n}` }, email: councilEmail },
        'test',
      );
      const executive = await registerObject(
        db,
        {
          councilId,
          name: { ky: `Терек-Суу айыл өкмөтү ${n}`, ru: `Терек-Суйский айыл окмоту ${n}` },
          kind: 'executive_body',
          emails: [executiveEmail],
        },
        'test',
      );
      const school = await registerObject(
        db,
        {
          councilId,
          name: { ky: `Терек-Суу мектеби ${n}`, ru: `Терек-Суйская школа ${n}` },
          kind: 'municipal_institution',
          emails: [objectEmail],
        },
        'test',
      );
      const groupId = await openGroup(db, { councilId }, 'test');
      await decideGroupCreation(db, groupId); // 5.4.5: the group acts once created
      const objectId = options.toExecutiveBody ? executive.id : school.id;
      const act = await draftAct(db, { groupId, objectId, draft: parseActDraft(DRAFT) }, 'test');
      await issueAct(db, act.id, { on: '2026-06-01', actor: 'test' });
      return {
        input: { actId: act.id, groupId, councilId },
        id: a.actWorkflowId(act.id),
        councilEmail,
        executiveEmail,
        objectEmail,
      };
    }

    /** A test server whose clock starts at START, its worker, and the act's workflow started on it. */
    async function start(w: World, options: { maxCachedWorkflows?: number } = {}): Promise<TimeSkippingEngine> {
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
        ...options,
      });
      open.push(engine);
      expect(await engine.start('actWorkflow', w.id, [w.input])).toBe('started');
      return engine;
    }

    async function refused(
      engine: TimeSkippingEngine,
      w: World,
      update: Parameters<TimeSkippingEngine['update']>[1],
      arg: unknown,
    ): Promise<string[]> {
      const error = await engine.update(w.id, update, arg).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProcedureRefusedError);
      return (error as ProcedureRefusedError).problems.map((p) => p.code);
    }

    /** Business keys of the mails sent for this world's act, in sending order. */
    async function outbox(w: World): Promise<string[]> {
      const rows = await database.db
        .selectFrom('mail_outbox')
        .select(['business_key', 'status'])
        .where('business_key', 'like', `%${w.input.actId}%`)
        .orderBy('id')
        .execute();
      return rows.map((r) => `${r.business_key} ${r.status}`);
    }

    const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
    const state = (engine: TimeSkippingEngine, w: World) => engine.query(w.id, a.actStateQuery);
    const obligationId = (w: World, key: string) => `${w.input.actId}/${key}`;
    const status = async (engine: TimeSkippingEngine, w: World) =>
      (await engine.client.workflow.getHandle(w.id).describe()).status.name;

    async function actEvents(w: World): Promise<string[]> {
      const rows = await database.db
        .selectFrom('events')
        .select('type')
        .where('stream_id', '=', `act-${w.input.actId}`)
        .orderBy('stream_version')
        .execute();
      return rows.map((r) => r.type);
    }

    /** The activities the server scheduled for the workflow, in history order (from event `from` on). */
    async function scheduled(engine: TimeSkippingEngine, w: World, from = 0): Promise<Scheduled[]> {
      const events = (await engine.history(w.id)).events ?? [];
      return events.slice(from).flatMap((e) => {
        const attrs = e.activityTaskScheduledEventAttributes;
        if (e.eventType !== EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED || !attrs) return [];
        const payload = attrs.input?.payloads?.[0];
        return [
          {
            type: attrs.activityType?.name ?? '',
            at: new Date(tsToMs(e.eventTime)).toISOString(),
            arg: payload ? defaultPayloadConverter.fromPayload<Record<string, unknown>>(payload) : {},
          },
        ];
      });
    }

    /** Saves the workflow's history as a fixture, with every worker and client identity (pid@host) made neutral. */
    async function record(engine: TimeSkippingEngine, w: World, name: string): Promise<void> {
      const neutral = (value: unknown): void => {
        if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
        const fields = value as Record<string, unknown>;
        for (const key of Object.keys(fields)) {
          if (key === 'identity' && typeof fields[key] === 'string') fields[key] = 'jmeg-test';
          else neutral(fields[key]);
        }
      };
      const history: History = await engine.history(w.id);
      neutral(history);
      await saveHistory(history, name);
    }

    /** The minute of an instant: the server's clock runs on while a fired timer's workflow task is handled. */
    const minute = (iso: string) => iso.slice(0, 16);

    it('on time: the act is mailed with a working link, received, both answers in time; the act closes with no reminder', async () => {
      const w = await world();
      const engine = await start(w);
      await engine.advanceTo('2026-06-01T04:01:00Z');
      const delivery = mailsTo(w.objectEmail);
      expect(delivery).toHaveLength(1);
      const text = delivery[0]!.parsed.text!;
      expect(text.indexOf('== Кыргызча ==')).toBeLessThan(text.indexOf('== На русском языке =='));
      const link = /https:\/\/jmeg\.example\.kg\/acts\/([^/]+)\/respond\?t=(\S+)/.exec(text)!;
      expect(link[1]).toBe(w.input.actId);
      expect(verifyResponseToken(link[2]!, SECRET, { nowMs: Date.parse(START), actId: w.input.actId }).actId).toBe(
        w.input.actId,
      );
      expect(() => verifyResponseToken(tamperSignature(link[2]!), SECRET, { nowMs: Date.parse(START) })).toThrow(
        /signature/,
      );
      expect(JSON.stringify(await state(engine, w))).not.toContain(link[2]!);
      // 60 days from the end of the issue day (Bishkek): refused as expired from then on.
      expect((await state(engine, w)).delivery).toEqual({
        to: [w.objectEmail],
        linkExpiresAt: '2026-07-31T18:00:00.000Z',
      });
      expect(() =>
        verifyResponseToken(link[2]!, SECRET, { nowMs: Date.parse('2026-07-31T18:00:00.000Z'), actId: w.input.actId }),
      ).toThrow(/expired/);

      expect(await refused(engine, w, a.closeActUpdate, { reason: 'no answer', on: '2026-06-01' })).toEqual([
        'not-escalated',
      ]);
      expect(await refused(engine, w, a.recordReceiptUpdate, { receivedOn: '2026-05-29', via: 'link' })).toEqual([
        'date-too-early',
      ]);
      expect(await refused(engine, w, a.recordReceiptUpdate, { receivedOn: '2026-06-03', via: 'link' })).toEqual([
        'date-in-future',
      ]);
      await engine.advanceTo('2026-06-02T05:00:00Z');
      await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-02', via: 'link' });
      await engine.advanceTo('2026-06-02T05:01:00Z');
      // The object's receipt opens what the object owes (4.3(3)); the executive body's own opens its report (4.3(4)).
      expect((await state(engine, w)).obligations.map((o) => o.key)).toEqual(['object-response']);
      await engine.update(w.id, a.recordReceiptUpdate, {
        receivedOn: '2026-06-02',
        via: 'link',
        party: 'executive-body',
      });
      await engine.advanceTo('2026-06-02T05:02:00Z');
      expect((await state(engine, w)).obligations.map((o) => [o.key, o.due, o.party])).toEqual([
        ['object-response', '2026-06-16', expect.stringMatching(/^object:/)],
        ['executive-report', '2026-07-02', 'executive-body'],
      ]);
      await engine.advanceTo('2026-06-10T05:00:00Z');
      const answer = await engine.update(w.id, a.recordResponseUpdate, {
        obligationKey: 'object-response',
        respondedOn: '2026-06-10',
        text: 'Себептери: насос бузулган. Чаралар: июль айында алмаштырылат.',
        submissionKey: 'form-1',
      });
      expect(answer).toMatchObject({ late: false, supersedes: null });
      await engine.advanceTo('2026-06-25T05:00:00Z');
      await engine.update(w.id, a.recordResponseUpdate, {
        obligationKey: 'executive-report',
        respondedOn: '2026-06-25',
        text: 'Насос алмаштырылды.',
        submissionKey: 'staff-1',
      });
      await engine.advanceTo('2026-06-25T05:01:00Z');
      expect(await status(engine, w)).toBe('COMPLETED');
      expect(await engine.client.workflow.getHandle(w.id).result()).toMatchObject({
        by: 'obligations-met',
        on: '2026-06-25',
        reason: null,
      });
      // 4.3(3): the object's answer went on to the executive body.
      expect(await outbox(w)).toEqual([
        `${deliveryKey(w.input.actId)} sent`,
        `${executiveDeliveryKey(w.input.actId)} sent`,
        `${forwardKey(w.input.actId, answer.responseId)} sent`,
      ]);
      // Each answer's two events come from two activities the worker runs side by side: their order is either.
      const events = await actEvents(w);
      expect(events).toHaveLength(12);
      expect(events.slice(0, 6)).toEqual([
        'act.drafted',
        'act.issued',
        'act.received',
        'obligation.opened',
        'act.received',
        'obligation.opened',
      ]);
      // The forward is recorded once its mail went out, beside the second answer's events.
      expect(events.slice(6, 11).sort()).toEqual([
        'obligation.status-changed',
        'obligation.status-changed',
        'response.forwarded',
        'response.recorded',
        'response.recorded',
      ]);
      expect(events[11]).toBe('act.closed');
      const act = await database.db
        .selectFrom('acts')
        .select(['status', 'received_on', 'received_via'])
        .where('id', '=', w.input.actId)
        .executeTakeFirstOrThrow();
      expect([act.status, act.received_via]).toEqual(['closed', 'link']);
      expect((await scheduled(engine, w)).filter((s) => s.type === 'sendReminder' || s.type === 'escalate')).toEqual(
        [],
      );
      await record(engine, w, 'act-on-time');
    }, 120_000);

    it('late answer after the escalation: three reminders to the object, exactly one escalation mail to the council; the answer is marked late; the chair may then close', async () => {
      const w = await world();
      const engine = await start(w);
      await engine.advanceTo('2026-06-02T05:00:00Z');
      await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-02', via: 'link' });
      await engine.advanceTo('2026-06-19T05:00:00Z');
      const o = obligationId(w, 'object-response');
      expect(await outbox(w)).toEqual([
        `${deliveryKey(w.input.actId)} sent`,
        `${executiveDeliveryKey(w.input.actId)} sent`,
        `${reminderKey(o, 'due-3')} sent`,
        `${reminderKey(o, 'due-1')} sent`,
        `${reminderKey(o, 'due-0')} sent`,
        `${escalationKey(o)} sent`,
      ]);
      expect(mailsTo(w.councilEmail)).toHaveLength(1);
      expect(mailsTo(w.objectEmail)).toHaveLength(4);
      // The reminders on 11, 15 and 16 June, the escalation the day after the due date.
      expect(mailsTo(w.objectEmail).map((m) => m.parsed.date?.toISOString().slice(0, 10))).toEqual([
        '2026-06-01',
        '2026-06-11',
        '2026-06-15',
        '2026-06-16',
      ]);
      expect(mailsTo(w.councilEmail).map((m) => m.parsed.date?.toISOString().slice(0, 10))).toEqual(['2026-06-17']);
      // A paper answer dated 18 June, entered on the 19th: late (due 16 June), dated the day it was given.
      const late = await engine.update(w.id, a.recordResponseUpdate, {
        obligationKey: 'object-response',
        respondedOn: '2026-06-18',
        text: 'Кечиктирип жооп беребиз.',
        submissionKey: 'paper-1',
      });
      expect(late.late).toBe(true);
      await engine.advanceTo('2026-06-26T05:00:00Z');
      expect(mailsTo(w.councilEmail)).toHaveLength(1);
      const closed = await engine.update(w.id, a.closeActUpdate, {
        reason: 'Айыл өкмөтү отчетту сессияда оозеки берди',
        on: '2026-06-26',
      });
      expect(closed).toMatchObject({ by: 'chair', on: '2026-06-26' });
      await engine.advanceTo('2026-06-26T05:01:00Z');
      expect(await status(engine, w)).toBe('COMPLETED');
      const row = await database.db
        .selectFrom('responses')
        .select(['late', 'submitted_at'])
        .where('act_id', '=', w.input.actId)
        .executeTakeFirstOrThrow();
      expect([row.late, new Date(row.submitted_at).toISOString()]).toEqual([true, '2026-06-18T06:00:00.000Z']);
      // Nothing else was open (the executive body never recorded its receipt): the act.closed event ends the stream.
      expect((await actEvents(w)).at(-1)).toBe('act.closed');
      const statuses = await database.db
        .selectFrom('obligations')
        .select(['key', 'status'])
        .where('act_id', '=', w.input.actId)
        .orderBy('key')
        .execute();
      // The executive body never recorded its receipt: its report never opened (4.3(4)).
      expect(statuses.map((r) => [r.key, r.status])).toEqual([['object-response', 'met']]);
      expect((await scheduled(engine, w)).filter((s) => s.type === 'escalate')).toHaveLength(1);
      await record(engine, w, 'act-late-after-escalation');
    }, 120_000);

    it('the object is the executive body: only the 30-day report (4.3), reminded once before it came', async () => {
      const w = await world({ toExecutiveBody: true });
      const engine = await start(w);
      await engine.advanceTo('2026-06-02T05:00:00Z');
      await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-02', via: 'staff' });
      await engine.advanceTo('2026-06-02T05:01:00Z');
      expect((await state(engine, w)).obligations.map((o) => [o.key, o.due])).toEqual([
        ['executive-report', '2026-07-02'],
      ]);
      expect(
        await refused(engine, w, a.recordResponseUpdate, {
          obligationKey: 'object-response',
          respondedOn: '2026-06-02',
          text: 'x',
          submissionKey: 'k',
        }),
      ).toEqual(['unknown-obligation']);
      await engine.advanceTo('2026-06-30T05:00:00Z');
      await engine.update(w.id, a.recordResponseUpdate, {
        obligationKey: 'executive-report',
        respondedOn: '2026-06-30',
        text: 'Чаралар көрүлдү.',
        submissionKey: 'staff-1',
      });
      await engine.advanceTo('2026-06-30T05:01:00Z');
      expect(await status(engine, w)).toBe('COMPLETED');
      expect(await outbox(w)).toEqual([
        `${deliveryKey(w.input.actId)} sent`,
        `${reminderKey(obligationId(w, 'executive-report'), 'due-3')} sent`,
      ]);
      expect(mailsTo(w.executiveEmail)).toHaveLength(2);
      await record(engine, w, 'act-executive-body');
    }, 120_000);

    it('no receipt: staff are prompted once after 3 working days; the receipt they record later starts the count', async () => {
      const w = await world();
      const engine = await start(w);
      await engine.advanceTo('2026-06-05T02:59:00Z');
      expect(mailsTo(w.councilEmail)).toHaveLength(0);
      await engine.advanceTo('2026-06-08T05:00:00Z');
      expect((await state(engine, w)).receiptPrompt).toEqual({ at: '2026-06-05T03:00:00.000Z', sent: true });
      expect((await scheduled(engine, w)).filter((s) => s.type === 'promptReceipt').map((s) => minute(s.at))).toEqual([
        '2026-06-05T03:00',
      ]);
      expect(mailsTo(w.councilEmail)).toHaveLength(1);
      const first = await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-08', via: 'staff' });
      expect(await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-05', via: 'link' })).toEqual(
        first,
      );
      await engine.update(w.id, a.recordReceiptUpdate, {
        receivedOn: '2026-06-08',
        via: 'staff',
        party: 'executive-body',
      });
      await engine.advanceTo('2026-06-08T05:01:00Z');
      expect((await state(engine, w)).obligations.map((o) => [o.key, o.anchor, o.due])).toEqual([
        ['object-response', '2026-06-08', '2026-06-22'],
        ['executive-report', '2026-06-08', '2026-07-08'],
      ]);
      await engine.advanceTo('2026-06-20T05:00:00Z');
      expect(mailsTo(w.councilEmail)).toHaveLength(1);
      expect(await outbox(w)).toEqual([
        `${deliveryKey(w.input.actId)} sent`,
        `${executiveDeliveryKey(w.input.actId)} sent`,
        `${receiptPromptKey(w.input.actId)} sent`,
        `${reminderKey(obligationId(w, 'object-response'), 'due-3')} sent`,
        `${reminderKey(obligationId(w, 'object-response'), 'due-1')} sent`,
      ]);
      await record(engine, w, 'act-receipt-late-by-staff');
    }, 120_000);

    it('a day off added during the count moves the object-response due date; no rung is sent twice', async () => {
      const w = await world();
      const engine = await start(w);
      await engine.advanceTo('2026-06-02T05:00:00Z');
      await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-02', via: 'link' });
      await engine.update(w.id, a.recordReceiptUpdate, {
        receivedOn: '2026-06-02',
        via: 'link',
        party: 'executive-body',
      });
      await engine.advanceTo('2026-06-05T05:00:00Z');
      await setCalendarEntry(
        database.db,
        w.input.councilId,
        { date: '2026-06-10', type: 'day-off', name: { ky: 'Дем алыш күн', ru: 'Выходной день' }, status: 'confirmed' },
        'test',
      );
      await engine.signal(w.id, a.actCalendarChangedSignal, { reason: 'day off on 10 June 2026' });
      await engine.advanceTo('2026-06-05T05:01:00Z');
      expect((await state(engine, w)).obligations.map((o) => [o.key, o.due])).toEqual([
        ['object-response', '2026-06-17'],
        ['executive-report', '2026-07-02'],
      ]);
      await engine.advanceTo('2026-06-16T05:00:00Z');
      const o = obligationId(w, 'object-response');
      const reminders = (await scheduled(engine, w)).filter(
        (s) => s.type === 'sendReminder' && s.arg.obligationId === o,
      );
      expect(reminders.map((s) => minute(s.at))).toEqual(['2026-06-12T03:00', '2026-06-16T03:00']);
      expect(await outbox(w)).toEqual([
        `${deliveryKey(w.input.actId)} sent`,
        `${executiveDeliveryKey(w.input.actId)} sent`,
        `${reminderKey(o, 'due-3')} sent`,
        `${reminderKey(o, 'due-1')} sent`,
      ]);
      await record(engine, w, 'act-calendar-changed');
    }, 120_000);

    it('the same response twice is one event; another submission amends it with a new event', async () => {
      const w = await world();
      const engine = await start(w);
      await engine.advanceTo('2026-06-02T05:00:00Z');
      await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-02', via: 'link' });
      await engine.advanceTo('2026-06-09T05:00:00Z');
      const req: a.ResponseInput = {
        obligationKey: 'object-response',
        respondedOn: '2026-06-09',
        text: 'Жооп.',
        submissionKey: 'form-1',
      };
      const first = await engine.update(w.id, a.recordResponseUpdate, req);
      expect(await engine.update(w.id, a.recordResponseUpdate, req)).toEqual(first);
      await engine.advanceTo('2026-06-09T05:01:00Z');
      expect((await actEvents(w)).filter((t) => t === 'response.recorded')).toHaveLength(1);
      await engine.advanceTo('2026-06-11T05:00:00Z');
      const amended = await engine.update(w.id, a.recordResponseUpdate, {
        ...req,
        respondedOn: '2026-06-11',
        text: 'Толукталган жооп.',
        submissionKey: 'form-2',
      });
      expect(amended).toMatchObject({ supersedes: first.responseId, late: false });
      await engine.advanceTo('2026-06-11T05:01:00Z');
      const rows = await database.db
        .selectFrom('responses')
        .select(['id', 'supersedes_id'])
        .where('act_id', '=', w.input.actId)
        .orderBy('submitted_at')
        .execute();
      expect(rows.map((r) => [r.id, r.supersedes_id])).toEqual([
        [first.responseId, null],
        [amended.responseId, first.responseId],
      ]);
      expect((await state(engine, w)).obligations[0]!.fulfilled).toEqual({ on: '2026-06-09', late: false });
      await record(engine, w, 'act-duplicate-response');
    }, 120_000);

    it('the mail server is down during delivery: the act goes out once when it returns', async () => {
      const w = await world();
      await smtp.stop();
      let engine: TimeSkippingEngine | undefined;
      try {
        engine = await start(w);
        await engine.advanceTo('2026-06-01T04:05:00Z');
        // Attempts at 04:00:00, :10, :30, 04:01:10 and 04:02:30 failed; the sixth waits out its backoff.
        const pending = (await engine.client.workflow.getHandle(w.id).describe()).raw.pendingActivities ?? [];
        expect(pending.map((p) => [p.activityType?.name, p.attempt])).toEqual([['deliverAct', 6]]);
        expect(pending[0]!.lastFailure?.message).toMatch(/not sent/);
        expect((await state(engine, w)).step).toBe('delivering');
        expect(mailsTo(w.objectEmail)).toHaveLength(0);
      } finally {
        await smtp.start();
      }
      await engine.advanceTo('2026-06-01T05:00:00Z');
      const events = (await engine.history(w.id)).events ?? [];
      const delivery = events.filter(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED &&
          e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverAct',
      );
      expect(delivery).toHaveLength(1);
      const deliveryEventId = String(delivery[0]!.eventId);
      const ofDelivery = (e: (typeof events)[number]) =>
        String(
          e.activityTaskStartedEventAttributes?.scheduledEventId ??
            e.activityTaskCompletedEventAttributes?.scheduledEventId ??
            e.activityTaskFailedEventAttributes?.scheduledEventId,
        ) === deliveryEventId;
      // One start and one completion: the sixth attempt.
      const outcome = events.filter(ofDelivery);
      expect(outcome.map((e) => e.eventType)).toEqual([
        EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
        EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
      ]);
      expect(outcome[0]!.activityTaskStartedEventAttributes!.attempt).toBe(6);
      expect(mailsTo(w.objectEmail)).toHaveLength(1);
      expect(await outbox(w)).toEqual([
        `${deliveryKey(w.input.actId)} sent`,
        `${executiveDeliveryKey(w.input.actId)} sent`,
      ]);
      expect((await state(engine, w)).step).toBe('awaiting-receipt');
      await record(engine, w, 'act-smtp-outage');
    }, 120_000);

    it('worker restarted after the receipt: the history replays, the act is not mailed again, the ladder goes on', async () => {
      const w = await world();
      // No sticky queue: the test server would keep sending the workflow's tasks to the stopped worker's one.
      const engine = await start(w, { maxCachedWorkflows: 0 });
      await engine.advanceTo('2026-06-02T05:00:00Z');
      await engine.update(w.id, a.recordReceiptUpdate, { receivedOn: '2026-06-02', via: 'link' });
      await engine.advanceTo('2026-06-11T05:00:00Z');
      const before = await state(engine, w);
      const eventsBefore = (await engine.history(w.id)).events?.length ?? 0;
      await engine.stopWorker();
      // Days pass with no worker (no timer is due before 09:00 on the 15th), then a new worker takes over.
      await engine.advanceTo('2026-06-15T02:00:00Z');
      await engine.startWorker();
      // The new worker replays the whole history: the same state, no activity run again.
      const after = await state(engine, w);
      expect(after.obligations).toEqual(before.obligations);
      expect(after.delivery).toEqual(before.delivery);
      await engine.settle(w.id);
      expect(await scheduled(engine, w, eventsBefore)).toEqual([]);
      await engine.advanceTo('2026-06-15T05:00:00Z');
      expect(
        (await scheduled(engine, w, eventsBefore))
          .filter((s) => s.type === 'sendReminder' || s.type === 'deliverAct')
          .map((s) => [s.type, minute(s.at)]),
      ).toEqual([['sendReminder', '2026-06-15T03:00']]);
      expect(mailsTo(w.objectEmail)).toHaveLength(3);
      expect(await outbox(w)).toEqual([
        `${deliveryKey(w.input.actId)} sent`,
        `${executiveDeliveryKey(w.input.actId)} sent`,
        `${reminderKey(obligationId(w, 'object-response'), 'due-3')} sent`,
        `${reminderKey(obligationId(w, 'object-response'), 'due-1')} sent`,
      ]);
      await engine.update(w.id, a.recordResponseUpdate, {
        obligationKey: 'object-response',
        respondedOn: '2026-06-15',
        text: 'Жооп.',
        submissionKey: 'form-1',
      });
      await record(engine, w, 'act-worker-restarted');
    }, 120_000);
    it('an answer sent right behind the receipt (both in flight at once) is recorded once its obligation is: no failed activity', async () => {
      const w = await world();
      const engine = await start(w);
      await engine.advanceTo('2026-06-02T05:00:00Z');
      const handle = engine.client.workflow.getHandle(w.id);
      // The answer is sent as soon as the receipt is accepted, while the receipt's handler is still recording it.
      const receipt = await handle.startUpdate(a.recordReceiptUpdate, {
        args: [{ receivedOn: '2026-06-02', via: 'link' }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      const answer = await handle.executeUpdate(a.recordResponseUpdate, {
        args: [{ obligationKey: 'object-response', respondedOn: '2026-06-02', text: 'Жооп.', submissionKey: 'form-1' }],
      });
      expect((await receipt.result()).receivedOn).toBe('2026-06-02');
      expect(answer).toMatchObject({ obligationKey: 'object-response', late: false });
      await engine.settle(w.id);
      const responses = await database.db
        .selectFrom('responses')
        .select(['obligation_id', 'late'])
        .where('act_id', '=', w.input.actId)
        .execute();
      expect(responses).toEqual([{ obligation_id: obligationId(w, 'object-response'), late: false }]);
      const failed = ((await engine.history(w.id)).events ?? []).filter(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED ||
          e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
      );
      expect(failed).toEqual([]);
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      expect(pending.filter((p) => (p.attempt ?? 1) > 1)).toEqual([]);
      await record(engine, w, 'act-answer-behind-receipt');
    }, 120_000);
  },
);
