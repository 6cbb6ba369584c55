// The obligation procedure end to end on real components: the workflow code in the forward simulator, the real
// activities of createActivities, a real Postgres database and a real SMTP server. Only the clock is virtual.
// 4.3: the object answers an act within 10 working days; act received Wednesday 1 April 2026, due Wednesday 15 April.
import { fileURLToPath } from 'node:url';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { obligationWorkflowId, signalOpenObligations, type SignalClient } from '../activities/calendar/signal-open-obligations';
import { buildTransport, messageIdFor, type MailTransport } from '../activities/mail/build-transport';
import { escalationKey, reminderKey } from '../activities/mail/obligation-mail-activities';
import { formatMailDate } from '../activities/mail/render-obligation-mail';
import { setCalendarEntry } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { record } from '../db/record';
import type { ObligationInput, ObligationState } from '../workflows/obligation/contract';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { bundleForSimulator, WorkflowSimulator } from './support/simulator';
import { saveHistoryFixture } from './support/simulator-fixtures';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './support/smtp';

const WORKFLOWS = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const MAIL_FROM = 'jmeg@jyrgalang.kg';
const COUNCIL_EMAIL = 'kenesh@jyrgalang.kg';
const SCHOOL_EMAIL = 'school3@jyrgalang.kg';
const RECEIVED = '2026-04-01T10:00:00.000Z'; // 16:00 in Bishkek
/** 09:00 Bishkek on 10, 14 and 15 April (3, 1 and 0 working days before the due day), escalation 16 April. */
const RUNG_AT = { 'due-3': '2026-04-10T03:00:00.000Z', 'due-1': '2026-04-14T03:00:00.000Z', 'due-0': '2026-04-15T03:00:00.000Z' } as const;
const ESCALATION_AT = '2026-04-16T03:00:00.000Z';

let bundle: WorkflowBundle;
let smtp: TestSmtpServer;
let transport: MailTransport;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [bundle, smtp] = await Promise.all([bundleForSimulator(WORKFLOWS), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(async () => {
  transport.close();
  await smtp.stop();
});

interface Scenario {
  database: TestDatabase;
  input: ObligationInput;
  workflowId: string;
  /** The simulator whose virtual clock the activities read (set when started or resumed). */
  current: { sim?: WorkflowSimulator };
  activities: ReturnType<typeof createActivities>;
  start(): Promise<WorkflowSimulator>;
  resume(history: WorkflowSimulator['history']): Promise<WorkflowSimulator>;
}

/** A council with an e-mail address, its group, a school as monitored object and an act drafted to it; a fresh database. */
async function scenario(actId: string): Promise<Scenario> {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const { db } = database;
  const councilId = await registerCouncil(db, { name: { ky: 'Жыргалаң айылдык кеңеши', ru: 'Джыргаланский айылный кенеш' }, email: COUNCIL_EMAIL }, 'test');
  const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
  await record(db, {
    stream: streams.object('school-3'),
    actor: 'test',
    events: [{ type: 'object.registered', payload: { objectId: 'school-3', councilId, name: '№3 орто мектеп', kind: 'municipal_institution', contacts: ['+996555123456', SCHOOL_EMAIL] } }],
  });
  await record(db, {
    stream: streams.act(actId),
    actor: 'test',
    events: [{ type: 'act.drafted', payload: { actId, groupId, objectId: 'school-3', title: 'Мектептин ашканасын текшерүү', content: {} } }],
  });
  const input: ObligationInput = { obligationId: `${actId}/object-response`, groupId, actId, key: 'object-response', clause: '4.3', party: 'object:school-3', anchor: '2026-04-01' };
  const workflowId = obligationWorkflowId(input.obligationId);
  const current: Scenario['current'] = {};
  const activities = createActivities({ db, transport, config: { mailFrom: MAIL_FROM }, clock: () => current.sim!.now });
  const track = (sim: WorkflowSimulator) => {
    current.sim = sim;
    cleanup.push(() => sim.close());
    return sim;
  };
  return {
    database,
    input,
    workflowId,
    current,
    activities,
    start: async () => {
      // The activities read the clock only once the simulator exists: the first task runs inside start().
      current.sim = { now: new Date(RECEIVED) } as WorkflowSimulator;
      return track(await WorkflowSimulator.start({ bundle, workflowType: 'obligationWorkflow', args: [input], activities: { ...activities }, startTime: RECEIVED, workflowId }));
    },
    resume: async (history) => track(await WorkflowSimulator.resume({ bundle, history, activities: { ...activities }, workflowId })),
  };
}

const mailsFor = (key: string): ReceivedMail[] => smtp.received.filter((m) => m.parsed.messageId === messageIdFor(key, MAIL_FROM));

/** Moves the clock to just before `at`: no mail under `key` yet; then to `at`: exactly one. */
async function expectMailExactlyAt(sim: WorkflowSimulator, at: string, key: string): Promise<ReceivedMail> {
  await sim.advanceTo(new Date(Date.parse(at) - 1));
  expect(mailsFor(key), `${key} before ${at}`).toHaveLength(0);
  await sim.advanceTo(at);
  const mails = mailsFor(key);
  expect(mails, `${key} at ${at}`).toHaveLength(1);
  return mails[0]!;
}

function expectReminderText(mail: ReceivedMail, due: string, ky: string, ru: string): void {
  expect(mail.envelopeTo).toEqual([SCHOOL_EMAIL]);
  expect(mail.parsed.subject).toContain('[4.3] Эскертүү: ');
  expect(mail.parsed.subject).toContain(formatMailDate(due, 'ru'));
  const text = mail.parsed.text ?? '';
  // Kyrgyz first (the state language), then Russian; each with the clause and the due date.
  expect(text.indexOf('== Кыргызча ==')).toBeLessThan(text.indexOf('== На русском языке =='));
  expect(text).toContain('Негиз: Жобонун 4.3-пункту');
  expect(text).toContain(`Аткаруу мөөнөтү: ${formatMailDate(due, 'ky')}`);
  expect(text).toContain('Основание: пункт 4.3 Положения');
  expect(text).toContain(`Срок исполнения: ${formatMailDate(due, 'ru')}`);
  expect(text).toContain(ky);
  expect(text).toContain(ru);
}

async function projection(s: Scenario) {
  const { db } = s.database;
  const id = s.input.obligationId;
  const row = await db.selectFrom('obligations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const reminders = await db.selectFrom('obligation_reminders').selectAll().where('obligation_id', '=', id).orderBy('sent_at').execute();
  const history = await db.selectFrom('obligation_status_changes').selectAll().where('obligation_id', '=', id).orderBy('seq').execute();
  return {
    status: row.status,
    due: row.due_date,
    actId: row.act_id,
    reminders: reminders.map((r) => [r.rung, r.sent_at.toISOString(), r.recipients]),
    history: history.map((h) => [h.status, h.changed_at.toISOString()]),
  };
}

describe('obligation procedure on real components (Postgres, SMTP, the workflow in the simulator)', () => {
  it('never fulfilled: three reminders on their instants in Kyrgyz and Russian, one escalation to the council, then a late answer', async () => {
    const s = await scenario('act-101');
    const sim = await s.start();
    expect(await projection(s)).toMatchObject({ status: 'open', due: '2026-04-15', actId: 'act-101', reminders: [], history: [['open', RECEIVED]] });

    expectReminderText(await expectMailExactlyAt(sim, RUNG_AT['due-3'], reminderKey(s.input.obligationId, 'due-3')), '2026-04-15', 'Мөөнөтүнө 3 жумуш күнү калды.', 'Осталось 3 рабочих дня.');
    expectReminderText(await expectMailExactlyAt(sim, RUNG_AT['due-1'], reminderKey(s.input.obligationId, 'due-1')), '2026-04-15', 'Мөөнөтүнө 1 жумуш күнү калды.', 'Остался 1 рабочий день.');
    expectReminderText(await expectMailExactlyAt(sim, RUNG_AT['due-0'], reminderKey(s.input.obligationId, 'due-0')), '2026-04-15', 'Мөөнөт бүгүн аяктайт.', 'Срок истекает сегодня.');

    const escalation = await expectMailExactlyAt(sim, ESCALATION_AT, escalationKey(s.input.obligationId));
    expect(escalation.envelopeTo).toEqual([COUNCIL_EMAIL]);
    expect(escalation.parsed.subject).toContain('[4.3] Мөөнөтү өттү: ');
    expect(escalation.parsed.text).toContain('Урматтуу Жыргалаң айылдык кеңеши!');
    expect(escalation.parsed.text).toContain('Здравствуйте, Джыргаланский айылный кенеш!');
    expect(escalation.parsed.text).toContain('Срок исполнения: 15 апреля 2026 г.');
    expect(escalation.parsed.text).toContain('Срок истёк 1 день назад.');

    await sim.advanceTo('2026-04-30T06:00:00Z');
    const keys = [...(['due-3', 'due-1', 'due-0'] as const).map((r) => reminderKey(s.input.obligationId, r)), escalationKey(s.input.obligationId)];
    expect(keys.map((k) => mailsFor(k).length)).toEqual([1, 1, 1, 1]);
    expect(await projection(s)).toEqual({
      status: 'escalated',
      due: '2026-04-15',
      actId: 'act-101',
      reminders: [
        ['due-3', RUNG_AT['due-3'], [SCHOOL_EMAIL]],
        ['due-1', RUNG_AT['due-1'], [SCHOOL_EMAIL]],
        ['due-0', RUNG_AT['due-0'], [SCHOOL_EMAIL]],
      ],
      history: [['open', RECEIVED], ['escalated', ESCALATION_AT]],
    });
    const notice = await s.database.db.selectFrom('notices').selectAll().where('id', '=', `escalation-${s.input.obligationId}`).executeTakeFirstOrThrow();
    expect(notice.text_ru).toContain('пункт 4.3 Положения, срок 2026-04-15');

    await sim.signal('obligationFulfilled', { on: '2026-04-30' });
    expect(sim.status).toBe('completed');
    expect(sim.result).toMatchObject({ late: true, remindersSent: ['due-3', 'due-1', 'due-0'], escalated: true });
    expect((await projection(s)).history).toEqual([['open', RECEIVED], ['escalated', ESCALATION_AT], ['met', '2026-04-30T06:00:00.000Z']]);
    const reason = await s.database.db.selectFrom('obligation_status_changes').select('reason').where('obligation_id', '=', s.input.obligationId).where('status', '=', 'met').executeTakeFirstOrThrow();
    expect(reason.reason).toBe('met on 2026-04-30, late (due 2026-04-15)');
    await saveHistoryFixture(sim, 'obligation-real-never-fulfilled');
  });

  it('fulfilled after the first reminder: no further mail, the obligation is met on time', async () => {
    const s = await scenario('act-102');
    const sim = await s.start();
    await expectMailExactlyAt(sim, RUNG_AT['due-3'], reminderKey(s.input.obligationId, 'due-3'));
    await sim.advanceTo('2026-04-10T11:00:00Z');
    await sim.signal('obligationFulfilled', { on: '2026-04-10' });
    await sim.advanceTo('2026-05-01T00:00:00Z');
    expect(sim.status).toBe('completed');
    for (const rung of ['due-1', 'due-0'] as const) expect(mailsFor(reminderKey(s.input.obligationId, rung))).toEqual([]);
    expect(mailsFor(escalationKey(s.input.obligationId))).toEqual([]);
    expect(await projection(s)).toEqual({
      status: 'met',
      due: '2026-04-15',
      actId: 'act-102',
      reminders: [['due-3', RUNG_AT['due-3'], [SCHOOL_EMAIL]]],
      history: [['open', RECEIVED], ['met', '2026-04-10T11:00:00.000Z']],
    });
    await saveHistoryFixture(sim, 'obligation-real-fulfilled-after-first-reminder');
  });

  it('the mail server is down when a rung falls due: the activity retries on the virtual clock and one mail arrives once it is back', async () => {
    const s = await scenario('act-103');
    const sim = await s.start();
    const key = reminderKey(s.input.obligationId, 'due-3');
    await sim.advanceTo(new Date(Date.parse(RUNG_AT['due-3']) - 1));
    await smtp.stop();
    try {
      // Retries 10 s, 20 s, 40 s, 80 s, 160 s apart: attempts at +0, +10, +30, +70, +150 s within five minutes.
      await sim.advanceTo(new Date(Date.parse(RUNG_AT['due-3']) + 5 * 60_000));
    } finally {
      await smtp.start();
    }
    const attempts = sim.activityCalls.filter((c) => c.type === 'sendReminder');
    expect(attempts.map((c) => [c.attempt, c.at.toISOString(), c.outcome])).toEqual([
      [1, '2026-04-10T03:00:00.000Z', 'retrying'],
      [2, '2026-04-10T03:00:10.000Z', 'retrying'],
      [3, '2026-04-10T03:00:30.000Z', 'retrying'],
      [4, '2026-04-10T03:01:10.000Z', 'retrying'],
      [5, '2026-04-10T03:02:30.000Z', 'retrying'],
    ]);
    expect(mailsFor(key)).toEqual([]);
    const pending = await s.database.db.selectFrom('mail_outbox').selectAll().where('business_key', '=', key).executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: 'pending', attempts: 5 });
    expect(pending.last_error).toMatch(/ECONNREFUSED/);
    expect((await projection(s)).reminders).toEqual([]);

    // The sixth attempt, 160 s after the fifth (+310 s), finds the server back.
    await sim.advanceTo('2026-04-10T04:00:00Z');
    expect(mailsFor(key)).toHaveLength(1);
    expect(sim.activityCalls.filter((c) => c.type === 'sendReminder').at(-1)).toMatchObject({ attempt: 6, at: new Date('2026-04-10T03:05:10.000Z'), outcome: 'completed' });
    expect((await projection(s)).reminders).toEqual([['due-3', '2026-04-10T03:05:10.000Z', [SCHOOL_EMAIL]]]);

    await sim.advanceTo('2026-04-20T00:00:00Z');
    expect((['due-3', 'due-1', 'due-0'] as const).map((r) => mailsFor(reminderKey(s.input.obligationId, r)).length)).toEqual([1, 1, 1]);
    expect(mailsFor(escalationKey(s.input.obligationId))).toHaveLength(1);
    await sim.signal('obligationFulfilled', { on: '2026-04-20' });
    await saveHistoryFixture(sim, 'obligation-real-smtp-outage');
  });

  it('staff add a day off in the database and the running workflow is signalled: the due date moves, no rung is sent twice', async () => {
    const s = await scenario('act-104');
    const sim = await s.start();
    await expectMailExactlyAt(sim, RUNG_AT['due-3'], reminderKey(s.input.obligationId, 'due-3'));
    await sim.advanceTo('2026-04-10T12:00:00Z');

    await setCalendarEntry(s.database.db, null, { date: '2026-04-13', type: 'day-off', name: { ky: 'Дем алыш күн', ru: 'Выходной день' }, status: 'confirmed' }, 'test:staff');
    const client: SignalClient = {
      getHandle: (workflowId) => ({
        signal: (name, input) => (workflowId === s.workflowId ? sim.signal(name, input) : Promise.reject(Object.assign(new Error(`workflow ${workflowId} not found`), { name: 'WorkflowNotFoundError' }))),
      }),
    };
    const report = await signalOpenObligations(client, s.database.db, 'Cabinet decree: 13 April 2026 is a day off');
    expect(report).toEqual({ signalled: [s.workflowId], missed: [] });

    expect(sim.query<ObligationState>('obligationState')).toMatchObject({ due: '2026-04-16', calendarLoads: 2 });
    expect((await projection(s)).due).toBe('2026-04-16');
    const moved = await s.database.db.selectFrom('events').select(['payload', 'occurred_at']).where('type', '=', 'obligation.due-date-changed').where('stream_id', '=', streams.act('act-104')).execute();
    expect(moved.map((e) => [e.payload, e.occurred_at.toISOString()])).toEqual([
      [{ obligationId: s.input.obligationId, dueDate: '2026-04-16', reason: 'the working-day calendar changed: due 2026-04-15 -> 2026-04-16' }, '2026-04-10T12:00:00.000Z'],
    ]);

    // The rungs not yet sent follow the new due date; the one sent is not sent again.
    expectReminderText(await expectMailExactlyAt(sim, '2026-04-15T03:00:00.000Z', reminderKey(s.input.obligationId, 'due-1')), '2026-04-16', 'Мөөнөтүнө 1 жумуш күнү калды.', 'Остался 1 рабочий день.');
    expectReminderText(await expectMailExactlyAt(sim, '2026-04-16T03:00:00.000Z', reminderKey(s.input.obligationId, 'due-0')), '2026-04-16', 'Мөөнөт бүгүн аяктайт.', 'Срок истекает сегодня.');
    await expectMailExactlyAt(sim, '2026-04-17T03:00:00.000Z', escalationKey(s.input.obligationId));
    expect(mailsFor(reminderKey(s.input.obligationId, 'due-3'))).toHaveLength(1);
    expect(mailsFor(reminderKey(s.input.obligationId, 'due-3'))[0]!.parsed.text).toContain('Срок исполнения: 15 апреля 2026 г.');
    expect((await projection(s)).reminders.map((r) => r[0])).toEqual(['due-3', 'due-1', 'due-0']);
    await sim.signal('obligationFulfilled', { on: '2026-04-20' });
    await saveHistoryFixture(sim, 'obligation-real-calendar-changed');
  });

  it('worker restarted, even after a mail went out unrecorded: the history replays and no mail is sent twice', async () => {
    const s = await scenario('act-105');
    const first = await s.start();
    await first.advanceTo('2026-04-14T12:00:00Z');
    const partial = first.history;
    await first.close();
    // The crashed worker had also sent the next rung without reporting it (the outbox row is marked sent).
    await s.activities.sendReminder({ ...notice(s.input), rung: 'due-0', workingDaysBefore: 0 });
    expect(mailsFor(reminderKey(s.input.obligationId, 'due-0'))).toHaveLength(1);

    const resumed = await s.resume(partial);
    expect(resumed.activityCalls).toEqual([]);
    expect(resumed.query<ObligationState>('obligationState').ladder.map((r) => r.status)).toEqual(['sent', 'sent', 'pending', 'pending']);
    await resumed.advanceTo('2026-04-20T12:00:00Z');
    const reminders = resumed.activityCalls.filter((c) => c.type === 'sendReminder');
    expect(reminders.map((c) => [(c.args[0] as { rung: string }).rung, c.at.toISOString()])).toEqual([['due-0', RUNG_AT['due-0']]]);
    expect((['due-3', 'due-1', 'due-0'] as const).map((r) => mailsFor(reminderKey(s.input.obligationId, r)).length)).toEqual([1, 1, 1]);
    expect(mailsFor(escalationKey(s.input.obligationId))).toHaveLength(1);
    const outbox = await s.database.db.selectFrom('mail_outbox').select(['business_key', 'attempts']).where('business_key', '=', reminderKey(s.input.obligationId, 'due-0')).execute();
    expect(outbox).toEqual([{ business_key: reminderKey(s.input.obligationId, 'due-0'), attempts: 1 }]);
    expect(await projection(s)).toMatchObject({ status: 'escalated', reminders: [['due-3', RUNG_AT['due-3'], [SCHOOL_EMAIL]], ['due-1', RUNG_AT['due-1'], [SCHOOL_EMAIL]], ['due-0', RUNG_AT['due-0'], [SCHOOL_EMAIL]]] });
    await resumed.signal('obligationFulfilled', { on: '2026-04-20' });
    expect(resumed.result).toMatchObject({ late: true, remindersSent: ['due-3', 'due-1', 'due-0'], escalated: true });
    await saveHistoryFixture(resumed, 'obligation-real-worker-restarted');
  });
});

function notice(input: ObligationInput) {
  return { obligationId: input.obligationId, key: input.key, clause: input.clause, party: input.party, anchor: input.anchor, due: '2026-04-15', dueInstant: '2026-04-15T17:59:59.999Z' };
}
