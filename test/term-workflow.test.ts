// The group's term procedure (5.3.1, 7.2) on Temporal's real time-skipping test server: a real worker with the bundled
// workflows, the real activities on a Postgres test database and a real SMTP server, with exact Bishkek dates.
// The group: 13 members (7 citizens, 3 deputies, 3 municipal employees), its term from Friday 20 November 2026 (the
// resolution's publication) to 20 November 2030. Mails and warnings go out at 09:00 Bishkek (03:00Z).
import { describe, expect, it } from 'vitest';
import { setCalendarEntry } from '../db/calendar-entries';
import { setCouncilCadenceReading } from '../db/councils';
import { streams } from '../db/events';
import { scheduledMeetings } from '../db/group-calendar';
import { tellRunningProcedures } from '../procedures/calendar/tell-procedures';
import {
  cancelMeeting,
  changeTermMembers,
  moveMeeting,
  recordAttendance,
  recordDecision,
  recordMinutes,
  scheduleMeeting,
} from '../procedures/term/meetings';
import { startTerm } from '../procedures/term/start-term';
import { termState } from '../procedures/term/term-state';
import { termWorkflowId, type TermState } from '../workflows/term/contract';
import { saveHistory, type History } from './support/history-fixtures';
import { requireServer, testServer } from './support/temporal-servers';
import { TERM_END, TERM_START, useTermRig, type TermWorld } from './support/term-rig';
import { type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();

describe.skipIf(!requireServer(server, 'term procedure scenarios'))(
  "the group's term (5.3.1, 7.2) on the time-skipping server",
  () => {
    const rig = useTermRig({ tag: 't', birthYear: (n) => 1940 + n * 13 });
    const { world, engineAt, begin, refused } = rig;

    async function state(engine: TimeSkippingEngine, groupId: string): Promise<TermState> {
      const s = await termState({ engine }, { groupId });
      if (s.source !== 'procedure') throw new Error(`no term procedure: ${s.reason}`);
      return s.state;
    }

    async function outbox(groupId: string): Promise<string[]> {
      const rows = await rig.database.db
        .selectFrom('mail_outbox')
        .select(['business_key', 'status', 'created_at'])
        .where('business_key', 'like', `term:${groupId}:%`)
        .orderBy('id')
        .execute();
      return rows.map((r) => `${r.business_key.slice(`term:${groupId}:`.length)} ${r.status}`);
    }

    const mailsTo = (address: string) => rig.smtp.received.filter((m) => m.envelopeTo.includes(address));
    const memberEmail = (w: TermWorld, i: number) => w.emails[i]!;

    async function events(groupId: string, prefix: string): Promise<string[]> {
      const rows = await rig.database.db
        .selectFrom('events')
        .select('type')
        .where('stream_id', '=', streams.group(groupId))
        .where('type', 'like', `${prefix}%`)
        .orderBy('stream_version')
        .execute();
      return rows.map((r) => r.type);
    }

    it('a meeting scheduled, moved and held with quorum, a second held without it; members told by mail; the calendar feed shows them', async () => {
      const w = await world();
      // Monday 7 December 2026, 10:00 in Bishkek.
      const engine = await engineAt('2026-12-07T04:00:00.000Z');
      const deps = { engine, now: () => engine.now() };
      await begin(engine, w);
      const { groupId } = w;
      const s0 = await state(engine, groupId);
      expect([s0.status, s0.termStart, s0.termEnd, s0.members.length, s0.run]).toEqual([
        'active',
        TERM_START,
        TERM_END,
        13,
        1,
      ]);
      expect(s0.quarter).toMatchObject({
        year: 2026,
        quarter: 4,
        warningOn: '2026-12-28',
        reading: 'at-most-once-per-quarter',
      });
      expect(s0.reminders).toEqual([
        { key: 'three-months', on: '2030-08-20', sent: false },
        { key: 'one-month', on: '2030-10-20', sent: false },
      ]);

      const meeting = {
        groupId,
        meetingId: 'm-1',
        date: '2026-12-18',
        time: '15:00',
        place: 'Айыл өкмөтүнүн чоң залы',
        agenda: '2027-жылдын иш планы (7.3.1)',
        actor: 'test:chair',
      };
      expect(await refused(scheduleMeeting(deps, { ...meeting, date: '2026-12-04' }))).toEqual([
        ['meeting-in-past', 'date', '7.2.1'],
      ]);
      expect(await refused(scheduleMeeting(deps, { ...meeting, time: '9:00', place: '' }))).toEqual([
        ['invalid-time', 'time', '7.2.1'],
        ['required', 'place', '7.2.1'],
      ]);
      expect(await refused(scheduleMeeting(deps, { ...meeting, date: '2030-11-20' }))).toEqual([
        ['meeting-after-term', 'date', '5.3.1'],
      ]);
      const scheduled = await scheduleMeeting(deps, meeting);
      expect(scheduled).toMatchObject({ meetingId: 'm-1', status: 'scheduled', date: '2026-12-18', moves: 0 });
      // The same id again: the same meeting, nothing new.
      expect(await scheduleMeeting(deps, meeting)).toEqual(scheduled);
      const told = mailsTo(memberEmail(w, 3));
      expect(told).toHaveLength(1);
      expect(told[0]!.envelopeTo).toHaveLength(13);
      expect(told[0]!.parsed.subject).toBe('Жыйналыш: 18.12.2026, 15:00 / Заседание: 18.12.2026, 15:00');
      expect(told[0]!.parsed.text).toContain('Күн тартиби: 2027-жылдын иш планы (7.3.1)');
      expect(told[0]!.parsed.text).toContain('Место: Айыл өкмөтүнүн чоң залы');
      // Members do not see each other's addresses.
      expect(told[0]!.parsed.text).not.toContain('@example.kg');
      expect(JSON.stringify(told[0]!.parsed.to ?? null)).not.toContain('@example.kg');
      expect(await scheduledMeetings(rig.database.db, groupId)).toEqual([
        { id: 'm-1', kind: 'regular', date: '2026-12-18', time: '15:00', place: 'Айыл өкмөтүнүн чоң залы' },
      ]);

      expect(
        await refused(
          moveMeeting(deps, { groupId, meetingId: 'm-1', date: '2026-12-01', time: '15:00', reason: null, actor: 'x' }),
        ),
      ).toEqual([['meeting-in-past', 'date', '7.2.1']]);
      const moved = await moveMeeting(deps, {
        groupId,
        meetingId: 'm-1',
        date: '2026-12-22',
        time: '14:30',
        reason: 'Төраганын иш сапары',
        actor: 'test:chair',
      });
      expect(moved).toMatchObject({ date: '2026-12-22', time: '14:30', moves: 1, place: meeting.place });
      expect(mailsTo(memberEmail(w, 3))).toHaveLength(2);
      expect(mailsTo(memberEmail(w, 3))[1]!.parsed.text).toContain('было: 18.12.2026, 15:00');
      expect((await scheduledMeetings(rig.database.db, groupId))[0]).toMatchObject({
        date: '2026-12-22',
        time: '14:30',
      });

      // Attendance only after the meeting: on 21 December it is refused.
      await engine.advanceTo('2026-12-21T06:00:00Z');
      const ids = w.members.map((m) => m.membershipId);
      expect(
        await refused(
          recordAttendance(deps, {
            groupId,
            meetingId: 'm-1',
            heldOn: '2026-12-22',
            presentMembershipIds: ids.slice(0, 8),
            actor: 'x',
          }),
        ),
      ).toEqual([['attendance-before-meeting', 'heldOn', '7.2.3']]);
      await engine.advanceTo('2026-12-22T12:00:00Z'); // 18:00 in Bishkek, after the meeting
      expect(
        await refused(
          recordAttendance(deps, {
            groupId,
            meetingId: 'm-1',
            heldOn: '2026-12-22',
            presentMembershipIds: [...ids, 'someone-else'],
            actor: 'x',
          }),
        ),
      ).toEqual([['attendance-exceeds-membership', 'presentMembershipIds', '7.2.3']]);
      const held = await recordAttendance(deps, {
        groupId,
        meetingId: 'm-1',
        heldOn: '2026-12-22',
        presentMembershipIds: ids.slice(0, 8),
        actor: 'test:chair',
      });
      expect(held.attendance).toMatchObject({ present: 8, total: 13, required: 7, quorate: true });
      expect(
        await refused(recordMinutes(deps, { groupId, meetingId: 'm-1', date: '', text: 'Протокол № 1', actor: 'x' })),
      ).toEqual([['invalid-date', 'date', '7.2.5']]);
      await recordMinutes(deps, {
        groupId,
        meetingId: 'm-1',
        date: '2026-12-22',
        text: 'Протокол № 1: иш планы кабыл алынды.',
        actor: 'x',
      });
      const plan = await recordDecision(deps, {
        groupId,
        meetingId: 'm-1',
        decisionId: 'd-1',
        text: '2027-жылдын иш планын бекитүү',
        votes: { for: 6, against: 1, abstained: 1 },
        actor: 'x',
      });
      expect(plan).toMatchObject({ taken: true, because: 'majority' });
      expect(await scheduledMeetings(rig.database.db, groupId)).toEqual([]);

      // Q1 2027: a meeting held by 6 of 13 is not quorate; its decision is recorded as not taken.
      await scheduleMeeting(deps, {
        ...meeting,
        meetingId: 'm-2',
        date: '2027-01-15',
        time: '10:00',
        agenda: 'Мониторинг объектилери',
      });
      await scheduleMeeting(deps, { ...meeting, meetingId: 'm-3', date: '2027-02-15', time: '10:00', agenda: 'Запас' });
      await cancelMeeting(deps, { groupId, meetingId: 'm-3', reason: 'Керек эмес', actor: 'x' });
      const cancelled = mailsTo(memberEmail(w, 3)).at(-1)!;
      expect(cancelled.parsed.subject).toBe('Жыйналыш жокко чыгарылды: 15.02.2027 / Заседание отменено: 15.02.2027');
      expect(cancelled.parsed.text).toContain('Причина: Керек эмес');
      await engine.advanceTo('2027-01-15T10:00:00Z');
      const s1 = await state(engine, groupId);
      expect([s1.run, s1.quarter?.year, s1.quarter?.quarter, s1.pastQuarters]).toEqual([
        2,
        2027,
        1,
        [{ year: 2026, quarter: 4, meetings: 1, warned: false }],
      ]);
      const notQuorate = await recordAttendance(deps, {
        groupId,
        meetingId: 'm-2',
        heldOn: '2027-01-15',
        presentMembershipIds: ids.slice(0, 6),
        actor: 'x',
      });
      expect(notQuorate.attendance).toMatchObject({ present: 6, required: 7, quorate: false });
      expect(
        await recordDecision(deps, {
          groupId,
          meetingId: 'm-2',
          decisionId: 'd-2',
          text: 'Мектептин ашканасын текшерүү',
          votes: { for: 6, against: 0, abstained: 0 },
          actor: 'x',
        }),
      ).toMatchObject({ taken: false, because: 'no-quorum' });

      const rows = await rig.database.db
        .selectFrom('meetings')
        .select(['id', 'status', 'scheduled_on', 'moves', 'present_count', 'quorate', 'minutes_date', 'cancel_reason'])
        .where('group_id', '=', groupId)
        .orderBy('id')
        .execute();
      expect(
        rows.map((r) => [
          r.id,
          r.status,
          String(r.scheduled_on).slice(0, 10),
          r.moves,
          r.present_count,
          r.quorate,
          r.minutes_date && String(r.minutes_date).slice(0, 10),
          r.cancel_reason,
        ]),
      ).toEqual([
        ['m-1', 'held', '2026-12-22', 1, 8, true, '2026-12-22', null],
        ['m-2', 'held', '2027-01-15', 0, 6, false, null, null],
        ['m-3', 'cancelled', '2027-02-15', 0, null, null, null, 'Керек эмес'],
      ]);
      const decisions = await rig.database.db
        .selectFrom('meeting_decisions')
        .select(['id', 'taken', 'because'])
        .where('meeting_id', 'in', ['m-1', 'm-2'])
        .orderBy('id')
        .execute();
      expect(decisions).toEqual([
        { id: 'd-1', taken: true, because: 'majority' },
        { id: 'd-2', taken: false, because: 'no-quorum' },
      ]);
      expect(
        await rig.database.db
          .selectFrom('meeting_attendance')
          .select('membership_id')
          .where('meeting_id', '=', 'm-1')
          .execute(),
      ).toHaveLength(8);
      expect(await events(groupId, 'meeting.')).toEqual([
        'meeting.scheduled',
        'meeting.moved',
        'meeting.held',
        'meeting.attendance-recorded',
        'meeting.minutes-recorded',
        'meeting.decision-recorded',
        'meeting.scheduled',
        'meeting.scheduled',
        'meeting.cancelled',
        'meeting.held',
        'meeting.attendance-recorded',
        'meeting.decision-recorded',
      ]);
      // Under the literal reading no quarter so far had two meetings: no warning went out.
      expect(await outbox(groupId)).toEqual([
        'meeting:m-1:scheduled:0 sent',
        'meeting:m-1:moved:1 sent',
        'meeting:m-2:scheduled:0 sent',
        'meeting:m-3:scheduled:0 sent',
        'meeting:m-3:cancelled:0 sent',
      ]);
      await saveHistory(await engine.history(termWorkflowId(groupId)), 'term-meetings');
    }, 180_000);

    it('a quarter without a meeting under the "at least once" reading: the chair and the council are warned on Friday 26 March 2027', async () => {
      const w = await world();
      await setCouncilCadenceReading(rig.database.db, w.councilId, 'at-least-once-per-quarter', 'test');
      const engine = await engineAt('2027-01-04T04:00:00.000Z');
      await begin(engine, w);
      const s = await state(engine, w.groupId);
      expect(s.quarter).toMatchObject({
        year: 2027,
        quarter: 1,
        warningOn: '2027-03-26',
        reading: 'at-least-once-per-quarter',
        state: 'no-meeting-yet',
        warned: false,
      });
      await engine.advanceTo('2027-03-26T02:59:00Z'); // 08:59 in Bishkek
      expect(await outbox(w.groupId)).toEqual([]);
      await engine.advanceTo('2027-03-26T03:01:00Z');
      expect(await outbox(w.groupId)).toEqual(['cadence:2027-Q1 sent']);
      const warning = mailsTo(w.councilEmail).at(-1)!;
      expect(warning.envelopeTo.sort()).toEqual([w.chairEmail, w.councilEmail].sort());
      expect(warning.parsed.text).toContain('Бул кварталда жыйналыш болгон жок');
      expect(warning.parsed.text).toContain('заканчивается 31.03.2027');
      expect(await events(w.groupId, 'term.')).toEqual(['term.started', 'term.cadence-warned']);
      expect((await state(engine, w.groupId)).quarter).toMatchObject({ warned: true });
      // Once only, and the next quarter is a new run.
      await engine.advanceTo('2027-04-01T03:00:00Z');
      expect(await outbox(w.groupId)).toEqual(['cadence:2027-Q1 sent']);
      expect((await state(engine, w.groupId)).pastQuarters).toEqual([
        { year: 2027, quarter: 1, meetings: 0, warned: true },
      ]);
      await saveHistory(await engine.history(termWorkflowId(w.groupId)), 'term-quarter-warning');
    }, 180_000);

    it("reminds 3 months and 1 month before the end, and on 20 November 2030 the group's term ends with a public notice", async () => {
      const w = await world();
      const engine = await engineAt('2030-08-01T04:00:00.000Z');
      await begin(engine, w);
      await engine.advanceTo('2030-08-20T02:59:00Z');
      expect(await outbox(w.groupId)).toEqual([]);
      await engine.advanceTo('2030-08-20T03:01:00Z');
      expect(await outbox(w.groupId)).toEqual(['term-end:three-months sent']);
      const first = mailsTo(w.chairEmail).at(-1)!;
      expect(first.parsed.subject).toBe(
        'Топтун мөөнөтү 20.11.2030 бүтөт (5.3.1) / Срок полномочий группы истекает 20.11.2030 (5.3.1)',
      );
      expect(first.parsed.text).toContain('через 3 месяца');
      expect(first.envelopeTo.sort()).toEqual([w.chairEmail, w.councilEmail].sort());
      await engine.advanceTo('2030-10-20T03:01:00Z');
      expect(await outbox(w.groupId)).toEqual(['term-end:three-months sent', 'term-end:one-month sent']);
      // The day before the end the group is still in office.
      await engine.advanceTo('2030-11-19T17:59:00Z'); // 23:59 on 19 November in Bishkek
      const group = () =>
        rig.database.db.selectFrom('groups').select('status').where('id', '=', w.groupId).executeTakeFirstOrThrow();
      expect((await group()).status).not.toBe('term-ended');
      expect((await state(engine, w.groupId)).status).toBe('active');
      await engine.advanceTo('2030-11-19T18:01:00Z'); // 00:01 on 20 November
      expect((await group()).status).toBe('term-ended');
      const term = await rig.database.db
        .selectFrom('group_terms')
        .selectAll()
        .where('group_id', '=', w.groupId)
        .executeTakeFirstOrThrow();
      expect([term.status, String(term.ended_on).slice(0, 10)]).toEqual(['term-ended', '2030-11-20']);
      const notice = await rig.database.db
        .selectFrom('notices')
        .selectAll()
        .where('id', '=', `term-ended-${w.groupId}`)
        .executeTakeFirstOrThrow();
      expect(notice.kind).toBe('term-ended');
      expect(notice.text_ky).toContain('5.3.1');
      expect(notice.text_ru).toContain(
        'Срок полномочий группы совместного мониторинга и оценки (20.11.2026 – 20.11.2030) истёк',
      );
      const handle = engine.client.workflow.getHandle(termWorkflowId(w.groupId));
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      expect(await events(w.groupId, 'term.')).toEqual([
        'term.started',
        'term.reminder-sent',
        'term.reminder-sent',
        'term.ended',
      ]);
      expect(await events(w.groupId, 'group.status')).toEqual(['group.status-changed']);
      // No meeting after the end (5.3.1): the procedure is over, a second start changes nothing.
      // Its last state stays readable.
      expect((await state(engine, w.groupId)).status).toBe('term-ended');
      const again = await startTerm(
        { engine },
        {
          groupId: w.groupId,
          councilId: w.councilId,
          termStart: TERM_START,
          members: w.members,
          chairMembershipId: w.chairMembershipId,
        },
      );
      expect(again.start).toBe('already-started');
      expect(
        await refused(
          scheduleMeeting(
            { engine, now: () => engine.now(), db: rig.database.db },
            {
              groupId: w.groupId,
              meetingId: 'late',
              date: '2030-12-01',
              time: '10:00',
              place: 'Зал',
              agenda: 'x',
              actor: 'x',
            },
          ),
        ),
      ).toEqual([['term-ended', 'groupId', '5.3.1']]);
      await saveHistory(await engine.history(termWorkflowId(w.groupId)), 'term-end');
    }, 180_000);

    it('the literal reading warns of a second meeting in a quarter three working days before it ends, on the council’s changed calendar; the quorum counts the current members', async () => {
      const w = await world();
      const engine = await engineAt('2027-04-05T04:00:00.000Z'); // Monday 5 April 2027
      const deps = { engine, now: () => engine.now(), db: rig.database.db };
      await begin(engine, w);
      expect((await state(engine, w.groupId)).quarter).toMatchObject({
        year: 2027,
        quarter: 2,
        warningOn: '2027-06-25',
        reading: 'at-most-once-per-quarter',
        state: 'ok',
      });
      const base = { groupId: w.groupId, time: '10:00', place: 'Зал', agenda: 'Мониторинг', actor: 'x' };
      await scheduleMeeting(deps, { ...base, meetingId: 'q2-a', date: '2027-05-10' });
      await scheduleMeeting(deps, { ...base, meetingId: 'q2-b', date: '2027-06-10' });
      expect((await state(engine, w.groupId)).quarter).toMatchObject({ meetings: 2, state: 'more-than-one' });
      // Four members left the group: the quorum of 7.2.3 counts the 9 current ones (5 needed, not 7).
      const current = w.members.slice(0, 9);
      const changed = await changeTermMembers(deps, {
        groupId: w.groupId,
        members: current,
        chairMembershipId: w.chairMembershipId,
        reason: '5.5: four members left',
        actor: 'staff',
      });
      expect(changed.members).toHaveLength(9);
      await engine.advanceTo('2027-05-10T10:00:00Z');
      const held = await recordAttendance(deps, {
        groupId: w.groupId,
        meetingId: 'q2-a',
        heldOn: '2027-05-10',
        presentMembershipIds: current.slice(0, 5).map((m) => m.membershipId),
        actor: 'x',
      });
      expect(held.attendance).toMatchObject({ present: 5, total: 9, required: 5, quorate: true });
      // The council makes Monday 28 June a day off: counting back from Wednesday 30 June, Tue 29, Fri 25, Thu 24.
      await setCalendarEntry(
        rig.database.db,
        w.councilId,
        { date: '2027-06-28', type: 'day-off', name: { ky: 'Дем алыш күн', ru: 'Выходной день' }, status: 'confirmed' },
        'test',
      );
      const told = await tellRunningProcedures(engine, rig.database.db, w.councilId, 'day off on 28 June 2027');
      expect(told.signalled).toContain(termWorkflowId(w.groupId));
      await engine.advanceBy(60_000);
      expect((await state(engine, w.groupId)).quarter).toMatchObject({ warningOn: '2027-06-24' });
      await engine.advanceTo('2027-06-24T02:59:00Z');
      expect(await outbox(w.groupId)).not.toContain('cadence:2027-Q2 sent');
      await engine.advanceTo('2027-06-24T03:01:00Z');
      expect(await outbox(w.groupId)).toContain('cadence:2027-Q2 sent');
      const warning = mailsTo(w.councilEmail).at(-1)!;
      expect(warning.parsed.text).toContain('В этом квартале проведено или назначено заседаний: 2.');
      expect(warning.parsed.text).toContain('не чаще одного раза в квартал');
      const warned = await rig.database.db
        .selectFrom('term_notices')
        .select(['notice_key', 'kind', 'on_date'])
        .where('group_id', '=', w.groupId)
        .execute();
      expect(warned.map((r) => [r.notice_key, r.kind, String(r.on_date).slice(0, 10)])).toEqual([
        ['cadence:2027-Q2', 'cadence-warning', '2027-06-24'],
      ]);
      await saveHistory(await engine.history(termWorkflowId(w.groupId)), 'term-literal-cadence');
    }, 180_000);

    it('a whole four-year term: every run of its history stays far below 10,240 events', async () => {
      const w = await world();
      const engine = await engineAt('2026-11-20T04:00:00.000Z');
      const deps = { engine, now: () => engine.now() };
      await begin(engine, w);
      // A meeting each year, each held with quorum.
      const ids = w.members.map((m) => m.membershipId);
      for (const year of [2027, 2028, 2029, 2030]) {
        await scheduleMeeting(deps, {
          groupId: w.groupId,
          meetingId: `y-${year}`,
          date: `${year}-06-10`,
          time: '10:00',
          place: 'Зал',
          agenda: `${year}-жылдын жыйынтыгы`,
          actor: 'x',
        });
        await engine.advanceTo(`${year}-06-10T10:00:00Z`);
        await recordAttendance(deps, {
          groupId: w.groupId,
          meetingId: `y-${year}`,
          heldOn: `${year}-06-10`,
          presentMembershipIds: ids.slice(0, 9),
          actor: 'x',
        });
      }
      await engine.advanceTo('2030-11-21T00:00:00Z');
      const handle = engine.client.workflow.getHandle(termWorkflowId(w.groupId));
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      // Walk the chain of runs back from the last one.
      const lengths: number[] = [];
      let runId: string | undefined = (await handle.describe()).runId;
      while (runId) {
        const history: History = await engine.client.workflow
          .getHandle(termWorkflowId(w.groupId), runId)
          .fetchHistory();
        lengths.unshift(history.events?.length ?? 0);
        const started: { continuedExecutionRunId?: string | null } | null | undefined =
          history.events?.[0]?.workflowExecutionStartedEventAttributes;
        runId = started?.continuedExecutionRunId || undefined;
      }
      const largest = Math.max(...lengths);
      const total = lengths.reduce((a, b) => a + b, 0);
      console.log(`term of 4 years: ${lengths.length} runs, ${total} events in all, the largest run ${largest} events`);
      expect(lengths.length).toBe(17);
      expect(largest).toBeLessThan(2_000);
      expect(await outbox(w.groupId)).toEqual(
        expect.arrayContaining(['term-end:three-months sent', 'term-end:one-month sent']),
      );
      const group = await rig.database.db
        .selectFrom('groups')
        .select('status')
        .where('id', '=', w.groupId)
        .executeTakeFirstOrThrow();
      expect(group.status).toBe('term-ended');
    }, 600_000);
  },
);
