// The recording activities against a real Postgres: calendar, obligation facts, notices, generic events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type ObligationContractMet } from '../activities';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { setCalendarEntries, setCalendarEntry, removeCalendarEntry, listCalendarEntries } from '../db/calendar-entries';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { record } from '../db/record';
import type { CalendarEntry, CalendarSlice } from '../domain/calendar';
import type { ObligationEvent } from '../workflows/obligation/activities-contract';
import { createTestDatabase, type TestDatabase } from './support/pg';

// Compile-time: the real activities meet the obligation tracker's contract.
const contractMet: ObligationContractMet = true;

const NOW = new Date('2026-04-10T03:00:00Z');
const ACTOR_STAFF = 'test:staff';

let database: TestDatabase;
let outboxDir: string;
let transport: MailTransport;
let activities: ReturnType<typeof createActivities>;
let councilId: string;
let otherCouncilId: string;
let groupId: string;

const entry = (
  date: string,
  type: CalendarEntry['type'],
  ky: string,
  ru: string,
  status: CalendarEntry['status'] = 'confirmed',
): CalendarEntry => ({ date, type, name: { ky, ru }, status });
const onDate = (slice: CalendarSlice, date: string) => slice.entries.find((e) => e.date === date);

async function refusalOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect((error as ApplicationFailure).nonRetryable).toBe(true);
  return error as ApplicationFailure;
}

async function openObligation(obligationId: string, due = '2026-04-15'): Promise<void> {
  await record(database.db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [
      {
        type: 'obligation.opened',
        payload: {
          obligationId,
          groupId,
          actId: null,
          key: 'first-meeting',
          clause: '5.3.2',
          party: 'council',
          anchorDate: '2026-04-01',
          dueDate: due,
        },
      },
    ],
  });
}

const eventsOf = (obligationId: string) =>
  database.db
    .selectFrom('events')
    .select(['type', 'idempotency_key'])
    .where(sql<string>`payload->>'obligationId'`, '=', obligationId)
    .orderBy('position')
    .execute();

beforeAll(async () => {
  database = await createTestDatabase();
  outboxDir = mkdtempSync(join(tmpdir(), 'jmeg-activities-'));
  transport = buildTransport({ smtpUrl: null, dataDir: outboxDir, mailFrom: 'jmeg@ayil.kg' });
  activities = createActivities({ db: database.db, transport, config: { mailFrom: 'jmeg@ayil.kg' }, clock: () => NOW });
  councilId = await registerCouncil(
    database.db,
    { name: { ky: 'Жыргалаң айылдык кеңеши', ru: 'Джыргаланский айылный кенеш' }, email: 'kenesh@ayil.kg' },
    'test',
  );
  otherCouncilId = await registerCouncil(
    database.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'ak-suu@ayil.kg' },
    'test',
  );
  groupId = await openGroup(database.db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
});
afterAll(async () => {
  transport.close();
  await database.drop();
  rmSync(outboxDir, { recursive: true, force: true });
});

describe('loadCalendar: the shipped year data overlaid with the rows staff keep', () => {
  it('with no rows in the database it is the shipped data: Kurman Ait 2026 estimated on 27 May, the year estimated', async () => {
    const slice = await activities.loadCalendar({ from: '2026-04-01', to: '2026-06-30' });
    expect(slice.fromYear).toBe(2026);
    expect(onDate(slice, '2026-05-27')).toMatchObject({ type: 'day-off', status: 'estimated' });
    expect(slice.years).toEqual([{ year: 2026, data: 'estimated' }]);
  });

  it('national rows override the shipped ones: Kurman Ait confirmed on 26 May, 27 May worked; the year becomes confirmed', async () => {
    await setCalendarEntries(
      database.db,
      null,
      [
        entry('2026-05-26', 'day-off', 'Курман айт', 'Курман айт'),
        entry('2026-05-27', 'working-day', 'Жумуш күнү', 'Рабочий день'),
      ],
      ACTOR_STAFF,
    );
    const slice = await activities.loadCalendar({ from: '2026-04-01', to: '2026-06-30' });
    expect(onDate(slice, '2026-05-26')).toEqual(entry('2026-05-26', 'day-off', 'Курман айт', 'Курман айт'));
    expect(onDate(slice, '2026-05-27')).toMatchObject({ type: 'working-day', status: 'confirmed' });
    expect(slice.years).toEqual([{ year: 2026, data: 'confirmed' }]);
  });

  it("a council's own day off applies to that council only", async () => {
    await setCalendarEntry(
      database.db,
      councilId,
      entry('2026-06-01', 'day-off', 'Айыл күнү', 'День села'),
      ACTOR_STAFF,
    );
    expect(
      onDate(await activities.loadCalendar({ from: '2026-06-01', to: '2026-06-01', councilId }), '2026-06-01'),
    ).toMatchObject({ type: 'day-off', name: { ru: 'День села' } });
    expect(
      onDate(await activities.loadCalendar({ from: '2026-06-01', to: '2026-06-01' }), '2026-06-01'),
    ).toBeUndefined();
    expect(
      onDate(
        await activities.loadCalendar({ from: '2026-06-01', to: '2026-06-01', councilId: otherCouncilId }),
        '2026-06-01',
      ),
    ).toBeUndefined();
  });

  it('covers whole years: a range across New Year returns both years', async () => {
    const slice = await activities.loadCalendar({ from: '2026-12-20', to: '2027-01-10' });
    expect(slice.years.map((y) => y.year)).toEqual([2026, 2027]);
    expect(onDate(slice, '2026-05-26')).toBeDefined();
  });

  it('a removed row gives the shipped data back', async () => {
    await removeCalendarEntry(database.db, null, '2026-05-27', ACTOR_STAFF);
    expect(onDate(await activities.loadCalendar({ from: '2026-05-01', to: '2026-05-31' }), '2026-05-27')).toMatchObject(
      { type: 'day-off', status: 'estimated' },
    );
    await removeCalendarEntry(database.db, null, '2026-05-26', ACTOR_STAFF);
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, 'InvalidInput', 'from "2026-02-30" is not a date'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'InvalidInput', 'to 2026-02-01 is before from 2026-03-01'],
    [
      { from: '2026-03-01', to: '2026-03-02', councilId: 'nowhere' },
      'CouncilNotFound',
      'council nowhere is not registered',
    ],
  ])('refuses, without retries, %j', async (range, type, message) => {
    const failure = await refusalOf(activities.loadCalendar(range));
    expect(failure.type).toBe(type);
    expect(failure.message).toContain(message);
  });
});

describe('calendar edits are events, recorded once', () => {
  it('setting the same entry twice appends one calendar.entry-set; changing it appends another', async () => {
    const holiday = entry('2026-11-02', 'day-off', 'Дем алыш', 'Выходной');
    expect((await setCalendarEntry(database.db, otherCouncilId, holiday, ACTOR_STAFF)).appended).toBe(1);
    expect((await setCalendarEntry(database.db, otherCouncilId, holiday, ACTOR_STAFF)).appended).toBe(0);
    expect(
      (await setCalendarEntry(database.db, otherCouncilId, { ...holiday, status: 'estimated' }, ACTOR_STAFF)).appended,
    ).toBe(1);
    expect((await setCalendarEntry(database.db, otherCouncilId, holiday, ACTOR_STAFF)).appended).toBe(1);
    const log = await database.db
      .selectFrom('events')
      .select('type')
      .where('stream_id', '=', streams.calendar(otherCouncilId))
      .execute();
    expect(log.map((e) => e.type)).toEqual(['calendar.entry-set', 'calendar.entry-set', 'calendar.entry-set']);
    expect(await listCalendarEntries(database.db, otherCouncilId)).toEqual([holiday]);
  });

  it('a batch that names an unknown council stores nothing (all or nothing)', async () => {
    const before = await listCalendarEntries(database.db, null);
    await expect(
      setCalendarEntries(database.db, 'no-such-council', [entry('2026-10-01', 'day-off', 'А', 'Б')], ACTOR_STAFF),
    ).rejects.toThrow();
    expect(await listCalendarEntries(database.db, null)).toEqual(before);
    expect(
      await database.db
        .selectFrom('events')
        .select('position')
        .where('stream_id', '=', streams.calendar('no-such-council'))
        .execute(),
    ).toEqual([]);
  });
});

describe('recordObligationEvent: the workflow facts on the obligations projection', () => {
  const at = (iso: string) => iso;

  it("'opened' of an obligation nobody recorded opens it; a retry changes nothing", async () => {
    const opened: ObligationEvent = {
      obligationId: 'ob-open',
      type: 'opened',
      at: at('2026-04-01T10:00:00.000Z'),
      due: '2026-04-15',
      dueInstant: '2026-04-15T17:59:59.999Z',
      groupId,
      actId: null,
      key: 'first-meeting',
      clause: '5.3.2',
      party: 'council',
      anchor: '2026-04-01',
    };
    await activities.recordObligationEvent(opened);
    await activities.recordObligationEvent(opened);
    const row = await database.db
      .selectFrom('obligations')
      .selectAll()
      .where('id', '=', 'ob-open')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      group_id: groupId,
      key: 'first-meeting',
      clause: '5.3.2',
      party: 'council',
      anchor_date: '2026-04-01',
      due_date: '2026-04-15',
      status: 'open',
    });
    expect(row.opened_at.toISOString()).toBe('2026-04-01T10:00:00.000Z');
    expect(await eventsOf('ob-open')).toEqual([
      { type: 'obligation.opened', idempotency_key: 'obligation-opened:ob-open' },
    ]);
  });

  it("'opened' of an obligation recorded earlier with another due date records the workflow's due date", async () => {
    await openObligation('ob-due', '2026-04-14');
    const opened: ObligationEvent = {
      obligationId: 'ob-due',
      type: 'opened',
      at: '2026-04-01T10:00:00.000Z',
      due: '2026-04-15',
      dueInstant: '2026-04-15T17:59:59.999Z',
      groupId,
      actId: null,
      key: 'first-meeting',
      clause: '5.3.2',
      party: 'council',
      anchor: '2026-04-01',
    };
    await activities.recordObligationEvent(opened);
    await activities.recordObligationEvent(opened);
    expect(
      (
        await database.db
          .selectFrom('obligations')
          .select('due_date')
          .where('id', '=', 'ob-due')
          .executeTakeFirstOrThrow()
      ).due_date,
    ).toBe('2026-04-15');
    expect((await eventsOf('ob-due')).map((e) => e.type)).toEqual(['obligation.opened', 'obligation.due-date-changed']);
  });

  it('every fact retried is stored once: due date moved, reminders per rung with their recipients, escalation, late fulfilment', async () => {
    await openObligation('ob-life');
    const facts: ObligationEvent[] = [
      {
        obligationId: 'ob-life',
        type: 'reminder-sent',
        at: '2026-04-10T03:00:00.000Z',
        rung: 'due-3',
        due: '2026-04-15',
      },
      {
        obligationId: 'ob-life',
        type: 'due-changed',
        at: '2026-04-10T12:00:00.000Z',
        from: '2026-04-15',
        to: '2026-04-16',
      },
      {
        obligationId: 'ob-life',
        type: 'reminder-sent',
        at: '2026-04-15T03:00:00.000Z',
        rung: 'due-1',
        due: '2026-04-16',
      },
      {
        obligationId: 'ob-life',
        type: 'rung-skipped',
        at: '2026-04-15T03:00:00.000Z',
        rung: 'due-0',
        due: '2026-04-16',
      },
      { obligationId: 'ob-life', type: 'escalated', at: '2026-04-17T03:00:00.000Z', due: '2026-04-16' },
      {
        obligationId: 'ob-life',
        type: 'fulfilled',
        at: '2026-04-20T06:00:00.000Z',
        on: '2026-04-20',
        due: '2026-04-16',
        late: true,
      },
    ];
    await activities.sendReminder({
      obligationId: 'ob-life',
      key: 'first-meeting',
      clause: '5.3.2',
      party: 'council',
      anchor: '2026-04-01',
      due: '2026-04-15',
      dueInstant: '2026-04-15T17:59:59.999Z',
      rung: 'due-3',
      workingDaysBefore: 3,
    });
    for (const fact of facts) {
      await activities.recordObligationEvent(fact);
      await activities.recordObligationEvent(fact); // the retry after a lost completion
    }
    expect(await eventsOf('ob-life')).toEqual([
      { type: 'obligation.opened', idempotency_key: null },
      { type: 'obligation.reminder-sent', idempotency_key: 'obligation-reminder:ob-life:due-3' },
      {
        type: 'obligation.due-date-changed',
        idempotency_key: 'obligation-due:ob-life:2026-04-10T12:00:00.000Z:2026-04-16',
      },
      { type: 'obligation.reminder-sent', idempotency_key: 'obligation-reminder:ob-life:due-1' },
      { type: 'obligation.status-changed', idempotency_key: 'obligation-escalated:ob-life' },
      { type: 'obligation.status-changed', idempotency_key: 'obligation-met:ob-life' },
    ]);
    const row = await database.db
      .selectFrom('obligations')
      .selectAll()
      .where('id', '=', 'ob-life')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ due_date: '2026-04-16', status: 'met' });
    const reminders = await database.db
      .selectFrom('obligation_reminders')
      .select(['rung', 'recipients', 'sent_at'])
      .where('obligation_id', '=', 'ob-life')
      .orderBy('sent_at')
      .execute();
    expect(reminders.map((r) => [r.rung, r.recipients, r.sent_at.toISOString()])).toEqual([
      ['due-3', ['kenesh@ayil.kg'], '2026-04-10T03:00:00.000Z'],
      ['due-1', [], '2026-04-15T03:00:00.000Z'],
    ]);
    const history = await database.db
      .selectFrom('obligation_status_changes')
      .select(['status', 'reason'])
      .where('obligation_id', '=', 'ob-life')
      .orderBy('seq')
      .execute();
    expect(history).toEqual([
      { status: 'open', reason: null },
      { status: 'escalated', reason: 'overdue since 2026-04-16' },
      { status: 'met', reason: 'met on 2026-04-20, late (due 2026-04-16)' },
    ]);
  });

  it("the escalate activity and the workflow's 'escalated' fact record one status change between them", async () => {
    await openObligation('ob-esc');
    await activities.escalate({
      obligationId: 'ob-esc',
      key: 'first-meeting',
      clause: '5.3.2',
      party: 'council',
      anchor: '2026-04-01',
      due: '2026-04-08',
      dueInstant: '2026-04-08T17:59:59.999Z',
    });
    await activities.recordObligationEvent({
      obligationId: 'ob-esc',
      type: 'escalated',
      at: '2026-04-10T03:00:00.000Z',
      due: '2026-04-08',
    });
    const history = await database.db
      .selectFrom('obligation_status_changes')
      .select('status')
      .where('obligation_id', '=', 'ob-esc')
      .orderBy('seq')
      .execute();
    expect(history.map((h) => h.status)).toEqual(['open', 'escalated']);
    expect((await eventsOf('ob-esc')).filter((e) => e.type === 'obligation.status-changed')).toEqual([
      { type: 'obligation.status-changed', idempotency_key: 'obligation-escalated:ob-esc' },
    ]);
  });

  it.each<[string, ObligationEvent, string, string]>([
    [
      'an obligation never recorded',
      { obligationId: 'ob-nowhere', type: 'escalated', at: '2026-04-10T03:00:00.000Z', due: '2026-04-08' },
      'ObligationNotFound',
      'ob-nowhere',
    ],
    [
      'an instant that is not one',
      { obligationId: 'ob-life', type: 'escalated', at: 'yesterday', due: '2026-04-08' },
      'InvalidInput',
      'at "yesterday" is not an instant',
    ],
    [
      'a due date that is not a date',
      {
        obligationId: 'ob-life',
        type: 'due-changed',
        at: '2026-04-10T03:00:00.000Z',
        from: '2026-04-08',
        to: '2026-04-31',
      },
      'InvalidInput',
      'to "2026-04-31" is not a date',
    ],
    [
      "'opened' for a group nobody recorded",
      {
        obligationId: 'ob-orphan',
        type: 'opened',
        at: '2026-04-01T10:00:00.000Z',
        due: '2026-04-15',
        dueInstant: '2026-04-15T17:59:59.999Z',
        groupId: 'no-group',
        actId: null,
        key: 'first-meeting',
        clause: '5.3.2',
        party: 'council',
        anchor: '2026-04-01',
      },
      'GroupNotFound',
      'group no-group is not recorded',
    ],
  ])('refuses, without retries, %s', async (_what, event, type, message) => {
    const failure = await refusalOf(activities.recordObligationEvent(event));
    expect(failure.type).toBe(type);
    expect(failure.message).toContain(message);
  });
});

describe('publishNotice: a notice in Kyrgyz and Russian on its channels, once per key', () => {
  const formationNotice = () => ({
    noticeKey: `formation-notice-${groupId}`,
    councilId,
    groupId,
    kind: 'formation-notice',
    text: {
      ky: 'БМжБ тобун түзүү башталды (Жобонун 5.4.1-пункту).',
      ru: 'Начато формирование группы СМиО (пункт 5.4.1 Положения).',
    },
    channels: ['website' as const, 'notice_board' as const],
  });

  it('publishing twice stores one notice and one event; the second answer says so', async () => {
    const first = await activities.publishNotice(formationNotice());
    const second = await activities.publishNotice(formationNotice());
    expect(first).toEqual({
      noticeId: `formation-notice-${groupId}`,
      publishedAt: NOW.toISOString(),
      channels: ['website', 'notice_board'],
      created: true,
    });
    expect(second).toEqual({ ...first, created: false });
    const rows = await database.db.selectFrom('notices').selectAll().where('id', '=', first.noticeId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      council_id: councilId,
      group_id: groupId,
      kind: 'formation-notice',
      text_ky: formationNotice().text.ky,
      text_ru: formationNotice().text.ru,
      channels: ['website', 'notice_board'],
    });
    const log = await database.db
      .selectFrom('events')
      .select(['type', 'stream_id', 'idempotency_key'])
      .where('type', '=', 'notice.published')
      .where('idempotency_key', '=', `notice:${first.noticeId}`)
      .execute();
    expect(log).toEqual([
      { type: 'notice.published', stream_id: streams.group(groupId), idempotency_key: `notice:${first.noticeId}` },
    ]);
  });

  it('a council-wide notice goes to the council stream with its own publication instant', async () => {
    const out = await activities.publishNotice({
      noticeKey: 'council-hours',
      councilId,
      kind: 'information',
      text: { ky: 'Кабыл алуу убактысы', ru: 'Часы приёма' },
      channels: ['notice_board'],
      publishedAt: '2026-04-09T04:00:00.000Z',
    });
    expect(out).toMatchObject({ publishedAt: '2026-04-09T04:00:00.000Z', channels: ['notice_board'], created: true });
    expect(
      await database.db
        .selectFrom('events')
        .select('stream_id')
        .where('idempotency_key', '=', 'notice:council-hours')
        .execute(),
    ).toEqual([{ stream_id: streams.council(councilId) }]);
  });

  it.each([
    ['an unknown council', { councilId: 'nowhere' }, 'CouncilNotFound', 'council nowhere is not registered'],
    ['an unknown group', { groupId: 'no-group' }, 'GroupNotFound', 'group no-group is not recorded'],
    [
      'a text missing in Russian',
      { text: { ky: 'Кулактандыруу', ru: ' ' } },
      'InvalidInput',
      'text.ru must be a non-empty text',
    ],
    ['no channel', { channels: [] }, 'InvalidInput', 'channels must name at least one of website, notice_board'],
    [
      'an unknown channel',
      { channels: ['radio'] },
      'InvalidInput',
      'channels "radio" is not one of website, notice_board',
    ],
  ])('refuses, without retries, %s', async (_what, change, type, message) => {
    const input = { ...formationNotice(), noticeKey: `refused-${type}`, ...change } as Parameters<
      typeof activities.publishNotice
    >[0];
    const failure = await refusalOf(activities.publishNotice(input));
    expect(failure.type).toBe(type);
    expect(failure.message).toContain(message);
    expect(await database.db.selectFrom('notices').select('id').where('id', '=', `refused-${type}`).execute()).toEqual(
      [],
    );
  });

  it('refuses a group of another council', async () => {
    const failure = await refusalOf(
      activities.publishNotice({ ...formationNotice(), noticeKey: 'wrong-council', councilId: otherCouncilId }),
    );
    expect(failure.message).toContain(`belongs to council ${councilId}`);
  });
});

describe('appendDomainEvents: facts from a workflow, idempotent by key', () => {
  it('a retried append stores the events once and answers with the same positions', async () => {
    const input = {
      stream: streams.group(groupId),
      actor: `workflow:formation/${groupId}`,
      events: [
        {
          type: 'meeting.scheduled' as const,
          payload: {
            meetingId: 'm-1',
            groupId,
            kind: 'first' as const,
            date: '2026-05-04',
            time: '10:00',
            place: 'Айыл өкмөтү, 2-кабат',
          },
          idempotencyKey: 'meeting-scheduled:m-1',
          occurredAt: '2026-04-20T04:00:00.000Z',
        },
      ],
    };
    const first = await activities.appendDomainEvents(input);
    const second = await activities.appendDomainEvents(input);
    expect(first.appended).toBe(1);
    expect(second).toEqual({ ...first, appended: 0 });
    expect(
      await database.db
        .selectFrom('meetings')
        .select(['id', 'scheduled_on', 'place'])
        .where('id', '=', 'm-1')
        .execute(),
    ).toEqual([{ id: 'm-1', scheduled_on: '2026-05-04', place: 'Айыл өкмөтү, 2-кабат' }]);
    const stored = await database.db
      .selectFrom('events')
      .select('occurred_at')
      .where('idempotency_key', '=', 'meeting-scheduled:m-1')
      .executeTakeFirstOrThrow();
    expect(stored.occurred_at.toISOString()).toBe('2026-04-20T04:00:00.000Z');
  });

  it.each([
    ['an event without an idempotency key', { idempotencyKey: '' }, 'InvalidInput', 'idempotencyKey is required'],
    ['an unknown event type', { type: 'meeting.renamed' }, 'InvalidInput', 'unknown event type'],
    [
      'a fact about a meeting never scheduled',
      { type: 'meeting.held', payload: { meetingId: 'm-none', heldOn: '2026-05-04', present: 7 } },
      'EventRefused',
      'no row with id m-none',
    ],
  ])('refuses, without retries, %s, and stores nothing', async (_what, change, type, message) => {
    const event = {
      type: 'meeting.cancelled',
      payload: { meetingId: 'm-1', reason: null },
      idempotencyKey: `refused-${type}-${message}`,
      ...change,
    };
    const failure = await refusalOf(
      activities.appendDomainEvents({ stream: streams.group(groupId), actor: 'test', events: [event] } as Parameters<
        typeof activities.appendDomainEvents
      >[0]),
    );
    expect(failure.type).toBe(type);
    expect(failure.message).toContain(message);
    expect(
      (await database.db.selectFrom('meetings').select('status').where('id', '=', 'm-1').executeTakeFirstOrThrow())
        .status,
    ).toBe('scheduled');
  });

  it('refuses, without retries, a stale expected version', async () => {
    const failure = await refusalOf(
      activities.appendDomainEvents({
        stream: streams.group(groupId),
        actor: 'test',
        expectedVersion: 1,
        events: [{ type: 'meeting.cancelled', payload: { meetingId: 'm-1', reason: null }, idempotencyKey: 'stale' }],
      }),
    );
    expect(failure.type).toBe('StreamVersionConflict');
  });
});

it('the compile-time checks hold', () => {
  expect(contractMet).toBe(true);
});
