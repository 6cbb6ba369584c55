// 5.4.8 over the group's term on Temporal's real time-skipping test server, with exact Bishkek dates: a citizen member
// leaves and the quorum base changes on that day, a community gathering elects the replacement (5.4.4) and the
// council's decision appoints them (a public notice names them); the chair leaves and a quorate meeting elects a new
// chair from the citizen members (5.4.6); a replacement in another category is refused with nothing written.
// The group: 13 members (7 citizens, 3 deputies, 3 municipal employees), its term from 20 November 2026.
import { describe, expect, it } from 'vitest';
import { streams } from '../db/events';
import { listPublicMembers } from '../db/members';
import { setCouncilReplacementPeriods } from '../db/replacement-periods';
import { recordAttendance, scheduleMeeting } from '../procedures/term/meetings';
import { appointReplacement, electChair, nominateReplacement, recordDeparture } from '../procedures/term/membership';
import { termWorkflowId } from '../workflows/term/contract';
import { saveHistory } from './support/history-fixtures';
import { requireServer, testServer } from './support/temporal-servers';
import { useTermRig } from './support/term-rig';

const server = testServer();

describe.skipIf(!requireServer(server, 'term membership scenarios'))(
  '5.4.8: departures and replacements over the term, on the time-skipping server',
  () => {
    const rig = useTermRig({ tag: 'j', birthYear: (n) => 1941 + n * 17 });
    const { world, engineAt, begin, refused } = rig;

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

    async function count(groupId: string): Promise<number> {
      const row = await rig.database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('stream_id', '=', streams.group(groupId))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    it('a citizen leaves: the quorum counts 12 from that day; a gathering elects the replacement, the council appoints them, a notice names them; another category is refused with nothing written', async () => {
      const w = await world();
      // Monday 7 December 2026, 10:00 in Bishkek.
      const engine = await engineAt('2026-12-07T04:00:00.000Z');
      const deps = { engine, now: () => engine.now(), db: rig.database.db };
      await begin(engine, w);
      const { groupId } = w;
      const ids = w.members.map((m) => m.membershipId);
      const leaver = w.members.find((m) => m.category === 'citizen' && m.fullName.endsWith('-2'))!;
      expect(leaver.category).toBe('citizen');
      for (const [meetingId, date] of [
        ['m-1', '2026-12-10'],
        ['m-2', '2026-12-15'],
      ] as const)
        await scheduleMeeting(deps, {
          groupId,
          meetingId,
          date,
          time: '15:00',
          place: 'Айыл өкмөтү',
          agenda: 'Иш планы',
          actor: 'test:chair',
        });

      // Monday 14 December: staff record that the member moved away on Friday 11 December.
      await engine.advanceTo('2026-12-14T04:00:00Z');
      const before = await count(groupId);
      const departure = {
        groupId,
        membershipId: leaver.membershipId,
        leftOn: '2026-12-11',
        reason: 'moved-away' as const,
        actor: 'test:staff',
      };
      expect(await refused(recordDeparture(deps, { ...departure, leftOn: '2026-12-15' }))).toEqual([
        ['date-in-future', 'leftOn', '5.4.8'],
      ]);
      expect(await refused(recordDeparture(deps, { ...departure, reason: 'other' }))).toEqual([
        ['required', 'note', null],
      ]);
      expect(await refused(recordDeparture(deps, { ...departure, membershipId: 'm-nobody' }))).toEqual([
        ['not-a-member', 'membershipId', '5.4.8'],
      ]);
      expect(await count(groupId)).toBe(before);
      const left = await recordDeparture(deps, departure);
      expect(left.state.members).toHaveLength(12);
      expect(left.state.departures).toEqual([
        { ...leaver, joinedOn: null, leftOn: '2026-12-11', reason: 'moved-away', note: null, wasChair: false },
      ]);
      expect(left.state.vacancies).toEqual([
        {
          vacancyId: leaver.membershipId,
          category: 'citizen',
          openedOn: '2026-12-11',
          nominateBy: null,
          nomination: null,
          filled: null,
        },
      ]);
      // The same departure again changes nothing.
      expect((await recordDeparture(deps, departure)).state.departures).toHaveLength(1);
      // 5.2 re-checked with its arithmetic: 12 members is an even number (5.2.1) until the vacancy is filled.
      expect(left.composition.size).toBe(12);
      expect(left.composition.counts.citizen).toBe(6);
      expect(left.composition.ok).toBe(false);
      expect(left.composition.arithmetic.length).toBeGreaterThan(0);
      expect(await events(groupId, 'member.removed')).toEqual(['member.removed']);
      expect(await events(groupId, 'term.vacancy')).toEqual(['term.vacancy-opened']);
      expect((await listPublicMembers(rig.database.db, groupId)).map((m) => m.membershipId)).not.toContain(
        leaver.membershipId,
      );

      // The meeting of 10 December (before the departure) counts 13 and the member who left was there;
      // the meeting of 15 December counts 12 and the member who left cannot be recorded present.
      const m1 = await recordAttendance(deps, {
        groupId,
        meetingId: 'm-1',
        heldOn: '2026-12-10',
        presentMembershipIds: ids.slice(0, 7),
        actor: 'test:chair',
      });
      expect(m1.attendance).toMatchObject({ total: 13, required: 7, present: 7, quorate: true });
      await engine.advanceTo('2026-12-15T12:00:00Z');
      const others = ids.filter((id) => id !== leaver.membershipId);
      const refusedM2 = await refused(
        recordAttendance(deps, {
          groupId,
          meetingId: 'm-2',
          heldOn: '2026-12-15',
          presentMembershipIds: [leaver.membershipId, ...others.slice(0, 6)],
          actor: 'x',
        }),
      );
      expect(refusedM2.map(([, field]) => field)).toEqual(['presentMembershipIds']);
      const m2 = await recordAttendance(deps, {
        groupId,
        meetingId: 'm-2',
        heldOn: '2026-12-15',
        presentMembershipIds: others.slice(0, 7),
        actor: 'test:chair',
      });
      expect(m2.attendance).toMatchObject({ total: 12, required: 7, present: 7, quorate: true });

      // Tuesday 22 December: the gathering of Saturday 19 December elected the replacement.
      await engine.advanceTo('2026-12-22T04:00:00Z');
      const nomination = {
        groupId,
        vacancyId: leaver.membershipId,
        nominee: { fullName: 'Айгүл Сыдыкова', category: 'citizen' as const },
        source: {
          kind: 'community-gathering' as const,
          ref: 'Жыйындын протоколу №4',
          date: '2026-12-19',
          participants: 40,
          votesFor: 31,
        },
        actor: 'test:staff',
      };
      const beforeRefusals = await count(groupId);
      expect(
        await refused(
          nominateReplacement(deps, { ...nomination, nominee: { ...nomination.nominee, category: 'deputy' } }),
        ),
      ).toEqual([['replacement-wrong-category', 'nominee.category', '5.4.8']]);
      expect(
        await refused(
          nominateReplacement(deps, { ...nomination, source: { ...nomination.source, kind: 'council-chair' } }),
        ),
      ).toEqual([['wrong-nomination-source', 'source.kind', '5.4.4']]);
      expect(
        await refused(nominateReplacement(deps, { ...nomination, source: { ...nomination.source, votesFor: 20 } })),
      ).toEqual([['no-gathering-majority', 'source.votesFor', '5.4.4']]);
      expect(
        await refused(
          nominateReplacement(deps, { ...nomination, source: { ...nomination.source, date: '2026-12-10' } }),
        ),
      ).toEqual([['nomination-before-vacancy', 'source.date', '5.4.8']]);
      const nominated = await nominateReplacement(deps, nomination);
      expect(nominated.nomination).toMatchObject({ fullName: 'Айгүл Сыдыкова', category: 'citizen', late: false });
      expect(await events(groupId, 'term.replacement')).toEqual(['term.replacement-nominated']);

      const appointment = {
        groupId,
        vacancyId: leaver.membershipId,
        decisionNumber: '97',
        decisionDate: '2026-12-22',
        person: {
          fullName: 'Айгүл Сыдыкова',
          sex: 'F' as const,
          birthDate: '1988-03-14',
          village: 'Кетмен-Дөбө',
          phone: '+996555123456',
          email: 'aigul@example.kg',
        },
        actor: 'test:staff',
      };
      const beforeAppoint = await count(groupId);
      expect(beforeAppoint).toBe(beforeRefusals + 1);
      // A replacement in another category than the vacancy: refused naming the field and 5.4.8, nothing written.
      expect(await refused(appointReplacement(deps, { ...appointment, category: 'deputy' }))).toEqual([
        ['replacement-wrong-category', 'category', '5.4.8'],
      ]);
      expect(
        await refused(
          appointReplacement(deps, { ...appointment, person: { ...appointment.person, fullName: 'Башка Адам' } }),
        ),
      ).toEqual([['not-the-nominee', 'person.fullName', '5.4.8']]);
      expect(await refused(appointReplacement(deps, { ...appointment, decisionDate: '2026-12-18' }))).toEqual([
        ['decision-before-nomination', 'decisionDate', '5.4.5'],
      ]);
      expect(await count(groupId)).toBe(beforeAppoint);
      expect(await events(groupId, 'member.added')).toHaveLength(13);

      const appointed = await appointReplacement(deps, { ...appointment, category: 'citizen' });
      expect(appointed.state.members).toHaveLength(13);
      const newcomer = appointed.state.members.find((m) => m.fullName === 'Айгүл Сыдыкова')!;
      expect(newcomer.category).toBe('citizen');
      expect(appointed.state.joinedOn).toEqual({ [newcomer.membershipId]: '2026-12-22' });
      expect(appointed.state.vacancies[0]!.filled).toEqual({
        membershipId: newcomer.membershipId,
        fullName: 'Айгүл Сыдыкова',
        decisionNumber: '97',
        decisionDate: '2026-12-22',
      });
      expect(appointed.composition.size).toBe(13);
      expect(appointed.composition.counts.citizen).toBe(7);
      // Idempotent: the same decision again writes nothing new.
      await appointReplacement(deps, appointment);
      expect(await events(groupId, 'member.added')).toHaveLength(14);
      expect(await events(groupId, 'term.replacement')).toEqual([
        'term.replacement-nominated',
        'term.replacement-appointed',
      ]);
      const notices = await rig.database.db
        .selectFrom('notices')
        .select(['kind', 'text_ky', 'text_ru'])
        .where('group_id', '=', groupId)
        .where('kind', '=', 'member-replaced')
        .execute();
      expect(notices).toHaveLength(1);
      expect(notices[0]!.text_ru).toContain('Айгүл Сыдыкова');
      expect(notices[0]!.text_ru).toContain(`вместо ${leaver.fullName} (переехал(а), 11.12.2026)`);
      expect(notices[0]!.text_ru).toContain('5.4.8');
      expect(notices[0]!.text_ky).toContain('№97');
      // Personal data never on the notice.
      expect(JSON.stringify(notices)).not.toContain('+996555123456');
      expect((await listPublicMembers(rig.database.db, groupId)).map((m) => m.fullName)).toContain('Айгүл Сыдыкова');

      // From the decision's date the new member counts: a meeting on 24 December has 13 members.
      await scheduleMeeting(deps, {
        groupId,
        meetingId: 'm-3',
        date: '2026-12-24',
        time: '15:00',
        place: 'Айыл өкмөтү',
        agenda: 'Жыл жыйынтыгы',
        actor: 'test:chair',
      });
      await engine.advanceTo('2026-12-24T12:00:00Z');
      const m3 = await recordAttendance(deps, {
        groupId,
        meetingId: 'm-3',
        heldOn: '2026-12-24',
        presentMembershipIds: [newcomer.membershipId, ...others.slice(0, 6)],
        actor: 'test:chair',
      });
      expect(m3.attendance).toMatchObject({ total: 13, required: 7, present: 7, quorate: true });
      // The history holds no personal data of the new member.
      const history = await engine.history(termWorkflowId(groupId));
      expect(JSON.stringify(history)).not.toContain('aigul@example.kg');
      expect(JSON.stringify(history)).not.toContain('1988-03-14');
      await saveHistory(history, 'term-member-replaced');
    });

    it('the chair leaves: the chair is vacant; a meeting without quorum cannot elect; the next quorate meeting elects a citizen, a deputy is refused naming 5.4.6', async () => {
      const w = await world();
      const engine = await engineAt('2026-12-07T04:00:00.000Z');
      const deps = { engine, now: () => engine.now(), db: rig.database.db };
      await begin(engine, w);
      const { groupId } = w;
      const left = await recordDeparture(deps, {
        groupId,
        membershipId: w.chairMembershipId,
        leftOn: '2026-12-07',
        reason: 'resigned',
        actor: 'test:staff',
      });
      expect(left.state.chairMembershipId).toBeNull();
      expect(left.state.chairVacantSince).toBe('2026-12-07');
      expect(left.state.departures[0]).toMatchObject({ wasChair: true, reason: 'resigned' });
      // 5.2 re-checked: 12 members (5.2.1).
      expect(left.composition.size).toBe(12);
      const rest = w.members.filter((m) => m.membershipId !== w.chairMembershipId);
      const citizen = rest.find((m) => m.category === 'citizen')!;
      const deputy = rest.find((m) => m.category === 'deputy')!;
      for (const [meetingId, date] of [
        ['m-1', '2026-12-09'],
        ['m-2', '2026-12-11'],
      ] as const)
        await scheduleMeeting(deps, {
          groupId,
          meetingId,
          date,
          time: '15:00',
          place: 'Айыл өкмөтү',
          agenda: 'Төраганы шайлоо (5.4.6)',
          actor: 'test:staff',
        });
      await engine.advanceTo('2026-12-09T12:00:00Z');
      const m1 = await recordAttendance(deps, {
        groupId,
        meetingId: 'm-1',
        heldOn: '2026-12-09',
        presentMembershipIds: rest.slice(0, 6).map((m) => m.membershipId),
        actor: 'test:staff',
      });
      expect(m1.attendance).toMatchObject({ total: 12, required: 7, quorate: false });
      const before = await count(groupId);
      expect(
        await refused(
          electChair(deps, { groupId, meetingId: 'm-1', membershipId: citizen.membershipId, votesFor: 6, actor: 'x' }),
        ),
      ).toEqual([['meeting-not-quorate', 'meetingId', '7.2.3']]);
      await engine.advanceTo('2026-12-11T12:00:00Z');
      await recordAttendance(deps, {
        groupId,
        meetingId: 'm-2',
        heldOn: '2026-12-11',
        presentMembershipIds: rest.slice(0, 9).map((m) => m.membershipId),
        actor: 'test:staff',
      });
      expect(
        await refused(
          electChair(deps, { groupId, meetingId: 'm-2', membershipId: deputy.membershipId, votesFor: 8, actor: 'x' }),
        ),
      ).toEqual([['chair-not-citizen', 'membershipId', '5.4.6']]);
      expect(
        await refused(
          electChair(deps, { groupId, meetingId: 'm-2', membershipId: citizen.membershipId, votesFor: 4, actor: 'x' }),
        ),
      ).toEqual([['no-majority', 'votesFor', '5.4.6']]);
      expect(await count(groupId)).toBe(before + 2); // only m-2's attendance (meeting.held, meeting.attendance-recorded)
      const elected = await electChair(deps, {
        groupId,
        meetingId: 'm-2',
        membershipId: citizen.membershipId,
        votesFor: 8,
        actor: 'test:staff',
      });
      expect(elected.state.chairMembershipId).toBe(citizen.membershipId);
      expect(elected.state.chairVacantSince).toBeNull();
      expect(elected.state.meetings.find((m) => m.meetingId === 'm-2')!.decisions).toEqual([
        expect.objectContaining({ decisionId: `chair-election-${citizen.membershipId}`, taken: true }),
      ]);
      const publicMembers = await listPublicMembers(rig.database.db, groupId);
      expect(publicMembers[0]).toMatchObject({ membershipId: citizen.membershipId, role: 'chair' });
      // A chair is in place: no second election.
      expect(
        await refused(
          electChair(deps, {
            groupId,
            meetingId: 'm-2',
            membershipId: rest.filter((m) => m.category === 'citizen')[1]!.membershipId,
            votesFor: 8,
            actor: 'x',
          }),
        ),
      ).toEqual([['chair-not-vacant', 'membershipId', '5.4.6']]);
      await saveHistory(await engine.history(termWorkflowId(groupId)), 'term-chair-replaced');
    });

    it('a deputy leaves: the vacancy is for the council chair to fill within 15 working days (5.4.3 applies to a replacement by default); later is recorded as late', async () => {
      const w = await world();
      const engine = await engineAt('2026-12-07T04:00:00.000Z');
      const deps = { engine, now: () => engine.now(), db: rig.database.db };
      await begin(engine, w);
      const { groupId } = w;
      const deputy = w.members.find((m) => m.category === 'deputy')!;
      const left = await recordDeparture(deps, {
        groupId,
        membershipId: deputy.membershipId,
        leftOn: '2026-12-07',
        reason: 'other',
        note: 'Кеңештен чыкты',
        actor: 'test:staff',
      });
      // 15 working days from Monday 7 December 2026 (no holidays in the test calendar before 28 December).
      expect(left.state.vacancies[0]).toMatchObject({ category: 'deputy', nominateBy: '2026-12-28' });
      await engine.advanceTo('2026-12-30T04:00:00Z');
      const late = await nominateReplacement(deps, {
        groupId,
        vacancyId: deputy.membershipId,
        nominee: { fullName: 'Бакыт Осмонов', category: 'deputy' },
        source: { kind: 'council-chair', ref: 'Төраганын буйругу №12', date: '2026-12-29' },
        actor: 'test:staff',
      });
      expect(late.nomination).toMatchObject({ late: true, source: { kind: 'council-chair', participants: null } });
    });
    it("a council that reads 5.4.2/5.4.3 as not applying to a replacement: a deputy's vacancy has no due day", async () => {
      const w = await world();
      const engine = await engineAt('2026-12-07T04:00:00.000Z');
      const deps = { engine, now: () => engine.now(), db: rig.database.db };
      await begin(engine, w);
      expect(await setCouncilReplacementPeriods(rig.database.db, w.councilId, false, 'test:staff')).toEqual({
        changed: true,
      });
      expect(await setCouncilReplacementPeriods(rig.database.db, w.councilId, false, 'test:staff')).toEqual({
        changed: false,
      });
      const employee = w.members.find((m) => m.category === 'municipal_employee')!;
      const left = await recordDeparture(deps, {
        groupId: w.groupId,
        membershipId: employee.membershipId,
        leftOn: '2026-12-07',
        reason: 'removed-by-council',
        actor: 'test:staff',
      });
      expect(left.state.vacancies[0]).toMatchObject({ category: 'municipal_employee', nominateBy: null });
      await saveHistory(await engine.history(termWorkflowId(w.groupId)), 'term-replacement-periods-off');
    });
  },
);
