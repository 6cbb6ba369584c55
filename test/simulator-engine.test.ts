// The ProcedureEngine on the offline simulator (test/support/simulator-engine.ts): real workflow code, real activities
// on Postgres and a real SMTP server, one virtual clock shared by every workflow, and the API's error mapping on top.
// The council was formed on Thursday 15 January 2026: the 5.4.1 notice is due Monday 16 February, its first
// reminder goes out on Wednesday 11 February at 09:00 Bishkek (03:00Z), three working days before.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateDefinition } from '@temporalio/common';
import type { WorkflowBundle } from '@temporalio/worker';
import { messageIdFor } from '../activities/mail/build-transport';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { reminderKey } from '../activities/mail/obligation-mail-activities';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { EngineUnavailableError, ProcedureNotFoundError, ProcedureRefusedError, type ProcedureEngine } from '../api/engine/engine';
import { loadConfig } from '../config/config';
import { draftAct, issueAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { verifyResponseToken } from '../security/response-token';
import { actStateQuery, actWorkflowId, type ActState } from '../workflows/act/contract';
import {
  formationStateQuery,
  formationWorkflowId,
  formationCalendarChangedSignal,
  publishFormationNoticeUpdate,
  submitStaffCandidatesUpdate,
  type FormationInput,
} from '../workflows/formation/contract';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { bundleForSimulator, type ActivityImplementations } from './support/simulator';
import { createSimulatorEngine, type SimulatorEngine } from './support/simulator-engine';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const WORKFLOWS = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'simulator-engine-test-secret-0123456789abcdef';
const START = '2026-01-16T04:00:00.000Z'; // Friday 16 January, 10:00 in Bishkek

let bundle: WorkflowBundle;
let database: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let worlds = 0;

beforeAll(async () => {
  [bundle, database, smtp] = await Promise.all([bundleForSimulator(WORKFLOWS), createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
}, 60_000);

afterAll(async () => {
  transport?.close();
  await Promise.all([database?.drop(), smtp?.stop()]);
});

/** A council with its executive body and a group in formation. */
async function council(formedOn = '2026-01-15'): Promise<{ input: FormationInput; executiveEmail: string; councilId: string }> {
  const n = ++worlds;
  const db = database.db;
  const executiveEmail = `okmot-${n}@ayil.kg`;
  const councilId = await registerCouncil(db, { name: { ky: `Кеңеш ${n}`, ru: `Кенеш ${n}` }, email: `kenesh-${n}@ayil.kg` }, 'test');
  await registerObject(db, { councilId, name: { ky: `Айыл өкмөтү ${n}`, ru: `Айыл окмоту ${n}` }, kind: 'executive_body', emails: [executiveEmail] }, 'test');
  const groupId = await openGroup(db, { councilId, councilFormedOn: formedOn }, 'test');
  return { input: { councilId, groupId, formedOn }, executiveEmail, councilId };
}

/** Every activity call the engine made: the workflow it served, its type and the engine clock when it ran. */
interface Call { type: string; at: number; obligationId: string | undefined }

function engineWithLog(startTime = START): { engine: SimulatorEngine; calls: Call[] } {
  const calls: Call[] = [];
  const box: { engine?: SimulatorEngine } = {};
  const engine = createSimulatorEngine({
    bundle,
    db: database.db,
    transport,
    mailFrom: MAIL_FROM,
    startTime,
    extraActivityConfig: { responseLinkSecret: SECRET, responseLinkDays: 60, publicBaseUrl: 'https://jmeg.example.kg' },
    activities: (real: ActivityImplementations) =>
      Object.fromEntries(Object.entries(real).map(([type, fn]) => [type, (...args: unknown[]) => (calls.push({ type, at: box.engine!.now(), obligationId: (args[0] as { obligationId?: string } | undefined)?.obligationId }), fn(...args))])),
  });
  box.engine = engine;
  return { engine, calls };
}

async function refusal(promise: Promise<unknown>): Promise<ProcedureRefusedError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ProcedureRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('the simulator engine drives real workflows with real activities', () => {
  let engine: SimulatorEngine;
  let calls: Call[];
  afterAll(() => engine?.close());

  it('starts a formation (idempotently), answers queries, accepts and refuses updates, fires reminders on the shared clock', async () => {
    ({ engine, calls } = engineWithLog());
    const a = await council('2026-01-15');
    const id = formationWorkflowId(a.input.groupId);
    expect(engine.now()).toBe(Date.parse(START));
    expect(await engine.start('formationWorkflow', id, [a.input])).toBe('started');
    expect(await engine.start('formationWorkflow', id, [a.input])).toBe('already-started');
    expect(engine.workflowIds).toEqual([id]);

    const state = await engine.query(id, formationStateQuery);
    expect(state.step).toBe('formation-notice');
    expect(state.today).toBe('2026-01-16');
    expect(state.obligations.map((o) => [o.key, o.due])).toEqual([['formation-notice', '2026-02-16']]);

    // An order-of-steps refusal (5.4.2 before the 5.4.1 notice): nothing recorded, the workflow's own problems.
    const early = await refusal(engine.update(id, submitStaffCandidatesUpdate, { submittedOn: '2026-01-16', candidates: [{ fullName: 'Асанов Бакыт', sex: 'M', birthDate: '1980' }] }));
    expect(early.problems.map((p) => [p.code, p.field, p.clause])).toEqual([['formation-notice-missing', 'formationNotice', '5.4.1']]);
    expect(early.problems[0]!.message.ky).toMatch(/жарыя/);
    // An input refusal: unknown channel.
    const badInput = await refusal(engine.update(id, publishFormationNoticeUpdate, { publishedOn: '2026-01-16', channels: ['radio' as 'website'] }));
    expect(badInput.problems.map((p) => p.code)).toEqual(['invalid-channels']);

    // A second council formed four days later: its notice is due Thursday 19 February, first reminder Monday 16.
    const b = await council('2026-01-19');
    await engine.advanceTo('2026-01-20T04:00:00Z');
    const idB = formationWorkflowId(b.input.groupId);
    expect(await engine.start('formationWorkflow', idB, [b.input])).toBe('started');
    expect((await engine.query(idB, formationStateQuery)).today).toBe('2026-01-20');

    await engine.advanceTo('2026-02-11T10:00:00Z');
    expect(engine.now()).toBe(Date.parse('2026-02-11T10:00:00Z'));
    const reminderA = messageIdFor(reminderKey(`${a.input.groupId}/formation-notice`, 'due-3'), MAIL_FROM);
    const mailA = smtp.received.find((m) => m.parsed.messageId === reminderA);
    expect(mailA?.envelopeTo).toEqual([a.executiveEmail]);
    expect(mailA?.parsed.subject).toContain('[5.4.1]');
    expect(smtp.received.some((m) => m.envelopeTo.includes(b.executiveEmail))).toBe(false);
    const reminders = calls.filter((c) => c.type === 'sendReminder').map((c) => new Date(c.at).toISOString());
    expect(reminders).toEqual(['2026-02-11T03:00:00.000Z']);

    const notice = await engine.update(id, publishFormationNoticeUpdate, { publishedOn: '2026-02-11', channels: ['website'] });
    expect(notice.publishedOn).toBe('2026-02-11');
    const after = await engine.query(id, formationStateQuery);
    expect(after.formationNotice?.publishedOn).toBe('2026-02-11');
    expect(after.today).toBe('2026-02-11');
    // Now the notice exists, the same update is an order-of-steps refusal.
    const again = await refusal(engine.update(id, publishFormationNoticeUpdate, { publishedOn: '2026-02-11', channels: ['website'] }));
    expect(again.problems.map((p) => p.code)).toEqual(['already-published']);

    // Both workflows' timers interleave in time order on the one clock, and every activity saw the instant it was
    // due at: A's reminder of 11 February, then B's of 16 and 18 February.
    await engine.advanceTo('2026-02-18T05:00:00Z');
    const reminderB = messageIdFor(reminderKey(`${b.input.groupId}/formation-notice`, 'due-3'), MAIL_FROM);
    expect(smtp.received.find((m) => m.parsed.messageId === reminderB)?.envelopeTo).toEqual([b.executiveEmail]);
    const times = calls.map((c) => c.at);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(calls.filter((c) => c.type === 'sendReminder').map((c) => [c.obligationId, new Date(c.at).toISOString()])).toEqual([
      [`${a.input.groupId}/formation-notice`, '2026-02-11T03:00:00.000Z'],
      [`${b.input.groupId}/formation-notice`, '2026-02-16T03:00:00.000Z'],
      [`${b.input.groupId}/formation-notice`, '2026-02-18T03:00:00.000Z'],
    ]);

    // A signal reaches the running workflow (a calendar change: nothing moves here, the state is read again).
    await engine.signal(id, formationCalendarChangedSignal, { reason: 'test' });
    expect((await engine.query(id, formationStateQuery)).step).toBe('nominations');
  }, 120_000);

  it('unknown workflow ids are ProcedureNotFoundError; concurrent calls are served one after the other', async () => {
    await expect(engine.update('formation-nope', publishFormationNoticeUpdate, { publishedOn: '2026-02-18', channels: ['website'] })).rejects.toBeInstanceOf(ProcedureNotFoundError);
    await expect(engine.query('formation-nope', formationStateQuery)).rejects.toBeInstanceOf(ProcedureNotFoundError);
    await expect(engine.signal('formation-nope', formationCalendarChangedSignal, { reason: 'test' })).rejects.toBeInstanceOf(ProcedureNotFoundError);
    const id = engine.workflowIds[0]!;
    const results = await Promise.all([engine.query(id, formationStateQuery), engine.advanceTo('2026-02-18T06:00:00Z'), engine.query(id, formationStateQuery)]);
    expect(results[0].step).toBe('nominations');
    expect(engine.now()).toBe(Date.parse('2026-02-18T06:00:00Z'));
  });

  it('setAvailable(false) plays a Temporal server gone away: every call is EngineUnavailableError until it is back', async () => {
    const id = engine.workflowIds[0]!;
    engine.setAvailable(false);
    expect(engine.available()).toBe(false);
    const c = await council();
    await expect(engine.start('formationWorkflow', formationWorkflowId(c.input.groupId), [c.input])).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(engine.update(id, publishFormationNoticeUpdate, { publishedOn: '2026-02-18', channels: ['website'] })).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(engine.query(id, formationStateQuery)).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(engine.signal(id, formationCalendarChangedSignal, { reason: 'test' })).rejects.toBeInstanceOf(EngineUnavailableError);
    expect(engine.workflowIds).not.toContain(formationWorkflowId(c.input.groupId));
    engine.setAvailable(true);
    expect(engine.available()).toBe(true);
    expect((await engine.query(id, formationStateQuery)).step).toBe('nominations');
  });

  it('runs the act workflow with the response-link settings: the object gets a link signed with the secret', async () => {
    const { engine: actEngine } = engineWithLog('2026-06-01T04:00:00.000Z');
    try {
      const db = database.db;
      const n = ++worlds;
      const councilId = await registerCouncil(db, { name: { ky: `Кеңеш ${n}`, ru: `Кенеш ${n}` }, email: `kenesh-${n}@ayil.kg` }, 'test');
      await registerObject(db, { councilId, name: { ky: `Өкмөт ${n}`, ru: `Окмоту ${n}` }, kind: 'executive_body', emails: [`okmot-${n}@ayil.kg`] }, 'test');
      const school = await registerObject(db, { councilId, name: { ky: `Мектеп ${n}`, ru: `Школа ${n}` }, kind: 'municipal_institution', emails: [`mektep-${n}@ayil.kg`] }, 'test');
      const groupId = await openGroup(db, { councilId }, 'test');
      const act = await draftAct(db, {
        groupId,
        objectId: school.id,
        draft: parseActDraft({
          purpose: 'Ичүүчү суунун сапатын баалоо',
          subject: 'Ичүүчү суу менен камсыздоо программасы',
          place: 'Терек-Суу айылы',
          periodStart: '2026-05-04',
          periodEnd: '2026-05-22',
          findings: [{ kind: 'fact', text: 'Суу жумасына эки күн гана берилет.', method: 'site_visit' }],
          recommendations: ['Суу берүү графигин жарыялоо'],
          annexes: [],
        }),
      }, 'test');
      await issueAct(db, act.id, { on: '2026-06-01', actor: 'test' });
      expect(await actEngine.start('actWorkflow', actWorkflowId(act.id), [{ actId: act.id, groupId, councilId }])).toBe('started');
      const state: ActState = await actEngine.query(actWorkflowId(act.id), actStateQuery);
      expect(state.delivery).not.toBeNull();
      const mail = smtp.received.find((m) => m.envelopeTo.includes(`mektep-${n}@ayil.kg`));
      const link = /https:\/\/jmeg\.example\.kg\/\S*?[?&]t=([\w.-]+)/.exec(mail?.parsed.text ?? '');
      expect(link, mail?.parsed.text).not.toBeNull();
      const token = verifyResponseToken(link![1]!, SECRET, { actId: act.id, nowMs: actEngine.now() });
      expect(token.objectId).toBe(school.id);
    } finally {
      await actEngine.close();
    }
  }, 60_000);
});

describe('the API on the simulator engine maps refusals to 409 / 400 with the problems, and 503 / 404', () => {
  let engine: SimulatorEngine;
  let app: App;
  let groupId: string;

  beforeAll(async () => {
    ({ engine } = engineWithLog('2026-02-02T05:00:00Z'));
    app = buildApp({ db: database.db, config: loadConfig({}), clock: () => engine.now(), engine });
    // A route of this test only (the product's formation routes belong to their own tests): one update per step name.
    const updates: Record<string, UpdateDefinition<unknown, [unknown]>> = { notice: publishFormationNoticeUpdate, staff: submitStaffCandidatesUpdate };
    const e: ProcedureEngine = engine;
    app.post('/sim-engine-test/:groupId/:step', { config: { access: ['public'] } }, async (request) => {
      const { groupId: g, step } = request.params as { groupId: string; step: string };
      const definition = updates[step];
      if (!definition) throw new Error(`no step ${step}`);
      return e.update(formationWorkflowId(g), definition, request.body);
    });
    const c = await council('2026-01-15');
    groupId = c.input.groupId;
    await engine.start('formationWorkflow', formationWorkflowId(groupId), [c.input]);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await engine?.close();
  });

  const post = (step: string, payload: unknown, lang = 'en', g = groupId) => app.inject({ method: 'POST', url: `/sim-engine-test/${g}/${step}?lang=${lang}`, payload: payload as object });

  it('an accepted update answers 200 with its result; a step already done is 409 step-conflict with the problems', async () => {
    const ok = await post('notice', { publishedOn: '2026-02-02', channels: ['website', 'notice_board'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ publishedOn: '2026-02-02' });
    const again = await post('notice', { publishedOn: '2026-02-02', channels: ['website'] }, 'ru');
    expect(again.statusCode).toBe(409);
    const body = again.json<{ error: { code: string; problems: { field: string; rule: string; clause: string; message: string }[] } }>();
    expect(body.error.code).toBe('step-conflict');
    expect(body.error.problems).toEqual([{ field: 'formationNotice', rule: 'already-published', clause: '5.4.1', message: expect.stringMatching(/опубликовано/) as unknown }]);
  });

  it('bad input refused by the workflow is 400 step-refused naming the field and rule', async () => {
    const res = await post('staff', { submittedOn: '2026-02-02', candidates: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'step-refused', field: 'candidates', rule: 'empty-list', problems: [{ field: 'candidates', rule: 'empty-list', clause: null, message: 'the list is empty' }] } });
  });

  it('an unknown procedure is 404; the engine gone is 503 (and back again)', async () => {
    expect((await post('notice', { publishedOn: '2026-02-02', channels: ['website'] }, 'en', '00000000-0000-4000-8000-00000000dead')).statusCode).toBe(404);
    engine.setAvailable(false);
    const down = await post('staff', { submittedOn: '2026-02-02', candidates: [] });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: { code: 'engine-unavailable' } });
    engine.setAvailable(true);
    expect((await post('staff', { submittedOn: '2026-02-02', candidates: [] })).statusCode).toBe(400);
  });
});
