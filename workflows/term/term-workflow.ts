// The group's term procedure (5.3.1, 7.2): one workflow per group from its creation to the end of its 4-year term.
// It keeps the members and the chair and the meetings (7.2.1: scheduled, moved, cancelled, members told by mail;
// 7.2.3: attendance and quorum, decisions not taken without it; minutes), warns the chair and the council three
// working days before a quarter ends when its cadence is off under the council's reading (7.2.2), reminds them 3 months
// and 1 month before the end, and on the end day sets the group's status to term-ended, publishes a notice and
// finishes. Each quarter (or when Temporal suggests it) it continues as new, carrying its state: its history stays
// bounded over the four years.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { calendarFromSlice } from '../../domain/calendar';
import { addDays, bishkekDateOf, compareDates, isIsoDate, type IsoDate } from '../../domain/dates';
import { addWorkingDays } from '../../domain/deadlines';
import { NOMINATION_WORKING_DAYS } from '../../domain/regulation';
import {
  checkAppointmentInput,
  checkChairCandidate,
  checkDepartureAgainst,
  checkDepartureInput,
  checkNominationInput,
  CATEGORY_WORDS,
  membersOn,
  REASON_WORDS,
} from '../../domain/term-membership';
import { checkParticipants, decisionBase } from '../../domain/decision-stand-aside';
import { loc } from '../../domain/i18n';
import { quarterOf, type Quarter } from '../../domain/meeting';
import { dmy } from '../../domain/messages';
import { describeProblems, problem, type Problem } from '../../domain/problem';
import { bishkekHourEpochMs, DEFAULT_REMINDER_HOUR } from '../../domain/reminders';
import {
  cadenceStateOf,
  cadenceWarningDate,
  checkAttendanceInput,
  checkCancelInput,
  checkDecisionInput,
  checkMinutesInput,
  checkMoveInput,
  checkScheduleInput,
  checkTermInput,
  decisionOutcome,
  isQuorate,
  quarterAfter,
  quorumRequired,
  termEndedProblem,
  termReminders,
} from '../../domain/term';
import type { TermActivities } from './activities-contract';
import {
  appointReplacementUpdate,
  electChairUpdate,
  nominateReplacementUpdate,
  recordDepartureUpdate,
  type AppointReplacementInput,
  type ElectChairInput,
  type NominateReplacementInput,
  type RecordDepartureInput,
  type TermDeparture,
  type TermVacancy,
  cancelMeetingUpdate,
  changeMembersUpdate,
  moveMeetingUpdate,
  recordAttendanceUpdate,
  recordDecisionUpdate,
  recordMinutesUpdate,
  scheduleMeetingUpdate,
  termCalendarChangedSignal,
  termStateQuery,
  type CadenceReading,
  type CancelMeetingInput,
  type ChangeMembersInput,
  type MoveMeetingInput,
  type RecordAttendanceInput,
  type RecordDecisionInput,
  type RecordMinutesInput,
  type ScheduleMeetingInput,
  type TermCarried,
  type TermDecision,
  type TermInput,
  type TermMeeting,
  type TermMember,
  type TermQuarterState,
  type TermReminderState,
  type TermState,
} from './contract';

const retry = { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };
const acts = proxyActivities<TermActivities>({ startToCloseTimeout: '1 minute', retry });

/** A run continues as new past this many history events even inside a quarter (Temporal warns at 10,240). */
export const TERM_HISTORY_EVENTS_LIMIT = 2_000;
/** Longest minutes or agenda text kept in the procedure's state (larger texts belong in the minutes' file). */
const MAX_TEXT = 20_000;

function refuse(problems: readonly Problem[]): void {
  if (problems.length > 0)
    throw ApplicationFailure.create({
      type: 'TermRefused',
      message: describeProblems(problems),
      details: [problems],
      nonRetryable: true,
    });
}

const tooLong = (field: string, text: unknown): Problem | null =>
  typeof text === 'string' && text.length > MAX_TEXT
    ? problem(
        'too-long',
        field,
        null,
        loc(
          `${field}: ${MAX_TEXT} белгиден ашпасын; толук текстти файл менен тиркеңиз.`,
          `${field}: не более ${MAX_TEXT} знаков; полный текст приложите файлом.`,
          `${field}: at most ${MAX_TEXT} characters; attach the full text as a file.`,
        ),
      )
    : null;

const noSuchMeeting = (meetingId: string): Problem =>
  problem(
    'unknown-meeting',
    'meetingId',
    '7.2.1',
    loc(`${meetingId} деген жыйналыш жок.`, `Заседания ${meetingId} нет.`, `There is no meeting ${meetingId}.`),
  );

const wrongStatus = (m: TermMeeting, wanted: string): Problem =>
  problem(
    `meeting-${m.status}`,
    'meetingId',
    '7.2.1',
    loc(
      `${dmy(m.date)} жыйналышы ${m.status === 'held' ? 'өтүп кеткен' : m.status === 'cancelled' ? 'жокко чыгарылган' : 'али өтө элек'}; ${wanted}.`,
      `Заседание ${dmy(m.date)} ${m.status === 'held' ? 'уже прошло' : m.status === 'cancelled' ? 'отменено' : 'ещё не прошло'}; ${wanted}.`,
      `The meeting of ${dmy(m.date)} is ${m.status === 'scheduled' ? 'not held yet' : m.status}; ${wanted}.`,
    ),
  );

const afterTerm = (field: string, date: IsoDate, termEnd: IsoDate): Problem | null =>
  compareDates(date, termEnd) >= 0
    ? problem(
        'meeting-after-term',
        field,
        '5.3.1',
        loc(
          `${dmy(date)} топтун ыйгарым укуктарынын мөөнөтүнөн (${dmy(termEnd)} күнүнө чейин) кийин (5.3.1).`,
          `${dmy(date)} — после окончания срока полномочий группы (до ${dmy(termEnd)}) (5.3.1).`,
          `${dmy(date)} is after the group's term of office (until ${dmy(termEnd)}) (5.3.1).`,
        ),
      )
    : null;

const quarterKey = (q: Pick<Quarter, 'year' | 'quarter'>): string => `cadence:${q.year}-Q${q.quarter}`;

/** Runs the group's term until its end (continuing as new each quarter). */
export async function termWorkflow(input: TermInput): Promise<TermState> {
  const { groupId, councilId, termStart, termEnd } = input;
  const hour = input.reminderHour ?? DEFAULT_REMINDER_HOUR;
  const stream = `group-${groupId}`;
  const actor = `workflow:term/${groupId}`;
  const carried: TermCarried | undefined = input.carried;
  const run = (carried?.run ?? 0) + 1;
  let members: TermMember[] = input.members;
  let chairMembershipId = input.chairMembershipId;
  let status: TermState['status'] = carried?.status ?? 'active';
  const meetings: TermMeeting[] = carried?.meetings ?? [];
  const pastQuarters: TermState['pastQuarters'] = carried?.pastQuarters ?? [];
  const warned = new Set<string>(carried?.warned ?? []);
  const reminders: TermReminderState[] =
    carried?.reminders ?? termReminders(termEnd).map((r) => ({ key: r.key, on: r.on, sent: false }));
  // 5.4.8: departures, vacancies, the chair's vacancy (5.4.6) and the days replacements joined.
  const departures: TermDeparture[] = carried?.membership?.departures ?? [];
  const vacancies: TermVacancy[] = carried?.membership?.vacancies ?? [];
  let chairVacantSince: IsoDate | null = carried?.membership?.chairVacantSince ?? null;
  const joinedOn: Record<string, IsoDate> = carried?.membership?.joinedOn ?? {};
  let quarter: TermQuarterState | null = null;
  let reading: CadenceReading = 'at-most-once-per-quarter';

  const today = () => bishkekDateOf(Date.now());
  const nowIso = () => new Date(Date.now()).toISOString();
  const key = (what: string) => `term:${groupId}:${what}`;
  const append = (events: { type: string; payload: object; idempotencyKey: string }[]) =>
    acts.appendDomainEvents({
      stream,
      actor,
      events: events.map((e) => ({ ...e, occurredAt: nowIso() })) as Parameters<
        typeof acts.appendDomainEvents
      >[0]['events'],
    });
  const find = (meetingId: string) => meetings.find((m) => m.meetingId === meetingId);
  const inQuarter = (q: Pick<Quarter, 'start' | 'end'>) =>
    meetings.filter(
      // 7.2.2 counts the group's own meetings; the community's annual gathering (7.2.4) is not one.
      (m) => m.status !== 'cancelled' && m.kind !== 'annual-gathering' && m.date >= q.start && m.date <= q.end,
    ).length;
  const quarterState = (): TermQuarterState | null => {
    if (!quarter) return null;
    const n = inQuarter(quarter);
    return {
      ...quarter,
      meetings: n,
      reading,
      state: cadenceStateOf(reading, n),
      warned: warned.has(quarterKey(quarter)),
    };
  };
  const state = (): TermState => ({
    groupId,
    councilId,
    status,
    today: today(),
    termStart,
    termEnd,
    members,
    chairMembershipId,
    meetings,
    quarter: quarterState(),
    pastQuarters,
    reminders,
    departures,
    vacancies,
    chairVacantSince,
    joinedOn,
    run,
  });
  /** 7.2.3 with 5.4.8: the members a meeting held on that day counts. */
  const countedOn = (heldOn: IsoDate): TermMember[] =>
    membersOn(
      heldOn,
      members.map((m) => ({ ...m, joinedOn: joinedOn[m.membershipId] ?? null })),
      departures,
    ).map((m) => ({ membershipId: m.membershipId, fullName: m.fullName, category: m.category }));
  const active = (field: string): Problem[] => (status === 'active' ? [] : [termEndedProblem(field, termEnd)]);
  const present = (ps: (Problem | null)[]): Problem[] => ps.filter((p): p is Problem => p !== null);
  const mailMembers = (
    m: TermMeeting,
    change: 'scheduled' | 'moved' | 'cancelled',
    seq: number,
    previous?: { date: IsoDate; time: string; place: string },
  ) =>
    acts.mailMeetingToMembers({
      groupId,
      councilId,
      change,
      seq,
      meeting: {
        meetingId: m.meetingId,
        kind: m.kind,
        date: m.date,
        time: m.time,
        place: m.place,
        agenda: m.agenda,
        cancelReason: m.cancelReason,
      },
      ...(previous ? { previous } : {}),
    });

  setHandler(termStateQuery, state);
  let calendarStale = false;
  setHandler(termCalendarChangedSignal, () => {
    calendarStale = true;
  });

  // 7.2.1: a meeting, scheduled; members are told.
  setHandler(
    scheduleMeetingUpdate,
    async (req: ScheduleMeetingInput) => {
      const existing = find(req.meetingId);
      if (existing) return existing;
      const meeting: TermMeeting = {
        meetingId: req.meetingId,
        kind: req.kind ?? 'regular',
        date: req.date,
        time: req.time,
        place: req.place.trim(),
        agenda: req.agenda.trim(),
        status: 'scheduled',
        moves: 0,
        cancelReason: null,
        attendance: null,
        minutes: null,
        decisions: [],
      };
      meetings.push(meeting);
      await append([
        {
          type: 'meeting.scheduled',
          idempotencyKey: key(`meeting:${meeting.meetingId}:scheduled`),
          payload: {
            meetingId: meeting.meetingId,
            groupId,
            kind: meeting.kind,
            date: meeting.date,
            time: meeting.time,
            place: meeting.place,
            agenda: meeting.agenda,
          },
        },
      ]);
      await mailMembers(meeting, 'scheduled', 0);
      return meeting;
    },
    {
      validator: (req: ScheduleMeetingInput) => {
        if (typeof req?.meetingId === 'string' && find(req.meetingId)) return;
        refuse(active('date'));
        const problems = checkScheduleInput(req, today());
        if (typeof req.meetingId !== 'string' || req.meetingId.trim() === '')
          problems.push(
            problem(
              'required',
              'meetingId',
              null,
              loc('meetingId керек.', 'Нужен meetingId.', 'meetingId is required.'),
            ),
          );
        if (problems.length === 0)
          problems.push(...present([afterTerm('date', req.date, termEnd), tooLong('agenda', req.agenda)]));
        refuse(problems);
      },
    },
  );

  setHandler(
    moveMeetingUpdate,
    async (req: MoveMeetingInput) => {
      const m = find(req.meetingId)!;
      const previous = { date: m.date, time: m.time, place: m.place };
      m.date = req.date;
      m.time = req.time;
      if (req.place !== undefined) m.place = req.place.trim();
      m.moves += 1;
      const seq = m.moves;
      await append([
        {
          type: 'meeting.moved',
          idempotencyKey: key(`meeting:${m.meetingId}:moved:${seq}`),
          payload: {
            meetingId: m.meetingId,
            groupId,
            date: m.date,
            time: m.time,
            place: m.place,
            reason: req.reason?.trim() || null,
          },
        },
      ]);
      await mailMembers(m, 'moved', seq, previous);
      return m;
    },
    {
      validator: (req: MoveMeetingInput) => {
        refuse(active('date'));
        const m = find(req.meetingId);
        if (!m) return refuse([noSuchMeeting(String(req.meetingId))]);
        if (m.status !== 'scheduled') return refuse([wrongStatus(m, 'it cannot be moved')]);
        const problems = checkMoveInput(req, today());
        if (problems.length === 0) problems.push(...present([afterTerm('date', req.date, termEnd)]));
        refuse(problems);
      },
    },
  );

  setHandler(
    cancelMeetingUpdate,
    async (req: CancelMeetingInput) => {
      const m = find(req.meetingId)!;
      if (m.status === 'cancelled') return m;
      m.status = 'cancelled';
      m.cancelReason = req.reason.trim();
      await append([
        {
          type: 'meeting.cancelled',
          idempotencyKey: key(`meeting:${m.meetingId}:cancelled`),
          payload: { meetingId: m.meetingId, reason: m.cancelReason },
        },
      ]);
      await mailMembers(m, 'cancelled', 0);
      return m;
    },
    {
      validator: (req: CancelMeetingInput) => {
        const m = find(req.meetingId);
        if (!m) return refuse([noSuchMeeting(String(req.meetingId))]);
        if (m.status === 'cancelled') return;
        if (m.status !== 'scheduled') return refuse([wrongStatus(m, 'it cannot be cancelled')]);
        refuse(checkCancelInput(req));
      },
    },
  );

  // 7.2.3: who attended, and the quorum of all current members.
  setHandler(
    recordAttendanceUpdate,
    async (req: RecordAttendanceInput) => {
      const m = find(req.meetingId)!;
      if (m.attendance) return m;
      // 5.4.8: from the day a member left, the quorum counts the smaller membership.
      const total = patched('member-departure') ? countedOn(req.heldOn).length : members.length;
      const present = req.presentMembershipIds.length;
      m.status = 'held';
      m.attendance = {
        heldOn: req.heldOn,
        presentMembershipIds: [...req.presentMembershipIds],
        present,
        total,
        required: quorumRequired(total),
        quorate: isQuorate(total, present),
      };
      await append([
        {
          type: 'meeting.held',
          idempotencyKey: key(`meeting:${m.meetingId}:held`),
          payload: { meetingId: m.meetingId, heldOn: req.heldOn, present },
        },
        {
          type: 'meeting.attendance-recorded',
          idempotencyKey: key(`meeting:${m.meetingId}:attendance`),
          payload: {
            meetingId: m.meetingId,
            groupId,
            heldOn: req.heldOn,
            presentMembershipIds: m.attendance.presentMembershipIds,
            total,
            required: m.attendance.required,
            quorate: m.attendance.quorate,
          },
        },
      ]);
      return m;
    },
    {
      validator: (req: RecordAttendanceInput) => {
        const m = find(req.meetingId);
        if (!m) return refuse([noSuchMeeting(String(req.meetingId))]);
        if (m.attendance) {
          const same =
            m.attendance.heldOn === req.heldOn &&
            Array.isArray(req.presentMembershipIds) &&
            [...req.presentMembershipIds].sort().join() === [...m.attendance.presentMembershipIds].sort().join();
          if (same) return;
          return refuse([wrongStatus(m, 'its attendance is already recorded')]);
        }
        if (m.status !== 'scheduled') return refuse([wrongStatus(m, 'no attendance can be recorded')]);
        refuse(
          checkAttendanceInput(req, today(), {
            scheduledOn: m.date,
            members: (typeof req.heldOn === 'string' ? countedOn(req.heldOn) : members).map((x) => x.membershipId),
          }),
        );
      },
    },
  );

  setHandler(
    recordMinutesUpdate,
    async (req: RecordMinutesInput) => {
      const m = find(req.meetingId)!;
      const n = m.minutes ? 2 : 1;
      m.minutes = { date: req.date, text: req.text.trim(), file: req.file ?? null };
      await append([
        {
          type: 'meeting.minutes-recorded',
          idempotencyKey: key(`meeting:${m.meetingId}:minutes:${req.date}:${m.minutes.text.length}:${n}`),
          payload: { meetingId: m.meetingId, groupId, date: req.date, text: m.minutes.text, file: m.minutes.file },
        },
      ]);
      return m;
    },
    {
      validator: (req: RecordMinutesInput) => {
        const m = find(req.meetingId);
        if (!m) return refuse([noSuchMeeting(String(req.meetingId))]);
        if (!m.attendance) return refuse([wrongStatus(m, 'record who attended first')]);
        const problems = checkMinutesInput(req, today());
        if (problems.length === 0 && compareDates(req.date, m.attendance.heldOn) < 0)
          problems.push(
            problem(
              'minutes-before-meeting',
              'date',
              '7.2.5',
              loc(
                `Протокол жыйналыштан (${dmy(m.attendance.heldOn)}) мурун түзүлбөйт.`,
                `Протокол не может быть датирован раньше заседания (${dmy(m.attendance.heldOn)}).`,
                `The minutes cannot be dated before the meeting (${dmy(m.attendance.heldOn)}).`,
              ),
            ),
          );
        problems.push(...present([tooLong('text', req.text)]));
        refuse(problems);
      },
    },
  );

  // 7.2.3: a decision with its votes; without quorum it is recorded as not taken.
  setHandler(
    recordDecisionUpdate,
    async (req: RecordDecisionInput): Promise<TermDecision> => {
      const m = find(req.meetingId)!;
      const existing = m.decisions.find((d) => d.decisionId === req.decisionId);
      if (existing) return existing;
      const a = m.attendance!;
      // 6.4: those standing aside take no part; 7.2.3's majority is over the present who may take part (decisionBase).
      const stoodAside = [...(req.stoodAsideMembershipIds ?? [])];
      const participants =
        req.participantMembershipIds ?? a.presentMembershipIds.filter((id) => !stoodAside.includes(id));
      const outcome = decisionOutcome(a.quorate, decisionBase(a.present, stoodAside.length), req.votes.for);
      const decision: TermDecision = {
        decisionId: req.decisionId,
        text: req.text.trim(),
        votes: { for: req.votes.for, against: req.votes.against, abstained: req.votes.abstained },
        ...outcome,
        subject: req.subject ?? null,
        participantMembershipIds: [...participants],
        stoodAsideMembershipIds: stoodAside,
      };
      m.decisions.push(decision);
      await append([
        {
          type: 'meeting.decision-recorded',
          idempotencyKey: key(`meeting:${m.meetingId}:decision:${decision.decisionId}`),
          payload: {
            meetingId: m.meetingId,
            groupId,
            decisionId: decision.decisionId,
            text: decision.text,
            votesFor: decision.votes.for,
            votesAgainst: decision.votes.against,
            votesAbstained: decision.votes.abstained,
            taken: decision.taken,
            because: decision.because,
            subject: decision.subject ?? null,
            participantMembershipIds: decision.participantMembershipIds ?? [],
            stoodAsideMembershipIds: decision.stoodAsideMembershipIds ?? [],
          },
        },
      ]);
      return decision;
    },
    {
      validator: (req: RecordDecisionInput) => {
        const m = find(req.meetingId);
        if (!m) return refuse([noSuchMeeting(String(req.meetingId))]);
        if (m.decisions.some((d) => d.decisionId === req.decisionId)) return;
        if (!m.attendance) return refuse([wrongStatus(m, 'record who attended first')]);
        const problems = checkDecisionInput(req, m.attendance.present);
        const presentIds = m.attendance.presentMembershipIds;
        const aside = Array.isArray(req.stoodAsideMembershipIds) ? req.stoodAsideMembershipIds : [];
        if (problems.length === 0) {
          // 6.4: no one stands aside who was not present; a listed participant is present and not standing aside.
          const checked = checkParticipants({
            presentMembershipIds: presentIds,
            stoodAside: aside.filter((id) => presentIds.includes(id)),
            participants: Array.isArray(req.participantMembershipIds) ? req.participantMembershipIds : null,
            votes: req.votes,
          });
          problems.push(...checked.conflicts, ...checked.input);
        }
        if (typeof req.decisionId !== 'string' || req.decisionId.trim() === '')
          problems.push(
            problem(
              'required',
              'decisionId',
              null,
              loc('decisionId керек.', 'Нужен decisionId.', 'decisionId is required.'),
            ),
          );
        problems.push(...present([tooLong('text', req.text)]));
        refuse(problems);
      },
    },
  );

  setHandler(
    changeMembersUpdate,
    (req: ChangeMembersInput) => {
      if (req.joinedOn)
        for (const m of req.members)
          if (!members.some((x) => x.membershipId === m.membershipId)) joinedOn[m.membershipId] = req.joinedOn;
      members = req.members.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName, category: m.category }));
      chairMembershipId = req.chairMembershipId;
      return Promise.resolve(state());
    },
    {
      validator: (req: ChangeMembersInput) => {
        refuse(active('members'));
        refuse(
          checkTermInput({
            termStart,
            termEnd,
            members: Array.isArray(req?.members) ? req.members : [],
            chairMembershipId: req?.chairMembershipId ?? null,
          }),
        );
        if (req?.joinedOn !== undefined && !(typeof req.joinedOn === 'string' && isIsoDate(req.joinedOn)))
          refuse([
            problem(
              'date',
              'joinedOn',
              null,
              loc('Күндү ЖЖЖЖ-АА-КК түрүндө жазыңыз.', 'Дата в виде ГГГГ-ММ-ДД.', 'A date as YYYY-MM-DD.'),
            ),
          ]);
      },
    },
  );

  // 5.4.8: a member left. The quorum counts the smaller membership from that day; a vacancy opens in the member's
  // category; the chair's departure leaves the chair vacant until a quorate meeting elects a new one (5.4.6).
  const openVacancies = () => vacancies.filter((v) => v.filled === null);
  setHandler(
    recordDepartureUpdate,
    async (req: RecordDepartureInput): Promise<TermState> => {
      if (departures.some((d) => d.membershipId === req.membershipId)) return state();
      const m = members.find((x) => x.membershipId === req.membershipId)!;
      const wasChair = chairMembershipId === m.membershipId;
      members = members.filter((x) => x.membershipId !== m.membershipId);
      if (wasChair) {
        chairMembershipId = null;
        chairVacantSince = req.leftOn;
      }
      const note = req.note?.trim() || null;
      departures.push({
        membershipId: m.membershipId,
        fullName: m.fullName,
        category: m.category,
        joinedOn: joinedOn[m.membershipId] ?? null,
        leftOn: req.leftOn,
        reason: req.reason,
        note,
        wasChair,
      });
      const vacancy: TermVacancy = {
        vacancyId: m.membershipId,
        category: m.category,
        openedOn: req.leftOn,
        nominateBy: null,
        nomination: null,
        filled: null,
      };
      vacancies.push(vacancy);
      // 5.4.2/5.4.3 apply to a replacement (the default reading): 15 working days from the vacancy; 5.4.4 sets none.
      // The council may read them otherwise (a setting; patched: departures recorded before it never asked).
      const periods =
        m.category !== 'citizen' &&
        (!patched('replacement-periods-setting') ||
          (await acts.loadTermSettings({ councilId })).replacementPeriods !== false);
      if (periods) {
        const slice = await acts.loadCalendar({ from: req.leftOn, to: addDays(req.leftOn, 60), councilId });
        vacancy.nominateBy = addWorkingDays(calendarFromSlice(slice), req.leftOn, NOMINATION_WORKING_DAYS);
      }
      await append([
        {
          type: 'member.removed',
          idempotencyKey: key(`member:${m.membershipId}:left`),
          payload: {
            groupId,
            membershipId: m.membershipId,
            leftOn: req.leftOn,
            reason: `${req.reason}${note ? `: ${note}` : ''}`,
          },
        },
        {
          type: 'term.vacancy-opened',
          idempotencyKey: key(`vacancy:${m.membershipId}:opened`),
          payload: {
            groupId,
            vacancyId: m.membershipId,
            category: m.category,
            openedOn: req.leftOn,
            reason: req.reason,
            chair: wasChair,
            nominateBy: vacancy.nominateBy,
          },
        },
      ]);
      return state();
    },
    {
      validator: (req: RecordDepartureInput) => {
        const done = departures.find((d) => d.membershipId === req?.membershipId);
        if (done && done.leftOn === req.leftOn && done.reason === req.reason) return;
        refuse(active('leftOn'));
        refuse(checkDepartureInput(req, today()));
        refuse(
          checkDepartureAgainst(req, {
            members: members.map((x) => ({ membershipId: x.membershipId, joinedOn: joinedOn[x.membershipId] ?? null })),
          }),
        );
        refuse(present([afterTerm('leftOn', req.leftOn, termEnd)]));
      },
    },
  );

  // 5.4.8 with 5.4.2-5.4.4: the replacement named by the source of the vacancy's category.
  setHandler(
    nominateReplacementUpdate,
    async (req: NominateReplacementInput): Promise<TermVacancy> => {
      const v = vacancies.find((x) => x.vacancyId === req.vacancyId)!;
      if (v.nomination) return v;
      v.nomination = {
        fullName: req.nominee.fullName.trim(),
        category: req.nominee.category,
        source: {
          kind: req.source.kind,
          ref: req.source.ref.trim(),
          date: req.source.date,
          participants: req.source.participants ?? null,
          votesFor: req.source.votesFor ?? null,
        },
        late: v.nominateBy !== null && compareDates(req.source.date, v.nominateBy) > 0,
      };
      await append([
        {
          type: 'term.replacement-nominated',
          idempotencyKey: key(`vacancy:${v.vacancyId}:nominated`),
          payload: { groupId, vacancyId: v.vacancyId, ...v.nomination },
        },
      ]);
      return v;
    },
    {
      validator: (req: NominateReplacementInput) => {
        const v = vacancies.find((x) => x.vacancyId === req?.vacancyId && x.filled === null);
        if (v?.nomination && v.nomination.fullName === req.nominee?.fullName?.trim()) return;
        refuse(active('vacancyId'));
        if (v?.nomination)
          return refuse([
            problem(
              'already-nominated',
              'vacancyId',
              '5.4.8',
              loc(
                `Бул бош оронго ${v.nomination.fullName} көрсөтүлгөн; кеңештин чечимин күтөт.`,
                `На эту вакансию уже выдвинут(а) ${v.nomination.fullName}; ожидается решение кенеша.`,
                `${v.nomination.fullName} is already nominated for this vacancy; the council's decision is awaited.`,
              ),
            ),
          ]);
        refuse(checkNominationInput(req, today(), openVacancies()));
      },
    },
  );

  // 5.4.8 with 5.4.5: the council's decision appoints the nominee; a member from the decision's date; a public notice.
  setHandler(
    appointReplacementUpdate,
    async (req: AppointReplacementInput): Promise<TermState> => {
      const v = vacancies.find((x) => x.vacancyId === req.vacancyId)!;
      if (v.filled) return state();
      const fullName = req.fullName.trim();
      v.filled = {
        membershipId: req.membershipId,
        fullName,
        decisionNumber: req.decisionNumber.trim(),
        decisionDate: req.decisionDate,
      };
      members = [...members, { membershipId: req.membershipId, fullName, category: v.category }];
      joinedOn[req.membershipId] = req.decisionDate;
      await append([
        {
          type: 'term.replacement-appointed',
          idempotencyKey: key(`vacancy:${v.vacancyId}:appointed`),
          payload: {
            groupId,
            vacancyId: v.vacancyId,
            membershipId: req.membershipId,
            fullName,
            category: v.category,
            decisionNumber: v.filled.decisionNumber,
            decisionDate: req.decisionDate,
          },
        },
      ]);
      const left = departures.find((d) => d.membershipId === v.vacancyId);
      const c = CATEGORY_WORDS[v.category];
      const r = left ? REASON_WORDS[left.reason] : null;
      await acts.publishNotice({
        noticeKey: `member-replaced-${groupId}-${v.vacancyId}`,
        councilId,
        groupId,
        kind: 'member-replaced',
        text: {
          ky: `Айылдык кеңештин ${dmy(req.decisionDate)} №${v.filled.decisionNumber} чечими менен ${fullName} (${c.ky}) биргелешкен мониторинг жана баалоо тобунун мүчөсү болуп дайындалды${left ? `; ${left.fullName} (${r!.ky}, ${dmy(left.leftOn)}) ордуна` : ''} (Жобонун 5.4.8-пункту).`,
          ru: `Решением айылного кенеша от ${dmy(req.decisionDate)} № ${v.filled.decisionNumber} членом группы совместного мониторинга и оценки назначен(а) ${fullName} (${c.ru})${left ? ` вместо ${left.fullName} (${r!.ru}, ${dmy(left.leftOn)})` : ''} (пункт 5.4.8 Положения).`,
        },
        channels: ['website', 'notice_board'],
      });
      return state();
    },
    {
      validator: (req: AppointReplacementInput) => {
        const v = vacancies.find((x) => x.vacancyId === req?.vacancyId);
        if (v?.filled && v.filled.membershipId === req.membershipId) return;
        refuse(active('decisionDate'));
        const problems = checkAppointmentInput(req, today(), openVacancies());
        if (problems.length === 0 && v?.nomination && v.nomination.fullName !== req.fullName?.trim())
          problems.push(
            problem(
              'not-the-nominee',
              'fullName',
              '5.4.8',
              loc(
                `Кеңеш көрсөтүлгөн талапкерди (${v.nomination.fullName}) дайындайт.`,
                `Кенеш назначает выдвинутого кандидата (${v.nomination.fullName}).`,
                `The council appoints the nominee (${v.nomination.fullName}).`,
              ),
            ),
          );
        if (problems.length === 0) problems.push(...present([afterTerm('decisionDate', req.decisionDate, termEnd)]));
        if (
          typeof req.membershipId !== 'string' ||
          req.membershipId === '' ||
          members.some((m) => m.membershipId === req.membershipId)
        )
          problems.push(
            problem(
              'required',
              'membershipId',
              null,
              loc('membershipId керек.', 'Нужен membershipId.', 'membershipId is required.'),
            ),
          );
        refuse(problems);
      },
    },
  );

  // 5.4.6: after the chair left, a quorate meeting's record elects the new chair from the citizen members.
  setHandler(
    electChairUpdate,
    async (req: ElectChairInput): Promise<TermState> => {
      if (chairMembershipId === req.membershipId) return state();
      const m = find(req.meetingId)!;
      chairMembershipId = req.membershipId;
      chairVacantSince = null;
      const elected = members.find((x) => x.membershipId === req.membershipId)!;
      const a = m.attendance!;
      const decision: TermDecision = {
        decisionId: `chair-election-${req.membershipId}`,
        text: `5.4.6: ${elected.fullName} elected chair of the group`,
        votes: { for: req.votesFor, against: 0, abstained: a.present - req.votesFor },
        taken: true,
        because: 'majority',
      };
      m.decisions.push(decision);
      await append([
        {
          type: 'member.role-changed',
          idempotencyKey: key(`chair:${req.membershipId}:elected:${m.meetingId}`),
          payload: { groupId, membershipId: req.membershipId, role: 'chair' },
        },
        {
          type: 'meeting.decision-recorded',
          idempotencyKey: key(`meeting:${m.meetingId}:decision:${decision.decisionId}`),
          payload: {
            meetingId: m.meetingId,
            groupId,
            decisionId: decision.decisionId,
            text: decision.text,
            votesFor: decision.votes.for,
            votesAgainst: decision.votes.against,
            votesAbstained: decision.votes.abstained,
            taken: true,
            because: 'majority',
          },
        },
      ]);
      return state();
    },
    {
      validator: (req: ElectChairInput) => {
        if (chairMembershipId !== null && chairMembershipId === req?.membershipId) return;
        refuse(active('membershipId'));
        if (chairVacantSince === null)
          return refuse([
            problem(
              'chair-not-vacant',
              'membershipId',
              '5.4.6',
              loc(
                'Топтун төрагасы бар; жаңы төрага ал кеткенден кийин гана шайланат.',
                'У группы есть председатель; новый избирается только после его выбытия.',
                'The group has a chair; a new one is elected only after the chair has left.',
              ),
            ),
          ]);
        const m = find(req.meetingId);
        if (!m) return refuse([noSuchMeeting(String(req.meetingId))]);
        if (!m.attendance) return refuse([wrongStatus(m, 'record who attended first')]);
        const problems: Problem[] = [];
        if (!m.attendance.quorate || compareDates(m.attendance.heldOn, chairVacantSince) < 0)
          problems.push(
            problem(
              'meeting-not-quorate',
              'meetingId',
              '7.2.3',
              loc(
                `Төрага ${dmy(chairVacantSince)} кийинки кворуму бар жыйналышта шайланат.`,
                `Председатель избирается на правомочном заседании после ${dmy(chairVacantSince)}.`,
                `The chair is elected at a quorate meeting held on or after ${dmy(chairVacantSince)}.`,
              ),
            ),
          );
        problems.push(...checkChairCandidate(String(req.membershipId), members));
        if (
          !Number.isInteger(req.votesFor) ||
          req.votesFor * 2 <= m.attendance.present ||
          req.votesFor > m.attendance.present
        )
          problems.push(
            problem(
              'no-majority',
              'votesFor',
              '5.4.6',
              loc(
                `Ачык добуш берүүдө катышкан ${m.attendance.present} мүчөнүн көпчүлүгү керек.`,
                `Нужно большинство из ${m.attendance.present} присутствующих при открытом голосовании.`,
                `An open vote with a majority of the ${m.attendance.present} present is needed.`,
              ),
            ),
          );
        refuse(problems);
      },
    },
  );

  // The first run records the term's start; a run started after a reminder's day passes it over.
  if (run === 1) {
    refuse(checkTermInput({ termStart, termEnd, members, chairMembershipId }));
    await append([
      {
        type: 'term.started',
        idempotencyKey: key('started'),
        payload: { groupId, councilId, termStart, termEnd },
      },
    ]);
    for (const r of reminders) if (compareDates(r.on, today()) < 0) warned.add(`skipped:${r.key}`);
  }

  reading = (await acts.loadTermSettings({ councilId })).cadenceReading;
  const q = quarterOf(today());
  const slice = await acts.loadCalendar({ from: q.start, to: q.end, councilId });
  let warningOn = cadenceWarningDate(calendarFromSlice(slice), q);
  quarter = {
    year: q.year,
    quarter: q.quarter,
    start: q.start,
    end: q.end,
    warningOn,
    meetings: 0,
    reading,
    state: 'ok',
    warned: false,
  };
  // 7.2.2: a quarter the term starts in after its warning day, or one the term ends in before it, is not warned about.
  const warnable = () => compareDates(warningOn, termStart) >= 0 && compareDates(warningOn, termEnd) < 0;
  if (run === 1 && compareDates(warningOn, today()) < 0) warned.add(`checked:${quarterKey(q)}`);
  const nextQuarterStart = quarterAfter(q).start;

  const endAt = bishkekHourEpochMs(termEnd, 0);
  const rolloverAt = bishkekHourEpochMs(nextQuarterStart, 0);

  async function sendWarning(): Promise<void> {
    const k = quarterKey(q);
    warned.add(`checked:${k}`);
    // The council may have chosen another reading since the quarter began.
    reading = (await acts.loadTermSettings({ councilId })).cadenceReading;
    const n = inQuarter(q);
    const cadence = cadenceStateOf(reading, n);
    if (cadence === 'ok') return;
    warned.add(k);
    await acts.mailTermNotice({
      groupId,
      councilId,
      key: k,
      what: {
        kind: 'cadence-warning',
        quarter: { year: q.year, quarter: q.quarter, end: q.end },
        reading,
        meetings: n,
      },
    });
    await append([
      {
        type: 'term.cadence-warned',
        idempotencyKey: key(k),
        payload: { groupId, year: q.year, quarter: q.quarter, on: today(), reading, state: cadence, meetings: n },
      },
    ]);
  }

  async function sendReminder(r: TermReminderState): Promise<void> {
    const months = r.key === 'three-months' ? 3 : 1;
    await acts.mailTermNotice({
      groupId,
      councilId,
      key: `term-end:${r.key}`,
      what: { kind: 'term-reminder', monthsBefore: months, termEnd },
    });
    await append([
      {
        type: 'term.reminder-sent',
        idempotencyKey: key(`term-end:${r.key}`),
        payload: { groupId, key: r.key, on: today(), termEnd },
      },
    ]);
    r.sent = true;
  }

  async function endTerm(): Promise<void> {
    status = 'term-ended';
    await append([
      {
        type: 'group.status-changed',
        idempotencyKey: key('status:term-ended'),
        payload: {
          groupId,
          status: 'term-ended',
          reason: `5.3.1: the term of office that started on ${termStart} ended on ${termEnd}`,
        },
      },
      { type: 'term.ended', idempotencyKey: key('ended'), payload: { groupId, termEnd } },
    ]);
    await acts.publishNotice({
      noticeKey: `term-ended-${groupId}`,
      councilId,
      groupId,
      kind: 'term-ended',
      text: {
        ky: `Биргелешкен мониторинг жана баалоо тобунун ыйгарым укуктарынын мөөнөтү (${dmy(termStart)} – ${dmy(termEnd)}) бүттү (Жобонун 5.3.1-пункту). Топтун атынан жаңы жыйналыш, акт же суроо-талап башталбайт; айылдык кеңеш жаңы курамды түзөт.`,
        ru: `Срок полномочий группы совместного мониторинга и оценки (${dmy(termStart)} – ${dmy(termEnd)}) истёк (пункт 5.3.1 Положения). Новые заседания, акты и запросы от имени группы не начинаются; айылный кенеш формирует новый состав.`,
      },
      channels: ['website', 'notice_board'],
    });
  }

  const reminderAt = (r: TermReminderState) => bishkekHourEpochMs(r.on, hour);
  const pendingReminders = () => reminders.filter((r) => !r.sent && !warned.has(`skipped:${r.key}`));
  const warningAt = () => bishkekHourEpochMs(warningOn, hour);
  const warningPending = () => warnable() && !warned.has(`checked:${quarterKey(q)}`);

  for (;;) {
    const now = Date.now();
    if (status === 'active' && now >= endAt) {
      // Reminders not sent by the end are passed over: the end itself is the news.
      await endTerm();
      break;
    }
    if (status !== 'active') break;
    if (calendarStale) {
      // The warning day of this quarter on the changed calendar (the next quarters load it when they begin).
      calendarStale = false;
      warningOn = cadenceWarningDate(
        calendarFromSlice(await acts.loadCalendar({ from: q.start, to: q.end, councilId })),
        q,
      );
      if (quarter) quarter = { ...quarter, warningOn };
      continue;
    }
    const due = pendingReminders().find((r) => reminderAt(r) <= now);
    if (due) {
      await sendReminder(due);
      continue;
    }
    if (warningPending() && warningAt() <= now) {
      await sendWarning();
      continue;
    }
    if (
      now >= rolloverAt ||
      workflowInfo().historyLength > TERM_HISTORY_EVENTS_LIMIT ||
      workflowInfo().continueAsNewSuggested
    ) {
      if (now >= rolloverAt) {
        const n = inQuarter(q);
        if (!pastQuarters.some((p) => p.year === q.year && p.quarter === q.quarter))
          pastQuarters.push({ year: q.year, quarter: q.quarter, meetings: n, warned: warned.has(quarterKey(q)) });
      }
      await condition(allHandlersFinished);
      const next: TermCarried = {
        status,
        meetings,
        pastQuarters,
        reminders,
        warned: [...warned],
        run,
        membership: { departures, vacancies, chairVacantSince, joinedOn },
      };
      return continueAsNew<typeof termWorkflow>({ ...input, members, chairMembershipId, carried: next });
    }
    const times = [endAt, rolloverAt, ...pendingReminders().map(reminderAt)];
    if (warningPending()) times.push(warningAt());
    const wait = Math.min(...times) - now;
    await condition(() => calendarStale || workflowInfo().continueAsNewSuggested, Math.max(wait, 1));
  }

  await condition(allHandlersFinished);
  return state();
}
