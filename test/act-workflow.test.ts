// The act procedure (4.3) run through the SDK's replay machinery by the forward simulator, with the real
// activities on a Postgres test database and a real SMTP server.
// Acts are issued on Monday 1 June 2026 (no holidays in June). Received on Tuesday 2 June, the object owes its
// answer by Tuesday 16 June (10 working days) and the executive body its report by Thursday 2 July (30 days).
// Reminders go out at 09:00 Bishkek (03:00Z); without a receipt staff are prompted on Friday 5 June (after 3 working days).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { deliveryKey, receiptPromptKey } from '../activities/acts/act-activities';
import { escalationKey, reminderKey } from '../activities/mail/obligation-mail-activities';
import { draftAct, issueAct, parseActDraft } from '../db/acts';
import { setCalendarEntry } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { verifyResponseToken } from '../security/response-token';
import type { ActInput, ActResult, ActState, RecordedResponse } from '../workflows/act/contract';
import type { ActProblem } from '../workflows/act/validate';
import { useSimulatorRig } from './support/simulator-rig';
import { WorkflowSimulator, type UpdateOutcome } from './support/simulator';
import { saveHistoryFixture } from './support/simulator-fixtures';

const WORKFLOWS = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const MAIL_FROM = 'jmeg@ayil.kg';
const SECRET = 'act-workflow-test-secret-0123456789abcdef';
const START = '2026-06-01T04:00:00.000Z'; // Monday 1 June, 10:00 in Bishkek, the day of issue

let worlds = 0;

const rig = useSimulatorRig(WORKFLOWS, MAIL_FROM);

interface World {
  input: ActInput;
  councilEmail: string;
  executiveEmail: string;
  objectEmail: string;
  box: { sim?: WorkflowSimulator };
}

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

/** A council with its executive body and a school, a group, and an act issued on 1 June to the school (or the executive body). */
async function world(options: { toExecutiveBody?: boolean } = {}): Promise<World> {
  const n = ++worlds;
  const db = rig.database.db;
  const councilEmail = `kenesh-${n}@ayil.kg`;
  const executiveEmail = `okmot-${n}@ayil.kg`;
  const objectEmail = `mektep-${n}@ayil.kg`;
  const councilId = await registerCouncil(db, { name: { ky: `Терек-Суу айылдык кеңеши ${n}`, ru: `Терек-Суйский айылный кенеш ${n}` }, email: councilEmail }, 'test');
  const executive = await registerObject(db, { councilId, name: { ky: `Терек-Суу айыл өкмөтү ${n}`, ru: `Терек-Суйский айыл окмоту ${n}` }, kind: 'executive_body', emails: [executiveEmail] }, 'test');
  const school = await registerObject(db, { councilId, name: { ky: `Терек-Суу мектеби ${n}`, ru: `Терек-Суйская школа ${n}` }, kind: 'municipal_institution', emails: [objectEmail] }, 'test');
  const groupId = await openGroup(db, { councilId }, 'test');
  const objectId = options.toExecutiveBody ? executive.id : school.id;
  const act = await draftAct(db, { groupId, objectId, draft: parseActDraft(DRAFT) }, 'test');
  await issueAct(db, act.id, { on: '2026-06-01', actor: 'test' });
  return { input: { actId: act.id, groupId, councilId }, councilEmail, executiveEmail, objectEmail, box: {} };
}

function activitiesOf(w: World) {
  return createActivities({ db: rig.database.db, transport: rig.transport, config: { mailFrom: MAIL_FROM, responseLinkSecret: SECRET, responseLinkDays: 60, publicBaseUrl: 'https://jmeg.example.kg' }, clock: () => w.box.sim?.now ?? new Date(START) });
}

async function start(w: World): Promise<WorkflowSimulator> {
  const sim = await WorkflowSimulator.start({ bundle: rig.bundle, workflowType: 'actWorkflow', args: [w.input], activities: { ...activitiesOf(w) }, startTime: START, workflowId: `act-${w.input.actId}` });
  w.box.sim = sim;
  rig.open.push(sim);
  return sim;
}

async function accepted<T>(sim: WorkflowSimulator, name: string, arg: unknown): Promise<T> {
  const outcome: UpdateOutcome<T> = await sim.update<T>(name, arg);
  if (!outcome.accepted) throw new Error(`${name} refused: ${outcome.reason}`);
  if (outcome.status !== 'completed') throw new Error(`${name} ${outcome.status}`);
  return outcome.result;
}

async function refused(sim: WorkflowSimulator, name: string, arg: unknown): Promise<ActProblem[]> {
  const outcome = await sim.update(name, arg);
  if (outcome.accepted) throw new Error(`${name} was accepted`);
  const details = outcome.failure.applicationFailureInfo?.details?.payloads?.[0];
  return details ? (JSON.parse(new TextDecoder().decode(details.data)) as ActProblem[]) : [];
}

/** Business keys of the mails sent for this world's act, in sending order. */
async function outbox(w: World): Promise<string[]> {
  const rows = await rig.database.db.selectFrom('mail_outbox').select(['business_key', 'status']).where('business_key', 'like', `%${w.input.actId}%`).orderBy('id').execute();
  return rows.map((r) => `${r.business_key} ${r.status}`);
}

const mailsTo = (address: string) => rig.smtp.received.filter((m) => m.envelopeTo.includes(address));
const state = (sim: WorkflowSimulator) => sim.query<ActState>('actState');
const obligationId = (w: World, key: string) => `${w.input.actId}/${key}`;

async function actEvents(w: World): Promise<string[]> {
  const rows = await rig.database.db.selectFrom('events').select('type').where('stream_id', '=', `act-${w.input.actId}`).orderBy('stream_version').execute();
  return rows.map((r) => r.type);
}

describe('the act procedure (4.3) on the forward simulator', () => {
  it('on time: the act is mailed with a working link, received, both answers in time; the act closes with no reminder', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-06-01T04:01:00Z');
    const delivery = mailsTo(w.objectEmail);
    expect(delivery).toHaveLength(1);
    const text = delivery[0]!.parsed.text!;
    expect(text.indexOf('== Кыргызча ==')).toBeLessThan(text.indexOf('== На русском языке =='));
    const link = /https:\/\/jmeg\.example\.kg\/acts\/([^/]+)\/respond\?t=(\S+)/.exec(text)!;
    expect(link[1]).toBe(w.input.actId);
    expect(verifyResponseToken(link[2]!, SECRET, { nowMs: Date.parse(START), actId: w.input.actId }).actId).toBe(w.input.actId);
    expect(() => verifyResponseToken(link[2]!.slice(0, -2) + 'xx', SECRET, { nowMs: Date.parse(START) })).toThrow(/signature/);
    expect(JSON.stringify(state(sim))).not.toContain(link[2]!);
    // 60 days from the end of the issue day (Bishkek): refused as expired from then on.
    expect(state(sim).delivery).toEqual({ to: [w.objectEmail], linkExpiresAt: '2026-07-31T18:00:00.000Z' });
    expect(() => verifyResponseToken(link[2]!, SECRET, { nowMs: Date.parse('2026-07-31T18:00:00.000Z'), actId: w.input.actId })).toThrow(/expired/);

    expect((await refused(sim, 'closeAct', { reason: 'no answer', on: '2026-06-01' })).map((p) => p.code)).toEqual(['not-escalated']);
    expect((await refused(sim, 'recordReceipt', { receivedOn: '2026-05-29', via: 'link' })).map((p) => p.code)).toEqual(['date-too-early']);
    expect((await refused(sim, 'recordReceipt', { receivedOn: '2026-06-03', via: 'link' })).map((p) => p.code)).toEqual(['date-in-future']);
    await sim.advanceTo('2026-06-02T05:00:00Z');
    await accepted(sim, 'recordReceipt', { receivedOn: '2026-06-02', via: 'link' });
    await sim.advanceTo('2026-06-02T05:01:00Z');
    expect(state(sim).obligations.map((o) => [o.key, o.due, o.party])).toEqual([
      ['object-response', '2026-06-16', expect.stringMatching(/^object:/)],
      ['executive-report', '2026-07-02', 'executive-body'],
    ]);
    await sim.advanceTo('2026-06-10T05:00:00Z');
    const answer = await accepted<RecordedResponse>(sim, 'recordResponse', { obligationKey: 'object-response', respondedOn: '2026-06-10', text: 'Себептери: насос бузулган. Чаралар: июль айында алмаштырылат.', submissionKey: 'form-1' });
    expect(answer).toMatchObject({ late: false, supersedes: null });
    await sim.advanceTo('2026-06-25T05:00:00Z');
    await accepted(sim, 'recordResponse', { obligationKey: 'executive-report', respondedOn: '2026-06-25', text: 'Насос алмаштырылды.', submissionKey: 'staff-1' });
    await sim.advanceTo('2026-06-25T05:01:00Z');
    expect(sim.status).toBe('completed');
    expect(sim.result as ActResult).toMatchObject({ by: 'obligations-met', on: '2026-06-25', reason: null });
    expect(await outbox(w)).toEqual([`${deliveryKey(w.input.actId)} sent`]);
    expect(await actEvents(w)).toEqual(['act.drafted', 'act.issued', 'act.received', 'obligation.opened', 'obligation.opened', 'response.recorded', 'obligation.status-changed', 'response.recorded', 'obligation.status-changed', 'act.closed']);
    const act = await rig.database.db.selectFrom('acts').select(['status', 'received_on', 'received_via']).where('id', '=', w.input.actId).executeTakeFirstOrThrow();
    expect([act.status, act.received_via]).toEqual(['closed', 'link']);
    await saveHistoryFixture(sim, 'act-on-time');
  });

  it('late answer after the escalation: three reminders to the object, exactly one escalation mail to the council; the answer is marked late; the chair may then close', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-06-02T05:00:00Z');
    await accepted(sim, 'recordReceipt', { receivedOn: '2026-06-02', via: 'link' });
    await sim.advanceTo('2026-06-19T05:00:00Z');
    const o = obligationId(w, 'object-response');
    expect(await outbox(w)).toEqual([`${deliveryKey(w.input.actId)} sent`, `${reminderKey(o, 'due-3')} sent`, `${reminderKey(o, 'due-1')} sent`, `${reminderKey(o, 'due-0')} sent`, `${escalationKey(o)} sent`]);
    expect(mailsTo(w.councilEmail)).toHaveLength(1);
    expect(mailsTo(w.objectEmail)).toHaveLength(4);
    // A paper answer dated 18 June, entered on the 19th: late (due 16 June), dated the day it was given.
    const late = await accepted<RecordedResponse>(sim, 'recordResponse', { obligationKey: 'object-response', respondedOn: '2026-06-18', text: 'Кечиктирип жооп беребиз.', submissionKey: 'paper-1' });
    expect(late.late).toBe(true);
    await sim.advanceTo('2026-06-26T05:00:00Z');
    expect(mailsTo(w.councilEmail)).toHaveLength(1);
    const closed = await accepted<ActState['closed']>(sim, 'closeAct', { reason: 'Айыл өкмөтү отчетту сессияда оозеки берди', on: '2026-06-26' });
    expect(closed).toMatchObject({ by: 'chair', on: '2026-06-26' });
    await sim.advanceTo('2026-06-26T05:01:00Z');
    expect(sim.status).toBe('completed');
    const row = await rig.database.db.selectFrom('responses').select(['late', 'submitted_at']).where('act_id', '=', w.input.actId).executeTakeFirstOrThrow();
    expect([row.late, new Date(row.submitted_at).toISOString()]).toEqual([true, '2026-06-18T06:00:00.000Z']);
    expect((await actEvents(w)).slice(-2)).toEqual(['obligation.status-changed', 'act.closed']);
    const statuses = await rig.database.db.selectFrom('obligations').select(['key', 'status']).where('act_id', '=', w.input.actId).orderBy('key').execute();
    expect(statuses.map((r) => [r.key, r.status])).toEqual([
      ['executive-report', 'closed'],
      ['object-response', 'met'],
    ]);
    await saveHistoryFixture(sim, 'act-late-after-escalation');
  });

  it('the object is the executive body: only the 30-day report (4.3), reminded once before it came', async () => {
    const w = await world({ toExecutiveBody: true });
    const sim = await start(w);
    await sim.advanceTo('2026-06-02T05:00:00Z');
    await accepted(sim, 'recordReceipt', { receivedOn: '2026-06-02', via: 'staff' });
    await sim.advanceTo('2026-06-02T05:01:00Z');
    expect(state(sim).obligations.map((o) => [o.key, o.due])).toEqual([['executive-report', '2026-07-02']]);
    expect((await refused(sim, 'recordResponse', { obligationKey: 'object-response', respondedOn: '2026-06-02', text: 'x', submissionKey: 'k' })).map((p) => p.code)).toEqual(['unknown-obligation']);
    await sim.advanceTo('2026-06-30T05:00:00Z');
    await accepted(sim, 'recordResponse', { obligationKey: 'executive-report', respondedOn: '2026-06-30', text: 'Чаралар көрүлдү.', submissionKey: 'staff-1' });
    await sim.advanceTo('2026-06-30T05:01:00Z');
    expect(sim.status).toBe('completed');
    expect(await outbox(w)).toEqual([`${deliveryKey(w.input.actId)} sent`, `${reminderKey(obligationId(w, 'executive-report'), 'due-3')} sent`]);
    expect(mailsTo(w.executiveEmail)).toHaveLength(2);
    await saveHistoryFixture(sim, 'act-executive-body');
  });

  it('no receipt: staff are prompted once after 3 working days; the receipt they record later starts the count', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-06-05T02:59:00Z');
    expect(mailsTo(w.councilEmail)).toHaveLength(0);
    await sim.advanceTo('2026-06-08T05:00:00Z');
    expect(state(sim).receiptPrompt).toEqual({ at: '2026-06-05T03:00:00.000Z', sent: true });
    expect(sim.activityCalls.filter((c) => c.type === 'promptReceipt').map((c) => c.at.toISOString())).toEqual(['2026-06-05T03:00:00.000Z']);
    expect(mailsTo(w.councilEmail)).toHaveLength(1);
    const first = await accepted(sim, 'recordReceipt', { receivedOn: '2026-06-08', via: 'staff' });
    expect(await accepted(sim, 'recordReceipt', { receivedOn: '2026-06-05', via: 'link' })).toEqual(first);
    await sim.advanceTo('2026-06-08T05:01:00Z');
    expect(state(sim).obligations.map((o) => [o.key, o.anchor, o.due])).toEqual([
      ['object-response', '2026-06-08', '2026-06-22'],
      ['executive-report', '2026-06-08', '2026-07-08'],
    ]);
    await sim.advanceTo('2026-06-20T05:00:00Z');
    expect(mailsTo(w.councilEmail)).toHaveLength(1);
    expect(await outbox(w)).toEqual([`${deliveryKey(w.input.actId)} sent`, `${receiptPromptKey(w.input.actId)} sent`, `${reminderKey(obligationId(w, 'object-response'), 'due-3')} sent`, `${reminderKey(obligationId(w, 'object-response'), 'due-1')} sent`]);
    await saveHistoryFixture(sim, 'act-receipt-late-by-staff');
  });

  it('a day off added during the count moves the object-response due date; no rung is sent twice', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-06-02T05:00:00Z');
    await accepted(sim, 'recordReceipt', { receivedOn: '2026-06-02', via: 'link' });
    await sim.advanceTo('2026-06-05T05:00:00Z');
    await setCalendarEntry(rig.database.db, w.input.councilId, { date: '2026-06-10', type: 'day-off', name: { ky: 'Дем алыш күн', ru: 'Выходной день' }, status: 'confirmed' }, 'test');
    await sim.signal('calendarChanged', { reason: 'day off on 10 June 2026' });
    await sim.advanceTo('2026-06-05T05:01:00Z');
    expect(state(sim).obligations.map((o) => [o.key, o.due])).toEqual([
      ['object-response', '2026-06-17'],
      ['executive-report', '2026-07-02'],
    ]);
    await sim.advanceTo('2026-06-16T05:00:00Z');
    const o = obligationId(w, 'object-response');
    expect(sim.activityCalls.filter((c) => c.type === 'sendReminder' && (c.args[0] as { obligationId: string }).obligationId === o).map((c) => c.at.toISOString())).toEqual([
      '2026-06-12T03:00:00.000Z',
      '2026-06-16T03:00:00.000Z',
    ]);
    await saveHistoryFixture(sim, 'act-calendar-changed');
  });

  it('the same response twice is one event; another submission amends it with a new event', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-06-02T05:00:00Z');
    await accepted(sim, 'recordReceipt', { receivedOn: '2026-06-02', via: 'link' });
    await sim.advanceTo('2026-06-09T05:00:00Z');
    const req = { obligationKey: 'object-response', respondedOn: '2026-06-09', text: 'Жооп.', submissionKey: 'form-1' };
    const first = await accepted<RecordedResponse>(sim, 'recordResponse', req);
    expect(await accepted(sim, 'recordResponse', req)).toEqual(first);
    await sim.advanceTo('2026-06-09T05:01:00Z');
    expect((await actEvents(w)).filter((t) => t === 'response.recorded')).toHaveLength(1);
    await sim.advanceTo('2026-06-11T05:00:00Z');
    const amended = await accepted<RecordedResponse>(sim, 'recordResponse', { ...req, respondedOn: '2026-06-11', text: 'Толукталган жооп.', submissionKey: 'form-2' });
    expect(amended).toMatchObject({ supersedes: first.responseId, late: false });
    await sim.advanceTo('2026-06-11T05:01:00Z');
    const rows = await rig.database.db.selectFrom('responses').select(['id', 'supersedes_id']).where('act_id', '=', w.input.actId).orderBy('submitted_at').execute();
    expect(rows.map((r) => [r.id, r.supersedes_id])).toEqual([
      [first.responseId, null],
      [amended.responseId, first.responseId],
    ]);
    expect(state(sim).obligations[0]!.fulfilled).toEqual({ on: '2026-06-09', late: false });
    await saveHistoryFixture(sim, 'act-duplicate-response');
  });

  it('the mail server is down during delivery: the act goes out once when it returns', async () => {
    const w = await world();
    await rig.smtp.stop();
    let sim: WorkflowSimulator;
    try {
      sim = await start(w);
      await sim.advanceTo('2026-06-01T04:05:00Z');
    } finally {
      await rig.smtp.start();
    }
    const attempts = sim.activityCalls.filter((c) => c.type === 'deliverAct');
    expect(attempts.map((c) => c.outcome)).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'retrying']);
    expect(state(sim).step).toBe('delivering');
    await sim.advanceTo('2026-06-01T05:00:00Z');
    expect(sim.activityCalls.filter((c) => c.type === 'deliverAct').at(-1)!.outcome).toBe('completed');
    expect(mailsTo(w.objectEmail)).toHaveLength(1);
    expect(state(sim).step).toBe('awaiting-receipt');
    await saveHistoryFixture(sim, 'act-smtp-outage');
  });

  it('worker restarted after the receipt: the history replays, the act is not mailed again, the ladder goes on', async () => {
    const w = await world();
    const first = await start(w);
    await first.advanceTo('2026-06-02T05:00:00Z');
    await accepted(first, 'recordReceipt', { receivedOn: '2026-06-02', via: 'link' });
    await first.advanceTo('2026-06-11T05:00:00Z');
    const partial = first.history;
    await first.close();

    const box: World['box'] = {};
    const resumed = await WorkflowSimulator.resume({ bundle: rig.bundle, history: partial, activities: { ...activitiesOf({ ...w, box }) }, workflowId: `act-${w.input.actId}` });
    box.sim = resumed;
    rig.open.push(resumed);
    expect(resumed.activityCalls).toEqual([]);
    await resumed.advanceTo('2026-06-15T05:00:00Z');
    expect(resumed.activityCalls.filter((c) => c.type === 'sendReminder' || c.type === 'deliverAct').map((c) => [c.type, c.at.toISOString()])).toEqual([['sendReminder', '2026-06-15T03:00:00.000Z']]);
    expect(mailsTo(w.objectEmail)).toHaveLength(3);
    await accepted(resumed, 'recordResponse', { obligationKey: 'object-response', respondedOn: '2026-06-15', text: 'Жооп.', submissionKey: 'form-1' });
    await saveHistoryFixture(resumed, 'act-worker-restarted');
  });
});
