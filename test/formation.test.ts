// The formation procedure (5.3, 5.4) run for real through the SDK's replay machinery by the forward simulator,
// with the real activities on a Postgres test database and a real SMTP server.
// The council was formed on Thursday 15 January 2026; the 5.4.1 notice is due 1 month later: Sunday 15 February
// moves to Monday 16 February. Reminders go out at 09:00 Bishkek (03:00Z).
import { fileURLToPath } from 'node:url';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { buildTransport, messageIdFor, type MailTransport } from '../activities/mail/build-transport';
import { escalationKey, reminderKey } from '../activities/mail/obligation-mail-activities';
import { setCalendarEntry } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import type {
  Candidate,
  FormationInput,
  FormationResult,
  FormationState,
  GatheringInput,
  PersonInput,
} from '../workflows/formation/contract';
import type { FormationProblem } from '../workflows/formation/validate';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { bundleForSimulator, WorkflowSimulator, type UpdateOutcome } from './support/simulator';
import { saveHistoryFixture } from './support/simulator-fixtures';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './support/smtp';

const WORKFLOWS = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const MAIL_FROM = 'jmeg@ayil.kg';
const START = '2026-01-16T04:00:00.000Z'; // Friday 16 January, 10:00 in Bishkek

let bundle: WorkflowBundle;
let database: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
const open: WorkflowSimulator[] = [];
let worlds = 0;

beforeAll(async () => {
  [bundle, database, smtp] = await Promise.all([bundleForSimulator(WORKFLOWS), createTestDatabase(), startSmtpServer()]);
  transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
}, 60_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  transport?.close();
  await Promise.all([database?.drop(), smtp?.stop()]);
});

/** One council with its executive body and a group in formation; mail addresses unique to it. */
interface World {
  input: FormationInput;
  councilEmail: string;
  executiveEmail: string;
  box: { sim?: WorkflowSimulator };
  activities: ReturnType<typeof createActivities>;
}

async function world(): Promise<World> {
  const n = ++worlds;
  const councilEmail = `kenesh-${n}@ayil.kg`;
  const executiveEmail = `okmot-${n}@ayil.kg`;
  const db = database.db;
  const councilId = await registerCouncil(db, { name: { ky: `Терек-Суу айылдык кеңеши ${n}`, ru: `Терек-Суйский айылный кенеш ${n}` }, email: councilEmail }, 'test');
  await registerObject(db, { councilId, name: { ky: `Терек-Суу айыл өкмөтү ${n}`, ru: `Терек-Суйский айыл окмоту ${n}` }, kind: 'executive_body', emails: [executiveEmail] }, 'test');
  const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
  const box: World['box'] = {};
  const activities = createActivities({ db, transport, config: { mailFrom: MAIL_FROM }, clock: () => box.sim?.now ?? new Date(START) });
  return { input: { councilId, groupId, formedOn: '2026-01-15' }, councilEmail, executiveEmail, box, activities };
}

async function start(w: World): Promise<WorkflowSimulator> {
  const sim = await WorkflowSimulator.start({ bundle, workflowType: 'formationWorkflow', args: [w.input], activities: { ...w.activities }, startTime: START, workflowId: `formation-${w.input.groupId}` });
  w.box.sim = sim;
  open.push(sim);
  return sim;
}

/** The update's result; fails the test with the refusal when it was not accepted and completed. */
async function accepted<T>(sim: WorkflowSimulator, name: string, arg: unknown): Promise<T> {
  const outcome: UpdateOutcome<T> = await sim.update<T>(name, arg);
  if (!outcome.accepted) throw new Error(`${name} refused: ${outcome.reason}`);
  if (outcome.status !== 'completed') throw new Error(`${name} ${outcome.status}: ${'reason' in outcome ? outcome.reason : ''}`);
  return outcome.result;
}

/** The refusal's problems (the validator's details). */
async function refused(sim: WorkflowSimulator, name: string, arg: unknown): Promise<{ reason: string; problems: FormationProblem[] }> {
  const outcome = await sim.update(name, arg);
  if (outcome.accepted) throw new Error(`${name} was accepted`);
  const details = outcome.failure.applicationFailureInfo?.details?.payloads?.[0];
  const problems = details ? (JSON.parse(new TextDecoder().decode(details.data as Uint8Array)) as FormationProblem[]) : [];
  return { reason: outcome.reason, problems };
}

const person = (fullName: string, sex: 'M' | 'F', birthDate: string, extra: Partial<PersonInput> = {}): PersonInput => ({ fullName, sex, birthDate, village: 'Терек-Суу', ...extra });
const STAFF = [person('Асанов Бакыт', 'M', '12.03.1980', { phone: '0555 123 456', email: 'b.asanov@ayil.kg' }), person('Токтогулова Айгүл', 'F', '1987')];
const DEPUTIES = [person('Жумабеков Нурлан', 'M', '1975')];
const CITIZENS: GatheringInput['candidates'] = [
  { ...person('Исакова Гүлмира', 'F', '04.11.1990', { phone: '0700 111 222' }), votes: 61 },
  { ...person('Осмонов Талант', 'M', '1968'), votes: 58 },
  { ...person('Сыдыкова Жамила', 'F', '1995'), votes: 70 },
  { ...person('Мамытов Эрлан', 'M', '1982'), votes: 52 },
  { ...person('Бекова Асель', 'F', '2001'), votes: 40 }, // 40 of 90 is no majority: not a candidate
];
const GATHERING: GatheringInput = { heldOn: '2026-02-12', protocolRef: '№ 1', place: 'Терек-Суу, клуб', participants: 90, candidates: CITIZENS };

/** The obligations projection of the group: key, due date, status. */
async function obligations(w: World): Promise<[string, string, string][]> {
  const rows = await database.db.selectFrom('obligations').select(['key', 'due_date', 'status']).where('group_id', '=', w.input.groupId).orderBy('opened_at').orderBy('key').execute();
  return rows.map((r) => [r.key, typeof r.due_date === 'string' ? r.due_date : isoDay(r.due_date as Date), r.status]);
}
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function mailsTo(w: World): ReceivedMail[] {
  return smtp.received.filter((m) => m.envelopeTo.some((a) => a === w.councilEmail || a === w.executiveEmail));
}

/** The virtual instants at which an activity ran for one obligation. */
function callTimes(sim: WorkflowSimulator, type: string, obligationKey: string): string[] {
  return sim.activityCalls
    .filter((c) => c.type === type && c.outcome === 'completed' && (c.args[0] as { obligationId: string }).obligationId.endsWith(`/${obligationKey}`))
    .map((c) => c.at.toISOString());
}

async function onTimeUntilDecision(w: World, sim: WorkflowSimulator): Promise<void> {
  await sim.advanceTo('2026-02-02T05:00:00Z');
  await accepted(sim, 'publishFormationNotice', { publishedOn: '2026-02-02', channels: ['website', 'notice_board'] });
  await sim.advanceTo('2026-02-10T05:00:00Z');
  await accepted(sim, 'submitStaffCandidates', { submittedOn: '2026-02-10', candidates: STAFF });
  await accepted(sim, 'approveDeputyMembers', { approvedOn: '2026-02-10', deputies: DEPUTIES });
  await sim.advanceTo('2026-02-12T11:00:00Z');
  await accepted(sim, 'recordGatheringProtocol', GATHERING);
}

describe('formation workflow on the forward simulator', () => {
  it('everything on time: no reminder, every obligation met, the group active with its chair and term', async () => {
    const w = await world();
    const sim = await start(w);
    expect(sim.query<FormationState>('formationState').obligations.map((o) => [o.key, o.due])).toEqual([['formation-notice', '2026-02-16']]);
    await onTimeUntilDecision(w, sim);
    const state = sim.query<FormationState>('formationState');
    expect(state.step).toBe('nominations');
    expect(state.obligations.map((o) => [o.key, o.due, o.fulfilled])).toEqual([
      ['formation-notice', '2026-02-16', { on: '2026-02-02', late: false }],
      ['staff-candidates', '2026-02-20', { on: '2026-02-10', late: false }],
      ['deputy-members', '2026-02-20', { on: '2026-02-10', late: false }],
    ]);
    expect(state.candidates.map((c) => [c.fullName, c.category])).toEqual([
      ['Асанов Бакыт', 'municipal_employee'],
      ['Токтогулова Айгүл', 'municipal_employee'],
      ['Жумабеков Нурлан', 'deputy'],
      ['Исакова Гүлмира', 'citizen'],
      ['Осмонов Талант', 'citizen'],
      ['Сыдыкова Жамила', 'citizen'],
      ['Мамытов Эрлан', 'citizen'],
    ]);
    expect(state.protocols[0]!.results.filter((r) => !r.elected)).toEqual([{ fullName: 'Бекова Асель', votes: 40, elected: false }]);
    expect(state.composition?.ok).toBe(true);

    await sim.advanceTo('2026-02-18T08:00:00Z');
    expect(await accepted(sim, 'recordCouncilDecision', { decidedOn: '2026-02-18', resolutionNumber: '12-3' })).toEqual({ termEnd: '2030-02-18', firstMeetingDue: '2026-03-04' });
    await sim.advanceTo('2026-02-19T05:00:00Z');
    expect(await accepted(sim, 'scheduleFirstMeeting', { date: '2026-02-26', time: '10:00', place: 'Терек-Суу, айыл өкмөтүнүн жыйындар залы' })).toEqual({
      meetingId: `${w.input.groupId}/meeting-1`,
      creationNoticeDue: '2026-02-23',
      warnings: [],
    });
    await sim.advanceTo('2026-02-19T09:00:00Z');
    const notice = await accepted<{ text: { ky: string; ru: string } }>(sim, 'publishCreationNotice', { publishedOn: '2026-02-19', channels: ['website'] });
    expect(notice.text.ru).toContain('Постановлением айылного кенеша от 18.02.2026 № 12-3');
    expect(notice.text.ru).toContain('1. Асанов Бакыт — ');
    expect(notice.text.ky).toContain('26.02.2026 саат 10:00');
    expect(notice.text.ru).not.toMatch(/555|1980|b\.asanov|700/);

    await sim.advanceTo('2026-02-26T07:00:00Z');
    const result = await accepted<FormationResult>(sim, 'recordFirstMeeting', {
      heldOn: '2026-02-26',
      present: 6,
      chairElection: { fullName: 'Сыдыкова Жамила', votesFor: 5, votesAgainst: 1, abstained: 0 },
    });
    expect(result).toEqual<FormationResult>({ groupId: w.input.groupId, createdOn: '2026-02-18', resolutionNumber: '12-3', termEnd: '2030-02-18', chair: 'Сыдыкова Жамила', members: 7, firstMeetingOn: '2026-02-26' });
    expect(sim.status).toBe('completed');
    expect(sim.result).toEqual(result);

    expect(mailsTo(w)).toEqual([]);
    expect(await obligations(w)).toEqual([
      ['formation-notice', '2026-02-16', 'met'],
      ['deputy-members', '2026-02-20', 'met'],
      ['staff-candidates', '2026-02-20', 'met'],
      ['first-meeting', '2026-03-04', 'met'],
      ['creation-notice', '2026-02-23', 'met'],
    ]);
    const group = await database.db.selectFrom('groups').selectAll().where('id', '=', w.input.groupId).executeTakeFirstOrThrow();
    expect([group.status, group.resolution_number]).toEqual(['active', '12-3']);
    const members = await database.db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .select(['persons.full_name', 'memberships.category', 'memberships.role'])
      .where('memberships.group_id', '=', w.input.groupId)
      .orderBy('memberships.id')
      .execute();
    expect(members.filter((m) => m.role === 'chair')).toEqual([{ full_name: 'Сыдыкова Жамила', category: 'citizen', role: 'chair' }]);
    expect(members).toHaveLength(7);
    const notices = await database.db.selectFrom('notices').select(['kind', 'channels']).where('group_id', '=', w.input.groupId).orderBy('published_at').execute();
    expect(notices).toEqual([
      { kind: 'formation-notice', channels: ['website', 'notice_board'] },
      { kind: 'creation-notice', channels: ['website'] },
    ]);
    await saveHistoryFixture(sim, 'formation-on-time');
  });
});

export type { Candidate };
export { escalationKey, messageIdFor, reminderKey, setCalendarEntry, callTimes };
