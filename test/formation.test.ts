// The formation procedure (5.3, 5.4) run for real through the SDK's replay machinery by the forward simulator,
// with the real activities on a Postgres test database and a real SMTP server.
// The council was formed on Thursday 15 January 2026; the 5.4.1 notice is due 1 month later: Sunday 15 February
// moves to Monday 16 February. Reminders go out at 09:00 Bishkek (03:00Z).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { messageIdFor } from '../activities/mail/build-transport';
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
import { useSimulatorRig } from './support/simulator-rig';
import { WorkflowSimulator, type UpdateOutcome } from './support/simulator';
import { saveHistoryFixture } from './support/simulator-fixtures';
import type { ReceivedMail } from './support/smtp';

const WORKFLOWS = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const MAIL_FROM = 'jmeg@ayil.kg';
const START = '2026-01-16T04:00:00.000Z'; // Friday 16 January, 10:00 in Bishkek

let worlds = 0;

const rig = useSimulatorRig(WORKFLOWS, MAIL_FROM);

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
  const db = rig.database.db;
  const councilId = await registerCouncil(db, { name: { ky: `Терек-Суу айылдык кеңеши ${n}`, ru: `Терек-Суйский айылный кенеш ${n}` }, email: councilEmail }, 'test');
  await registerObject(db, { councilId, name: { ky: `Терек-Суу айыл өкмөтү ${n}`, ru: `Терек-Суйский айыл окмоту ${n}` }, kind: 'executive_body', emails: [executiveEmail] }, 'test');
  const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
  const box: World['box'] = {};
  const activities = createActivities({ db, transport: rig.transport, config: { mailFrom: MAIL_FROM }, clock: () => box.sim?.now ?? new Date(START) });
  return { input: { councilId, groupId, formedOn: '2026-01-15' }, councilEmail, executiveEmail, box, activities };
}

async function start(w: World): Promise<WorkflowSimulator> {
  const sim = await WorkflowSimulator.start({ bundle: rig.bundle, workflowType: 'formationWorkflow', args: [w.input], activities: { ...w.activities }, startTime: START, workflowId: `formation-${w.input.groupId}` });
  w.box.sim = sim;
  rig.open.push(sim);
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
  const problems = details ? (JSON.parse(new TextDecoder().decode(details.data)) as FormationProblem[]) : [];
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
  const rows = await rig.database.db.selectFrom('obligations').select(['key', 'due_date', 'status']).where('group_id', '=', w.input.groupId).orderBy('opened_at').orderBy('key').execute();
  return rows.map((r) => [r.key, typeof r.due_date === 'string' ? r.due_date : isoDay(r.due_date as Date), r.status]);
}
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function mailsTo(w: World): ReceivedMail[] {
  return rig.smtp.received.filter((m) => m.envelopeTo.some((a) => a === w.councilEmail || a === w.executiveEmail));
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
    const group = await rig.database.db.selectFrom('groups').selectAll().where('id', '=', w.input.groupId).executeTakeFirstOrThrow();
    expect([group.status, group.resolution_number]).toEqual(['active', '12-3']);
    const members = await rig.database.db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .select(['persons.full_name', 'memberships.category', 'memberships.role'])
      .where('memberships.group_id', '=', w.input.groupId)
      .orderBy('memberships.id')
      .execute();
    expect(members.filter((m) => m.role === 'chair')).toEqual([{ full_name: 'Сыдыкова Жамила', category: 'citizen', role: 'chair' }]);
    expect(members).toHaveLength(7);
    const notices = await rig.database.db.selectFrom('notices').select(['kind', 'channels']).where('group_id', '=', w.input.groupId).orderBy('published_at').execute();
    expect(notices).toEqual([
      { kind: 'formation-notice', channels: ['website', 'notice_board'] },
      { kind: 'creation-notice', channels: ['website'] },
    ]);
    await saveHistoryFixture(sim, 'formation-on-time');
  });

  it('every deadline missed: three reminders on their dates to the party that owes, exactly one escalation to the council, then each step done late', async () => {
    const w = await world();
    const sim = await start(w);
    const ob = (key: string) => `${w.input.groupId}/${key}`;

    // 5.4.1 due Monday 16 February.
    await sim.advanceTo('2026-02-18T05:00:00Z');
    await accepted(sim, 'publishFormationNotice', { publishedOn: '2026-02-18', channels: ['notice_board'] });
    // 5.4.2 and 5.4.3: 15 working days from 18 February, past 8 March (a Sunday holiday, not moved): Wednesday 11 March.
    expect(sim.query<FormationState>('formationState').obligations.slice(1).map((o) => [o.key, o.due, o.party])).toEqual([
      ['staff-candidates', '2026-03-11', 'executive-body'],
      ['deputy-members', '2026-03-11', 'council'],
    ]);
    await sim.advanceTo('2026-03-13T05:00:00Z');
    await accepted(sim, 'submitStaffCandidates', { submittedOn: '2026-03-13', candidates: STAFF });
    await accepted(sim, 'approveDeputyMembers', { approvedOn: '2026-03-13', deputies: DEPUTIES });
    await accepted(sim, 'recordGatheringProtocol', { ...GATHERING, heldOn: '2026-03-13' });
    await sim.advanceTo('2026-03-16T08:00:00Z');
    // 5.3.2: 10 working days from Monday 16 March, past Orozo Ait (20 March) and Nooruz (21 March): Tuesday 31 March.
    expect(await accepted(sim, 'recordCouncilDecision', { decidedOn: '2026-03-16', resolutionNumber: '14-1' })).toEqual({ termEnd: '2030-03-16', firstMeetingDue: '2026-03-31' });
    await sim.advanceTo('2026-04-02T05:00:00Z');
    const scheduled = await accepted<{ creationNoticeDue: string; warnings: { en: string }[] }>(sim, 'scheduleFirstMeeting', { date: '2026-04-15', time: '15:00', place: 'Терек-Суу, клуб' });
    expect(scheduled.creationNoticeDue).toBe('2026-04-10');
    expect(scheduled.warnings.map((x) => x.en)).toEqual(['the first meeting was due by 2026-03-31 (5.3.2); 2026-04-15 is late']);
    await sim.advanceTo('2026-04-14T05:00:00Z');
    await accepted(sim, 'publishCreationNotice', { publishedOn: '2026-04-14', channels: ['website', 'notice_board'] });
    await sim.advanceTo('2026-04-15T12:00:00Z');
    await accepted(sim, 'recordFirstMeeting', { heldOn: '2026-04-15', present: 5, chairElection: { fullName: 'Исакова Гүлмира', votesFor: 4, votesAgainst: 0, abstained: 1 } });
    expect(sim.status).toBe('completed');

    const ladders: [string, string[], string][] = [
      ['formation-notice', ['2026-02-11T03:00:00.000Z', '2026-02-13T03:00:00.000Z', '2026-02-16T03:00:00.000Z'], '2026-02-17T03:00:00.000Z'],
      ['staff-candidates', ['2026-03-06T03:00:00.000Z', '2026-03-10T03:00:00.000Z', '2026-03-11T03:00:00.000Z'], '2026-03-12T03:00:00.000Z'],
      ['deputy-members', ['2026-03-06T03:00:00.000Z', '2026-03-10T03:00:00.000Z', '2026-03-11T03:00:00.000Z'], '2026-03-12T03:00:00.000Z'],
      ['first-meeting', ['2026-03-26T03:00:00.000Z', '2026-03-30T03:00:00.000Z', '2026-03-31T03:00:00.000Z'], '2026-04-01T03:00:00.000Z'],
      ['creation-notice', ['2026-04-07T03:00:00.000Z', '2026-04-09T03:00:00.000Z', '2026-04-10T03:00:00.000Z'], '2026-04-13T03:00:00.000Z'],
    ];
    for (const [key, reminders, escalation] of ladders) {
      expect([key, callTimes(sim, 'sendReminder', key)]).toEqual([key, reminders]);
      expect([key, callTimes(sim, 'escalate', key)]).toEqual([key, [escalation]]);
    }

    // The mail received: one message per rung, to the party that owes (5.4.3: the council chair, through the
    // council's address), the escalations to the council; each in Kyrgyz and then Russian.
    const mails = mailsTo(w);
    expect(mails).toHaveLength(20);
    const owes: Record<string, string> = { 'formation-notice': w.executiveEmail, 'staff-candidates': w.executiveEmail, 'deputy-members': w.councilEmail, 'first-meeting': w.executiveEmail, 'creation-notice': w.executiveEmail };
    for (const [key] of ladders) {
      for (const rung of ['due-3', 'due-1', 'due-0']) {
        const got = mails.filter((m) => m.parsed.messageId === messageIdFor(reminderKey(ob(key), rung), MAIL_FROM));
        expect([key, rung, got.map((m) => m.envelopeTo)]).toEqual([key, rung, [[owes[key]]]]);
        expect(got[0]!.parsed.subject).toMatch(/^\[5\.\d\.\d\] Эскертүү: .* \/ Напоминание: /);
      }
      const esc = mails.filter((m) => m.parsed.messageId === messageIdFor(escalationKey(ob(key)), MAIL_FROM));
      expect([key, esc.map((m) => m.envelopeTo)]).toEqual([key, [[w.councilEmail]]]);
      expect(esc[0]!.parsed.subject).toMatch(/Мөөнөтү өттү: .* \/ Срок пропущен: /);
      expect(esc[0]!.parsed.text!.indexOf('Кеңеш') < esc[0]!.parsed.text!.indexOf('Срок') || esc[0]!.parsed.text!.includes('айылного кенеша')).toBe(true);
    }
    expect(mails.find((m) => m.parsed.messageId === messageIdFor(reminderKey(ob('deputy-members'), 'due-3'), MAIL_FROM))!.parsed.subject).toContain('[5.4.3]');

    // The projection: every obligation met late after its escalation, with three reminder rungs recorded.
    expect(await obligations(w)).toEqual([
      ['formation-notice', '2026-02-16', 'met'],
      ['deputy-members', '2026-03-11', 'met'],
      ['staff-candidates', '2026-03-11', 'met'],
      ['first-meeting', '2026-03-31', 'met'],
      ['creation-notice', '2026-04-10', 'met'],
    ]);
    const history = await rig.database.db
      .selectFrom('obligation_status_changes')
      .innerJoin('obligations', 'obligations.id', 'obligation_status_changes.obligation_id')
      .select(['obligations.key', 'obligation_status_changes.status'])
      .where('obligations.group_id', '=', w.input.groupId)
      .orderBy('obligations.key')
      .orderBy('obligation_status_changes.seq')
      .execute();
    const byKey = new Map<string, string[]>();
    for (const h of history) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.status]);
    expect([...byKey].map(([k, statuses]) => [k, statuses.join(' > ')])).toEqual(ladders.map(([k]) => [k, 'open > escalated > met']).sort());
    const rungs = await rig.database.db.selectFrom('obligation_reminders').innerJoin('obligations', 'obligations.id', 'obligation_reminders.obligation_id').select(['obligations.key', 'obligation_reminders.rung']).where('obligations.group_id', '=', w.input.groupId).execute();
    expect(rungs).toHaveLength(15);
    await saveHistoryFixture(sim, 'formation-deadlines-missed');
  });

  it('the notice published after its first reminder: no further reminder and no escalation for it', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-02-11T10:00:00Z');
    expect(callTimes(sim, 'sendReminder', 'formation-notice')).toEqual(['2026-02-11T03:00:00.000Z']);
    await accepted(sim, 'publishFormationNotice', { publishedOn: '2026-02-11', channels: ['website'] });
    await sim.advanceTo('2026-02-20T12:00:00Z');
    expect(callTimes(sim, 'sendReminder', 'formation-notice')).toEqual(['2026-02-11T03:00:00.000Z']);
    expect(callTimes(sim, 'escalate', 'formation-notice')).toEqual([]);
    expect(mailsTo(w).map((m) => m.parsed.messageId)).toEqual([messageIdFor(reminderKey(`${w.input.groupId}/formation-notice`, 'due-3'), MAIL_FROM)]);
    const state = sim.query<FormationState>('formationState');
    expect(state.obligations.map((o) => [o.key, o.due, o.ladder.map((r) => r.status).join(',')])).toEqual([
      ['formation-notice', '2026-02-16', 'sent,pending,pending,pending'],
      ['staff-candidates', '2026-03-04', 'pending,pending,pending,pending'],
      ['deputy-members', '2026-03-04', 'pending,pending,pending,pending'],
    ]);
    expect(await obligations(w)).toEqual([
      ['formation-notice', '2026-02-16', 'met'],
      ['deputy-members', '2026-03-04', 'open'],
      ['staff-candidates', '2026-03-04', 'open'],
    ]);
    await saveHistoryFixture(sim, 'formation-late-step');
  });

  it('an invalid composition blocks the decision until a candidate is replaced; impossible protocol numbers are refused by field', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-02-02T05:00:00Z');
    await accepted(sim, 'publishFormationNotice', { publishedOn: '2026-02-02', channels: ['website'] });
    await sim.advanceTo('2026-02-10T05:00:00Z');
    const men = [person('Асанов Бакыт', 'M', '1980'), person('Токтогулова Айгүл', 'F', '1987')];
    await accepted(sim, 'submitStaffCandidates', { submittedOn: '2026-02-10', candidates: men });
    const [deputy] = await accepted<Candidate[]>(sim, 'approveDeputyMembers', { approvedOn: '2026-02-10', deputies: DEPUTIES });
    const historyBefore = sim.history.events!.length;
    const impossible = await refused(sim, 'recordGatheringProtocol', { ...GATHERING, heldOn: '2026-02-10', candidates: [CITIZENS[0], { ...CITIZENS[1]!, votes: 120 }] });
    expect(impossible.problems.map((p) => [p.field, p.code, p.clause])).toEqual([['candidates[1].votes', 'votes-exceed-participants', '5.4.4']]);
    expect(impossible.reason).toBe('candidates[1].votes: 120 votes for Осмонов Талант exceed the 90 participants');
    expect(sim.history.events!.length).toBe(historyBefore);
    // Four citizens elected, three of them men: 5 men of 7 is over 70% (5.2.3).
    const citizens = [CITIZENS[0]!, CITIZENS[1]!, { ...CITIZENS[2]!, fullName: 'Сыдыков Жаныбек', sex: 'M' as const }, CITIZENS[3]!];
    await accepted(sim, 'recordGatheringProtocol', { ...GATHERING, heldOn: '2026-02-10', candidates: citizens });
    await sim.advanceTo('2026-02-18T08:00:00Z');

    const blocked = await refused(sim, 'recordCouncilDecision', { decidedOn: '2026-02-18', resolutionNumber: '12-3' });
    expect(blocked.problems.map((p) => [p.code, p.clause])).toEqual([['composition:one-sex-over-70-percent', '5.2.3']]);
    expect(blocked.reason).toMatch(/^composition: .*5 .*7/);
    const state = sim.query<FormationState>('formationState');
    expect(state.composition?.ok).toBe(false);
    expect(state.composition?.arithmetic.find((a) => a.rule === 'men-max')).toMatchObject({ clause: '5.2.3', required: 4, actual: 5, holds: false });

    await sim.advanceTo('2026-02-18T09:00:00Z');
    await accepted(sim, 'replaceCandidate', { candidateId: deputy!.candidateId, reason: 'the council chair approved another deputy', category: 'deputy', person: person('Абдыкадырова Нургүл', 'F', '1979'), nominatedOn: '2026-02-18' });
    expect(sim.query<FormationState>('formationState').composition?.ok).toBe(true);
    expect(await accepted(sim, 'recordCouncilDecision', { decidedOn: '2026-02-18', resolutionNumber: '12-3' })).toEqual({ termEnd: '2030-02-18', firstMeetingDue: '2026-03-04' });
    const candidates = await rig.database.db.selectFrom('candidates').innerJoin('persons', 'persons.id', 'candidates.person_id').select(['persons.full_name', 'candidates.status']).where('candidates.group_id', '=', w.input.groupId).orderBy('candidates.id').execute();
    expect(candidates.filter((c) => c.status === 'withdrawn').map((c) => c.full_name)).toEqual(['Жумабеков Нурлан']);
    expect(candidates.filter((c) => c.status === 'appointed')).toHaveLength(7);
    await saveHistoryFixture(sim, 'formation-invalid-composition');
  });

  it('a day off added during 5.4.2/5.4.3 moves both open deadlines and their unsent rungs; the sent rung is not sent again', async () => {
    const w = await world();
    const sim = await start(w);
    await sim.advanceTo('2026-02-02T05:00:00Z');
    await accepted(sim, 'publishFormationNotice', { publishedOn: '2026-02-02', channels: ['website'] });
    await sim.advanceTo('2026-02-17T12:00:00Z');
    expect(callTimes(sim, 'sendReminder', 'staff-candidates')).toEqual(['2026-02-17T03:00:00.000Z']);
    // The council's own correction (scoped to it, so other councils keep their calendar).
    await setCalendarEntry(rig.database.db, w.input.councilId, { date: '2026-02-19', type: 'day-off', name: { ky: 'Дем алыш күн', ru: 'Выходной день' }, status: 'confirmed' }, 'test');
    await sim.signal('calendarChanged', { reason: 'day off on 19 February 2026' });
    const state = sim.query<FormationState>('formationState');
    expect(state.obligations.map((o) => [o.key, o.due, o.calendarLoads])).toEqual([
      ['formation-notice', '2026-02-16', 1],
      ['staff-candidates', '2026-02-23', 2],
      ['deputy-members', '2026-02-23', 2],
    ]);
    expect(state.obligations[1]!.ladder.map((r) => [r.rung, r.date, r.status])).toEqual([
      ['due-3', '2026-02-17', 'sent'],
      ['due-1', '2026-02-20', 'pending'],
      ['due-0', '2026-02-23', 'pending'],
      ['escalation', '2026-02-24', 'pending'],
    ]);
    expect(await obligations(w)).toEqual([
      ['formation-notice', '2026-02-16', 'met'],
      ['deputy-members', '2026-02-23', 'open'],
      ['staff-candidates', '2026-02-23', 'open'],
    ]);
    await sim.advanceTo('2026-02-23T12:00:00Z');
    expect(callTimes(sim, 'sendReminder', 'staff-candidates')).toEqual(['2026-02-17T03:00:00.000Z', '2026-02-20T03:00:00.000Z', '2026-02-23T03:00:00.000Z']);
    const staffMails = mailsTo(w).filter((m) => m.envelopeTo.includes(w.executiveEmail));
    expect(staffMails).toHaveLength(3);
    await accepted(sim, 'submitStaffCandidates', { submittedOn: '2026-02-23', candidates: STAFF });
    await accepted(sim, 'approveDeputyMembers', { approvedOn: '2026-02-23', deputies: DEPUTIES });
    await saveHistoryFixture(sim, 'formation-calendar-changed');
  });

  it('worker restarted mid-procedure: the history replays, nothing sent is sent again, the ladder goes on', async () => {
    const w = await world();
    const first = await start(w);
    await first.advanceTo('2026-02-13T12:00:00Z');
    expect(callTimes(first, 'sendReminder', 'formation-notice')).toEqual(['2026-02-11T03:00:00.000Z', '2026-02-13T03:00:00.000Z']);
    const partial = first.history;
    await first.close();

    // A new worker: new activity instances on the same database and mail server.
    const box: World['box'] = {};
    const activities = createActivities({ db: rig.database.db, transport: rig.transport, config: { mailFrom: MAIL_FROM }, clock: () => box.sim?.now ?? new Date(START) });
    const resumed = await WorkflowSimulator.resume({ bundle: rig.bundle, history: partial, activities: { ...activities }, workflowId: `formation-${w.input.groupId}` });
    box.sim = resumed;
    rig.open.push(resumed);
    expect(resumed.activityCalls).toEqual([]);
    expect(resumed.query<FormationState>('formationState').obligations[0]!.ladder.map((r) => r.status)).toEqual(['sent', 'sent', 'pending', 'pending']);
    await resumed.advanceTo('2026-02-18T05:00:00Z');
    expect(resumed.activityCalls.filter((c) => c.type === 'sendReminder' || c.type === 'escalate').map((c) => [c.type, c.at.toISOString()])).toEqual([
      ['sendReminder', '2026-02-16T03:00:00.000Z'],
      ['escalate', '2026-02-17T03:00:00.000Z'],
    ]);
    await accepted(resumed, 'publishFormationNotice', { publishedOn: '2026-02-18', channels: ['website'] });
    const ids = mailsTo(w).map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(await obligations(w)).toEqual([
      ['formation-notice', '2026-02-16', 'met'],
      ['deputy-members', '2026-03-11', 'open'],
      ['staff-candidates', '2026-03-11', 'open'],
    ]);
    await saveHistoryFixture(resumed, 'formation-worker-restarted');
  });
});
