// The formation procedure (5.3, 5.4) on Temporal's real time-skipping test server: a real worker runs the bundled
// workflows with the real activities on a Postgres test database and a real SMTP server; the server's clock starts
// on Friday 16 January 2026 and skips from timer to timer.
// The council was formed on Thursday 15 January 2026; the 5.4.1 notice is due 1 month later: Sunday 15 February
// moves to Monday 16 February. Reminders go out at 09:00 Bishkek (03:00Z).
import { defaultPayloadConverter, type UpdateDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, messageIdFor, type MailTransport } from '../activities/mail/build-transport';
import { escalationKey, reminderKey } from '../activities/mail/obligation-mail-activities';
import { ProcedureRefusedError, type ProcedureProblem } from '../procedures/engine';
import { setCalendarEntry } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import * as f from '../workflows/formation/contract';
import type { FormationInput, FormationResult, GatheringInput, PersonInput } from '../workflows/formation/contract';
import { saveHistory } from './support/history-fixtures';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const MAIL_FROM = 'jmeg@ayil.kg';
const START = '2026-01-16T04:00:00.000Z'; // Friday 16 January, 10:00 in Bishkek
const EventType = temporal.api.enums.v1.EventType;
/** A scenario runs months of procedure; on a busy machine its real time is in the tens of seconds. */
const SCENARIO_MS = 300_000;

let database: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
const open: TimeSkippingEngine[] = [];
let worlds = 0;

/** One council with its executive body and a group in formation; mail addresses unique to it; its own engine. */
interface World {
  input: FormationInput;
  workflowId: string;
  councilEmail: string;
  executiveEmail: string;
  engine: TimeSkippingEngine;
}

async function world(options: { maxCachedWorkflows?: number } = {}): Promise<World> {
  if (!server.available) throw new Error('no test server');
  const n = ++worlds;
  const councilEmail = `kenesh-${n}@ayil.kg`;
  const executiveEmail = `okmot-${n}@ayil.kg`;
  const db = database.db;
  const councilId = await registerCouncil(
    db,
    { name: { ky: `Терек-Суу айылдык кеңеши ${n}`, ru: `Терек-Суйский айылный кенеш ${n}` }, email: councilEmail },
    'test',
  );
  await registerObject(
    db,
    {
      councilId,
      name: { ky: `Терек-Суу айыл өкмөтү ${n}`, ru: `Терек-Суйский айыл окмоту ${n}` },
      kind: 'executive_body',
      emails: [executiveEmail],
    },
    'test',
  );
  const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
  const engine = await createTimeSkippingEngine({
    serverPath: server.path,
    db,
    transport,
    mailFrom: MAIL_FROM,
    startTime: START,
    ...options,
  });
  open.push(engine);
  return {
    input: { councilId, groupId, formedOn: '2026-01-15' },
    workflowId: f.formationWorkflowId(groupId),
    councilEmail,
    executiveEmail,
    engine,
  };
}

async function start(w: World): Promise<void> {
  expect(await w.engine.start('formationWorkflow', w.workflowId, [w.input])).toBe('started');
}

const state = (w: World) => w.engine.query(w.workflowId, f.formationStateQuery);

/** The refusal (ProcedureRefusedError) of an update, with the validator's problems. */
async function refused<Ret, Arg>(
  w: World,
  definition: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<{ reason: string; problems: readonly ProcedureProblem[] }> {
  const error = await w.engine.update(w.workflowId, definition, arg).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProcedureRefusedError))
    throw new Error(`${definition.name} was not refused: ${String(error)}`);
  return { reason: error.message, problems: error.problems };
}

const person = (
  fullName: string,
  sex: 'M' | 'F',
  birthDate: string,
  extra: Partial<PersonInput> = {},
): PersonInput => ({ fullName, sex, birthDate, village: 'Терек-Суу', ...extra });
const STAFF = [
  person('Асанов Бакыт', 'M', '12.03.1980', { phone: '0555 123 456', email: 'b.asanov@ayil.kg' }),
  person('Токтогулова Айгүл', 'F', '1987'),
];
const DEPUTIES = [person('Жумабеков Нурлан', 'M', '1975')];
const CITIZENS: GatheringInput['candidates'] = [
  { ...person('Исакова Гүлмира', 'F', '04.11.1990', { phone: '0700 111 222' }), votes: 61 },
  { ...person('Осмонов Талант', 'M', '1968'), votes: 58 },
  { ...person('Сыдыкова Жамила', 'F', '1995'), votes: 70 },
  { ...person('Мамытов Эрлан', 'M', '1982'), votes: 52 },
  { ...person('Бекова Асель', 'F', '2001'), votes: 40 }, // 40 of 90 is no majority: not a candidate
];
const GATHERING: GatheringInput = {
  heldOn: '2026-02-12',
  protocolRef: '№ 1',
  place: 'Терек-Суу, клуб',
  participants: 90,
  candidates: CITIZENS,
};

/** The obligations projection of the group: key, due date, status; in the order opened (by day), then by key. */
async function obligations(w: World): Promise<[string, string, string][]> {
  const rows = await database.db
    .selectFrom('obligations')
    .select(['key', 'due_date', 'status'])
    .where('group_id', '=', w.input.groupId)
    .orderBy(sql`date_trunc('day', opened_at)`)
    .orderBy('key')
    .execute();
  return rows.map((r) => [r.key, typeof r.due_date === 'string' ? r.due_date : isoDay(r.due_date as Date), r.status]);
}
const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function mailsTo(w: World): ReceivedMail[] {
  return smtp.received.filter((m) => m.envelopeTo.some((a) => a === w.councilEmail || a === w.executiveEmail));
}

/** The group's mail outbox rows, by business key. */
async function outbox(
  w: World,
): Promise<{ business_key: string; status: string; attempts: number; last_error: string | null }[]> {
  return database.db
    .selectFrom('mail_outbox')
    .select(['business_key', 'status', 'attempts', 'last_error'])
    .where('business_key', 'like', `obligation:${w.input.groupId}/%`)
    .orderBy('id')
    .execute();
}

type Timestamp = temporal.api.history.v1.IHistoryEvent['eventTime'];
const instant = (t: Timestamp): string =>
  new Date(Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6)).toISOString();

/** One activity as the server's history records it: scheduled (with its input), started (its last attempt), closed. */
interface ActivityRun {
  type: string;
  input: { obligationId?: string; rung?: string };
  scheduledAt: string;
  outcome: 'completed' | 'failed' | 'open';
  /** The attempt that closed it. */
  attempt: number | null;
  /** Index of the ActivityTaskScheduled event in the history. */
  index: number;
}

async function activityRuns(w: World): Promise<ActivityRun[]> {
  const history = await w.engine.history(w.workflowId);
  const runs = new Map<string, ActivityRun>();
  (history.events ?? []).forEach((event, index) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      runs.set(String(event.eventId), {
        type: scheduled.activityType?.name ?? '?',
        input: defaultPayloadConverter.fromPayload(scheduled.input!.payloads![0]!),
        scheduledAt: instant(event.eventTime),
        outcome: 'open',
        attempt: null,
        index,
      });
    }
    const started = event.activityTaskStartedEventAttributes;
    if (started) {
      runs.get(String(started.scheduledEventId))!.attempt = started.attempt ?? null;
    }
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) runs.get(String(completed.scheduledEventId))!.outcome = 'completed';
    const failed = event.activityTaskFailedEventAttributes;
    if (failed) runs.get(String(failed.scheduledEventId))!.outcome = 'failed';
  });
  return [...runs.values()];
}

/** The server's instants (to the minute) at which an activity for one obligation was scheduled and then completed. */
async function callTimes(w: World, type: string, obligationKey: string): Promise<string[]> {
  return (await activityRuns(w))
    .filter(
      (r) =>
        r.type === type && r.outcome === 'completed' && r.input.obligationId === `${w.input.groupId}/${obligationKey}`,
    )
    .map((r) => minute(r.scheduledAt));
}
/** '2026-02-11T03:00:12.345Z' → '2026-02-11T03:00Z': a timer fires on its instant, the task it starts runs moments later. */
const minute = (iso: string) => `${iso.slice(0, 16)}Z`;
const mailMinute = (m: ReceivedMail) => minute(m.parsed.date!.toISOString());

async function finished(w: World): Promise<{ status: string; result: unknown }> {
  const handle = w.engine.client.workflow.getHandle(w.workflowId);
  const status = (await handle.describe()).status.name;
  return { status, result: status === 'COMPLETED' ? await handle.result() : undefined };
}

async function onTimeUntilDecision(w: World): Promise<void> {
  const { engine, workflowId: id } = w;
  await engine.advanceTo('2026-02-02T05:00:00Z');
  await engine.update(id, f.publishFormationNoticeUpdate, {
    publishedOn: '2026-02-02',
    channels: ['website', 'notice_board'],
  });
  await engine.advanceTo('2026-02-10T05:00:00Z');
  await engine.update(id, f.submitStaffCandidatesUpdate, { submittedOn: '2026-02-10', candidates: STAFF });
  await engine.update(id, f.approveDeputyMembersUpdate, { approvedOn: '2026-02-10', deputies: DEPUTIES });
  await engine.advanceTo('2026-02-12T11:00:00Z');
  await engine.update(id, f.recordGatheringProtocolUpdate, GATHERING);
}

describe.skipIf(!requireServer(server, 'formation workflow on the time-skipping server'))(
  'formation workflow on the real time-skipping test server',
  () => {
    beforeAll(async () => {
      [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
      transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((e) => e.close()));
      await smtp.start();
    });
    afterAll(async () => {
      transport?.close();
      await Promise.all([database?.drop(), smtp?.stop()]);
    });

    it(
      'everything on time: no reminder, every obligation met, the group active with its chair and term',
      { timeout: SCENARIO_MS },
      async () => {
        const w = await world();
        const { engine, workflowId: id } = w;
        await start(w);
        expect((await state(w)).obligations.map((o) => [o.key, o.due])).toEqual([['formation-notice', '2026-02-16']]);
        await onTimeUntilDecision(w);
        const s = await state(w);
        expect(s.step).toBe('nominations');
        expect(s.obligations.map((o) => [o.key, o.due, o.fulfilled])).toEqual([
          ['formation-notice', '2026-02-16', { on: '2026-02-02', late: false }],
          ['staff-candidates', '2026-02-20', { on: '2026-02-10', late: false }],
          ['deputy-members', '2026-02-20', { on: '2026-02-10', late: false }],
        ]);
        expect(s.candidates.map((c) => [c.fullName, c.category])).toEqual([
          ['Асанов Бакыт', 'municipal_employee'],
          ['Токтогулова Айгүл', 'municipal_employee'],
          ['Жумабеков Нурлан', 'deputy'],
          ['Исакова Гүлмира', 'citizen'],
          ['Осмонов Талант', 'citizen'],
          ['Сыдыкова Жамила', 'citizen'],
          ['Мамытов Эрлан', 'citizen'],
        ]);
        expect(s.protocols[0]!.results.filter((r) => !r.elected)).toEqual([
          { fullName: 'Бекова Асель', votes: 40, elected: false },
        ]);
        expect(s.composition?.ok).toBe(true);

        await engine.advanceTo('2026-02-18T08:00:00Z');
        expect(
          await engine.update(id, f.recordCouncilDecisionUpdate, { decidedOn: '2026-02-18', resolutionNumber: '12-3' }),
        ).toEqual({ termEnd: '2030-02-18', firstMeetingDue: '2026-03-04', violations: [], chair: null });
        await engine.advanceTo('2026-02-19T05:00:00Z');
        expect(
          await engine.update(id, f.scheduleFirstMeetingUpdate, {
            date: '2026-02-26',
            time: '10:00',
            place: 'Терек-Суу, айыл өкмөтүнүн жыйындар залы',
          }),
        ).toEqual({
          meetingId: `${w.input.groupId}/meeting-1`,
          creationNoticeDue: '2026-02-23',
          warnings: [],
        });
        await engine.advanceTo('2026-02-19T09:00:00Z');
        const notice = await engine.update(id, f.publishCreationNoticeUpdate, {
          publishedOn: '2026-02-19',
          channels: ['website'],
        });
        expect(notice.text.ru).toContain('Постановлением айылного кенеша от 18.02.2026 № 12-3');
        expect(notice.text.ru).toContain('1. Асанов Бакыт — ');
        expect(notice.text.ky).toContain('26.02.2026 саат 10:00');
        expect(notice.text.ru).not.toMatch(/555|1980|b\.asanov|700/);

        await engine.advanceTo('2026-02-26T07:00:00Z');
        const result = await engine.update(id, f.recordFirstMeetingUpdate, {
          heldOn: '2026-02-26',
          present: 6,
          chairElection: { fullName: 'Сыдыкова Жамила', votesFor: 5, votesAgainst: 1, abstained: 0 },
        });
        expect(result).toEqual<FormationResult>({
          groupId: w.input.groupId,
          createdOn: '2026-02-18',
          resolutionNumber: '12-3',
          termEnd: '2030-02-18',
          chair: 'Сыдыкова Жамила',
          members: 7,
          firstMeetingOn: '2026-02-26',
        });
        expect(await finished(w)).toEqual({ status: 'COMPLETED', result });

        expect(mailsTo(w)).toEqual([]);
        expect((await activityRuns(w)).filter((r) => r.type === 'sendReminder' || r.type === 'escalate')).toEqual([]);
        expect(await obligations(w)).toEqual([
          ['formation-notice', '2026-02-16', 'met'],
          ['deputy-members', '2026-02-20', 'met'],
          ['staff-candidates', '2026-02-20', 'met'],
          ['first-meeting', '2026-03-04', 'met'],
          ['creation-notice', '2026-02-23', 'met'],
        ]);
        const group = await database.db
          .selectFrom('groups')
          .selectAll()
          .where('id', '=', w.input.groupId)
          .executeTakeFirstOrThrow();
        expect([group.status, group.resolution_number]).toEqual(['active', '12-3']);
        const members = await database.db
          .selectFrom('memberships')
          .innerJoin('persons', 'persons.id', 'memberships.person_id')
          .select(['persons.full_name', 'memberships.category', 'memberships.role'])
          .where('memberships.group_id', '=', w.input.groupId)
          .orderBy('memberships.id')
          .execute();
        expect(members.filter((m) => m.role === 'chair')).toEqual([
          { full_name: 'Сыдыкова Жамила', category: 'citizen', role: 'chair' },
        ]);
        expect(members).toHaveLength(7);
        const notices = await database.db
          .selectFrom('notices')
          .select(['kind', 'channels'])
          .where('group_id', '=', w.input.groupId)
          .orderBy('published_at')
          .execute();
        expect(notices).toEqual([
          { kind: 'formation-notice', channels: ['website', 'notice_board'] },
          { kind: 'creation-notice', channels: ['website'] },
        ]);
        await saveHistory(await engine.history(id), 'formation-on-time');
      },
    );

    it(
      'every deadline missed: three reminders on their dates to the party that owes, exactly one escalation to the council, then each step done late',
      { timeout: SCENARIO_MS },
      async () => {
        const w = await world();
        const { engine, workflowId: id } = w;
        await start(w);
        const ob = (key: string) => `${w.input.groupId}/${key}`;

        // 5.4.1 due Monday 16 February.
        await engine.advanceTo('2026-02-18T05:00:00Z');
        await engine.update(id, f.publishFormationNoticeUpdate, {
          publishedOn: '2026-02-18',
          channels: ['notice_board'],
        });
        // 5.4.2 and 5.4.3: 15 working days from 18 February, past 8 March (a Sunday holiday, not moved): Wednesday 11 March.
        expect((await state(w)).obligations.slice(1).map((o) => [o.key, o.due, o.party])).toEqual([
          ['staff-candidates', '2026-03-11', 'executive-body'],
          ['deputy-members', '2026-03-11', 'council'],
        ]);
        await engine.advanceTo('2026-03-13T05:00:00Z');
        await engine.update(id, f.submitStaffCandidatesUpdate, { submittedOn: '2026-03-13', candidates: STAFF });
        await engine.update(id, f.approveDeputyMembersUpdate, { approvedOn: '2026-03-13', deputies: DEPUTIES });
        await engine.update(id, f.recordGatheringProtocolUpdate, { ...GATHERING, heldOn: '2026-03-13' });
        await engine.advanceTo('2026-03-16T08:00:00Z');
        // 5.3.2: 10 working days from Monday 16 March, past Orozo Ait (20 March) and Nooruz (21 March): Tuesday 31 March.
        expect(
          await engine.update(id, f.recordCouncilDecisionUpdate, { decidedOn: '2026-03-16', resolutionNumber: '14-1' }),
        ).toEqual({ termEnd: '2030-03-16', firstMeetingDue: '2026-03-31', violations: [], chair: null });
        await engine.advanceTo('2026-04-02T05:00:00Z');
        const scheduled = await engine.update(id, f.scheduleFirstMeetingUpdate, {
          date: '2026-04-15',
          time: '15:00',
          place: 'Терек-Суу, клуб',
        });
        expect(scheduled.creationNoticeDue).toBe('2026-04-10');
        expect(scheduled.warnings.map((x) => x.en)).toEqual([
          'the first meeting was due by 31.03.2026 (5.3.2); 15.04.2026 is late',
        ]);
        await engine.advanceTo('2026-04-14T05:00:00Z');
        await engine.update(id, f.publishCreationNoticeUpdate, {
          publishedOn: '2026-04-14',
          channels: ['website', 'notice_board'],
        });
        await engine.advanceTo('2026-04-15T12:00:00Z');
        await engine.update(id, f.recordFirstMeetingUpdate, {
          heldOn: '2026-04-15',
          present: 5,
          chairElection: { fullName: 'Исакова Гүлмира', votesFor: 4, votesAgainst: 0, abstained: 1 },
        });
        expect((await finished(w)).status).toBe('COMPLETED');

        const ladders: [string, string[], string][] = [
          ['formation-notice', ['2026-02-11T03:00Z', '2026-02-13T03:00Z', '2026-02-16T03:00Z'], '2026-02-17T03:00Z'],
          ['staff-candidates', ['2026-03-06T03:00Z', '2026-03-10T03:00Z', '2026-03-11T03:00Z'], '2026-03-12T03:00Z'],
          ['deputy-members', ['2026-03-06T03:00Z', '2026-03-10T03:00Z', '2026-03-11T03:00Z'], '2026-03-12T03:00Z'],
          ['first-meeting', ['2026-03-26T03:00Z', '2026-03-30T03:00Z', '2026-03-31T03:00Z'], '2026-04-01T03:00Z'],
          ['creation-notice', ['2026-04-07T03:00Z', '2026-04-09T03:00Z', '2026-04-10T03:00Z'], '2026-04-13T03:00Z'],
        ];
        for (const [key, reminders, escalation] of ladders) {
          expect([key, await callTimes(w, 'sendReminder', key)]).toEqual([key, reminders]);
          expect([key, await callTimes(w, 'escalate', key)]).toEqual([key, [escalation]]);
        }

        // The mail received: one message per rung, to the party that owes (5.4.3: the council chair, through the
        // council's address), the escalations to the council; each in Kyrgyz and then Russian, dated when it fell due.
        const mails = mailsTo(w);
        expect(mails).toHaveLength(20);
        const owes: Record<string, string> = {
          'formation-notice': w.executiveEmail,
          'staff-candidates': w.executiveEmail,
          'deputy-members': w.councilEmail,
          'first-meeting': w.executiveEmail,
          'creation-notice': w.executiveEmail,
        };
        for (const [key, reminders, escalation] of ladders) {
          for (const [i, rung] of ['due-3', 'due-1', 'due-0'].entries()) {
            const got = mails.filter((m) => m.parsed.messageId === messageIdFor(reminderKey(ob(key), rung), MAIL_FROM));
            expect([key, rung, got.map((m) => m.envelopeTo)]).toEqual([key, rung, [[owes[key]]]]);
            expect([key, rung, mailMinute(got[0]!)]).toEqual([key, rung, reminders[i]]);
            expect(got[0]!.parsed.subject).toMatch(/^\[5\.\d\.\d\] Эскертүү: .* \/ Напоминание: /);
          }
          const esc = mails.filter((m) => m.parsed.messageId === messageIdFor(escalationKey(ob(key)), MAIL_FROM));
          expect([key, esc.map((m) => m.envelopeTo)]).toEqual([key, [[w.councilEmail]]]);
          expect([key, mailMinute(esc[0]!)]).toEqual([key, escalation]);
          expect(esc[0]!.parsed.subject).toMatch(/Мөөнөтү өттү: .* \/ Срок пропущен: /);
          expect(
            esc[0]!.parsed.text!.indexOf('Кеңеш') < esc[0]!.parsed.text!.indexOf('Срок') ||
              esc[0]!.parsed.text!.includes('айылного кенеша'),
          ).toBe(true);
        }
        expect(
          mails.find((m) => m.parsed.messageId === messageIdFor(reminderKey(ob('deputy-members'), 'due-3'), MAIL_FROM))!
            .parsed.subject,
        ).toContain('[5.4.3]');

        // The projection: every obligation met late after its escalation, with three reminder rungs recorded.
        expect(await obligations(w)).toEqual([
          ['formation-notice', '2026-02-16', 'met'],
          ['deputy-members', '2026-03-11', 'met'],
          ['staff-candidates', '2026-03-11', 'met'],
          ['first-meeting', '2026-03-31', 'met'],
          ['creation-notice', '2026-04-10', 'met'],
        ]);
        const history = await database.db
          .selectFrom('obligation_status_changes')
          .innerJoin('obligations', 'obligations.id', 'obligation_status_changes.obligation_id')
          .select(['obligations.key', 'obligation_status_changes.status'])
          .where('obligations.group_id', '=', w.input.groupId)
          .orderBy('obligations.key')
          .orderBy('obligation_status_changes.seq')
          .execute();
        const byKey = new Map<string, string[]>();
        for (const h of history) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.status]);
        expect([...byKey].map(([k, statuses]) => [k, statuses.join(' > ')])).toEqual(
          ladders.map(([k]) => [k, 'open > escalated > met']).sort(),
        );
        const rungs = await database.db
          .selectFrom('obligation_reminders')
          .innerJoin('obligations', 'obligations.id', 'obligation_reminders.obligation_id')
          .select(['obligations.key', 'obligation_reminders.rung'])
          .where('obligations.group_id', '=', w.input.groupId)
          .execute();
        expect(rungs).toHaveLength(15);
        await saveHistory(await engine.history(id), 'formation-deadlines-missed');
      },
    );

    it(
      'the notice published after its first reminder: no further reminder and no escalation for it',
      { timeout: SCENARIO_MS },
      async () => {
        const w = await world();
        const { engine, workflowId: id } = w;
        await start(w);
        await engine.advanceTo('2026-02-11T10:00:00Z');
        expect(await callTimes(w, 'sendReminder', 'formation-notice')).toEqual(['2026-02-11T03:00Z']);
        await engine.update(id, f.publishFormationNoticeUpdate, { publishedOn: '2026-02-11', channels: ['website'] });
        await engine.advanceTo('2026-02-20T12:00:00Z');
        expect(await callTimes(w, 'sendReminder', 'formation-notice')).toEqual(['2026-02-11T03:00Z']);
        expect(await callTimes(w, 'escalate', 'formation-notice')).toEqual([]);
        expect(mailsTo(w).map((m) => m.parsed.messageId)).toEqual([
          messageIdFor(reminderKey(`${w.input.groupId}/formation-notice`, 'due-3'), MAIL_FROM),
        ]);
        const s = await state(w);
        expect(s.obligations.map((o) => [o.key, o.due, o.ladder.map((r) => r.status).join(',')])).toEqual([
          ['formation-notice', '2026-02-16', 'sent,pending,pending,pending'],
          ['staff-candidates', '2026-03-04', 'pending,pending,pending,pending'],
          ['deputy-members', '2026-03-04', 'pending,pending,pending,pending'],
        ]);
        expect(await obligations(w)).toEqual([
          ['formation-notice', '2026-02-16', 'met'],
          ['deputy-members', '2026-03-04', 'open'],
          ['staff-candidates', '2026-03-04', 'open'],
        ]);
        await saveHistory(await engine.history(id), 'formation-late-step');
      },
    );

    it(
      'an invalid composition is shown with its arithmetic and cured by replacing a candidate before the decision; impossible protocol numbers are refused by field',
      { timeout: SCENARIO_MS },
      async () => {
        const w = await world();
        const { engine, workflowId: id } = w;
        await start(w);
        await engine.advanceTo('2026-02-02T05:00:00Z');
        await engine.update(id, f.publishFormationNoticeUpdate, { publishedOn: '2026-02-02', channels: ['website'] });
        await engine.advanceTo('2026-02-10T05:00:00Z');
        const men = [person('Асанов Бакыт', 'M', '1980'), person('Токтогулова Айгүл', 'F', '1987')];
        await engine.update(id, f.submitStaffCandidatesUpdate, { submittedOn: '2026-02-10', candidates: men });
        const [deputy] = await engine.update(id, f.approveDeputyMembersUpdate, {
          approvedOn: '2026-02-10',
          deputies: DEPUTIES,
        });
        const recordedBefore = await recordedEvents(w);
        const impossible = await refused(w, f.recordGatheringProtocolUpdate, {
          ...GATHERING,
          heldOn: '2026-02-10',
          candidates: [CITIZENS[0]!, { ...CITIZENS[1]!, votes: 120 }],
        });
        expect(impossible.problems.map((p) => [p.field, p.code, p.clause])).toEqual([
          ['candidates[1].votes', 'votes-exceed-participants', '5.4.4'],
        ]);
        expect(impossible.reason).toBe('candidates[1].votes: 120 votes for Осмонов Талант exceed the 90 participants');
        // A refused update leaves nothing in the history: no update accepted, no activity, no timer.
        expect(await recordedEvents(w)).toEqual(recordedBefore);
        // Four citizens elected, three of them men: 5 men of 7 is over 70% (5.2.3).
        const citizens = [
          CITIZENS[0]!,
          CITIZENS[1]!,
          { ...CITIZENS[2]!, fullName: 'Сыдыков Жаныбек', sex: 'M' as const },
          CITIZENS[3]!,
        ];
        await engine.update(id, f.recordGatheringProtocolUpdate, {
          ...GATHERING,
          heldOn: '2026-02-10',
          candidates: citizens,
        });
        await engine.advanceTo('2026-02-18T08:00:00Z');

        const s = await state(w);
        expect(s.composition?.ok).toBe(false);
        expect(s.composition?.arithmetic.find((a) => a.rule === 'men-max')).toMatchObject({
          clause: '5.2.3',
          required: 4,
          actual: 5,
          holds: false,
        });

        await engine.advanceTo('2026-02-18T09:00:00Z');
        await engine.update(id, f.replaceCandidateUpdate, {
          candidateId: deputy!.candidateId,
          reason: 'the council chair approved another deputy',
          category: 'deputy',
          person: person('Абдыкадырова Нургүл', 'F', '1979'),
          nominatedOn: '2026-02-18',
        });
        expect((await state(w)).composition?.ok).toBe(true);
        expect(
          await engine.update(id, f.recordCouncilDecisionUpdate, { decidedOn: '2026-02-18', resolutionNumber: '12-3' }),
        ).toEqual({ termEnd: '2030-02-18', firstMeetingDue: '2026-03-04', violations: [], chair: null });
        const candidates = await database.db
          .selectFrom('candidates')
          .innerJoin('persons', 'persons.id', 'candidates.person_id')
          .select(['persons.full_name', 'candidates.status'])
          .where('candidates.group_id', '=', w.input.groupId)
          .orderBy('candidates.id')
          .execute();
        expect(candidates.filter((c) => c.status === 'withdrawn').map((c) => c.full_name)).toEqual([
          'Жумабеков Нурлан',
        ]);
        expect(candidates.filter((c) => c.status === 'appointed')).toHaveLength(7);
        await saveHistory(await engine.history(id), 'formation-invalid-composition');
      },
    );

    it(
      'a day off added during 5.4.2/5.4.3 moves both open deadlines and their unsent rungs; the sent rung is not sent again',
      { timeout: SCENARIO_MS },
      async () => {
        const w = await world();
        const { engine, workflowId: id } = w;
        await start(w);
        await engine.advanceTo('2026-02-02T05:00:00Z');
        await engine.update(id, f.publishFormationNoticeUpdate, { publishedOn: '2026-02-02', channels: ['website'] });
        await engine.advanceTo('2026-02-17T12:00:00Z');
        expect(await callTimes(w, 'sendReminder', 'staff-candidates')).toEqual(['2026-02-17T03:00Z']);
        // The council's own correction (scoped to it, so other councils keep their calendar).
        await setCalendarEntry(
          database.db,
          w.input.councilId,
          {
            date: '2026-02-19',
            type: 'day-off',
            name: { ky: 'Дем алыш күн', ru: 'Выходной день' },
            status: 'confirmed',
          },
          'test',
        );
        await engine.signal(id, f.formationCalendarChangedSignal, { reason: 'day off on 19 February 2026' });
        const s = await state(w);
        expect(s.obligations.map((o) => [o.key, o.due, o.calendarLoads])).toEqual([
          ['formation-notice', '2026-02-16', 1],
          ['staff-candidates', '2026-02-23', 2],
          ['deputy-members', '2026-02-23', 2],
        ]);
        expect(s.obligations[1]!.ladder.map((r) => [r.rung, r.date, r.status])).toEqual([
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
        await engine.advanceTo('2026-02-23T12:00:00Z');
        expect(await callTimes(w, 'sendReminder', 'staff-candidates')).toEqual([
          '2026-02-17T03:00Z',
          '2026-02-20T03:00Z',
          '2026-02-23T03:00Z',
        ]);
        expect(await callTimes(w, 'sendReminder', 'deputy-members')).toEqual([
          '2026-02-17T03:00Z',
          '2026-02-20T03:00Z',
          '2026-02-23T03:00Z',
        ]);
        const staffMails = mailsTo(w).filter((m) => m.envelopeTo.includes(w.executiveEmail));
        expect(staffMails.map(mailMinute)).toEqual(['2026-02-17T03:00Z', '2026-02-20T03:00Z', '2026-02-23T03:00Z']);
        expect(new Set(mailsTo(w).map((m) => m.parsed.messageId)).size).toBe(6);
        await engine.update(id, f.submitStaffCandidatesUpdate, { submittedOn: '2026-02-23', candidates: STAFF });
        await engine.update(id, f.approveDeputyMembersUpdate, { approvedOn: '2026-02-23', deputies: DEPUTIES });
        await saveHistory(await engine.history(id), 'formation-calendar-changed');
      },
    );

    it(
      'worker restarted mid-procedure: the new worker replays the history, nothing sent is sent again, the ladder goes on',
      { timeout: SCENARIO_MS },
      async () => {
        // No workflow cache: the test server keeps a workflow on the stopped worker's sticky queue otherwise.
        const w = await world({ maxCachedWorkflows: 0 });
        const { engine, workflowId: id } = w;
        await start(w);
        await engine.advanceTo('2026-02-13T12:00:00Z');
        expect(await callTimes(w, 'sendReminder', 'formation-notice')).toEqual([
          '2026-02-11T03:00Z',
          '2026-02-13T03:00Z',
        ]);
        await engine.stopWorker();
        const eventsAtStop = (await engine.history(id)).events!.length;

        // Time passes with no worker (no rung falls due before Monday); the new worker has an empty workflow cache and
        // new activity instances on the same database and mail server.
        await engine.advanceTo('2026-02-14T12:00:00Z');
        await engine.startWorker();
        expect((await state(w)).obligations[0]!.ladder.map((r) => r.status)).toEqual([
          'sent',
          'sent',
          'pending',
          'pending',
        ]);
        expect((await activityRuns(w)).filter((r) => r.index >= eventsAtStop)).toEqual([]);
        await engine.advanceTo('2026-02-18T05:00:00Z');
        expect(
          (await activityRuns(w))
            .filter((r) => r.index >= eventsAtStop && (r.type === 'sendReminder' || r.type === 'escalate'))
            .map((r) => [r.type, minute(r.scheduledAt), r.outcome]),
        ).toEqual([
          ['sendReminder', '2026-02-16T03:00Z', 'completed'],
          ['escalate', '2026-02-17T03:00Z', 'completed'],
        ]);
        await engine.update(id, f.publishFormationNoticeUpdate, { publishedOn: '2026-02-18', channels: ['website'] });
        const ids = mailsTo(w).map((m) => m.parsed.messageId);
        expect(ids).toHaveLength(4);
        expect(new Set(ids).size).toBe(4);
        expect(await obligations(w)).toEqual([
          ['formation-notice', '2026-02-16', 'met'],
          ['deputy-members', '2026-03-11', 'open'],
          ['staff-candidates', '2026-03-11', 'open'],
        ]);
        await saveHistory(await engine.history(id), 'formation-worker-restarted');
      },
    );

    it(
      'the mail server down when a reminder falls due: the activity retries, the mail goes out once when it is back, later rungs on their dates',
      { timeout: SCENARIO_MS },
      async () => {
        const w = await world();
        const { engine, workflowId: id } = w;
        const due3 = reminderKey(`${w.input.groupId}/formation-notice`, 'due-3');
        await start(w);
        await engine.advanceTo('2026-02-10T12:00:00Z');
        await smtp.stop();
        // An hour of retries (10 s, then doubling up to 10 minutes between attempts): every one refused by the network.
        await engine.advanceTo('2026-02-11T04:00:00Z');
        expect(mailsTo(w)).toEqual([]);
        const [pending] = await outbox(w);
        expect(pending).toMatchObject({ business_key: due3, status: 'pending' });
        expect(pending!.attempts).toBeGreaterThanOrEqual(3);
        expect(pending!.last_error).toBeTruthy();
        expect(
          (await activityRuns(w))
            .filter((r) => r.type === 'sendReminder')
            .map((r) => [minute(r.scheduledAt), r.outcome]),
        ).toEqual([['2026-02-11T03:00Z', 'open']]);

        await smtp.start();
        // The next attempt is at most 10 minutes away.
        await engine.advanceTo('2026-02-11T04:11:00Z');
        const first = mailsTo(w);
        expect(first.map((m) => m.parsed.messageId)).toEqual([messageIdFor(due3, MAIL_FROM)]);
        // Dated by the activity's clock: the server's time of a retry attempt on the day the rung fell due.
        expect(
          first[0]!.parsed.date!.toISOString() > '2026-02-11T03:00:00.000Z' &&
            first[0]!.parsed.date!.toISOString() < '2026-02-11T04:11:00.000Z',
        ).toBe(true);
        const [reminder] = (await activityRuns(w)).filter((r) => r.type === 'sendReminder');
        expect(reminder).toMatchObject({ outcome: 'completed', input: { rung: 'due-3' } });
        expect(reminder!.attempt).toBeGreaterThan(pending!.attempts);
        // Every attempt went through the outbox row; the last one sent it.
        expect((await outbox(w))[0]).toMatchObject({ business_key: due3, status: 'sent', attempts: reminder!.attempt });

        await engine.advanceTo('2026-02-18T05:00:00Z');
        await engine.update(id, f.publishFormationNoticeUpdate, { publishedOn: '2026-02-18', channels: ['website'] });
        const mails = mailsTo(w);
        expect(mails.map((m) => [m.envelopeTo, mailMinute(m)]).slice(1)).toEqual([
          [[w.executiveEmail], '2026-02-13T03:00Z'],
          [[w.executiveEmail], '2026-02-16T03:00Z'],
          [[w.councilEmail], '2026-02-17T03:00Z'],
        ]);
        expect(new Set(mails.map((m) => m.parsed.messageId)).size).toBe(4);
        expect((await outbox(w)).map((r) => [r.business_key, r.status])).toEqual([
          [due3, 'sent'],
          [reminderKey(`${w.input.groupId}/formation-notice`, 'due-1'), 'sent'],
          [reminderKey(`${w.input.groupId}/formation-notice`, 'due-0'), 'sent'],
          [escalationKey(`${w.input.groupId}/formation-notice`), 'sent'],
        ]);
        expect(await obligations(w)).toEqual([
          ['formation-notice', '2026-02-16', 'met'],
          ['deputy-members', '2026-03-11', 'open'],
          ['staff-candidates', '2026-03-11', 'open'],
        ]);
        await saveHistory(await engine.history(id), 'formation-smtp-outage');
      },
    );
    it(
      'the 5.4.1 notice sent with the start, before the workflow ever ran: handled in its first task, nothing fails',
      { timeout: SCENARIO_MS },
      async () => {
        const w = await world();
        const { engine } = w;
        // No worker yet: the start and the update wait on the server, and the first workflow task carries both.
        await engine.stopWorker();
        const handle = await engine.client.workflow.start('formationWorkflow', {
          args: [w.input],
          taskQueue: engine.taskQueue,
          workflowId: w.workflowId,
        });
        const published = handle.executeUpdate(f.publishFormationNoticeUpdate, {
          args: [{ publishedOn: '2026-01-16', channels: ['website'] }],
        });
        await engine.startWorker();
        expect((await published).publishedOn).toBe('2026-01-16');
        await engine.settle(w.workflowId);
        const failed = ((await engine.history(w.workflowId)).events ?? []).filter(
          (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
        );
        expect(failed).toEqual([]);
        expect((await state(w)).step).toBe('nominations');
        // The three rows are recorded side by side in that first task: compared by key.
        expect((await obligations(w)).sort()).toEqual([
          ['deputy-members', '2026-02-06', 'open'],
          ['formation-notice', '2026-02-16', 'met'],
          ['staff-candidates', '2026-02-06', 'open'],
        ]);
        await saveHistory(await engine.history(w.workflowId), 'formation-notice-with-start');
      },
    );
  },
);

/** The history's events that record something (everything but workflow task bookkeeping), as type names. */
async function recordedEvents(w: World): Promise<string[]> {
  const bookkeeping = new Set([
    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  ]);
  const events = (await w.engine.history(w.workflowId)).events ?? [];
  return events.filter((e) => !bookkeeping.has(e.eventType!)).map((e) => EventType[e.eventType!]);
}
