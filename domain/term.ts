// The group's term (5.3.1) and its meetings (7.2.1-7.2.3) as pure rules, time a parameter: which date starts the
// term, when it ends, the quarters and the cadence warning of 7.2.2, the reminders before the end, the quorum of each
// meeting and whether a decision was taken, and the checks of every meeting action as Problems naming the field and
// the clause. The term workflow (workflows/term/) and the use cases (procedures/term/) both call these.
import type { Calendar } from './calendar';
import { addMonthsClamped, compareDates, isIsoDate, type IsoDate } from './dates';
import { addWorkingDays } from './deadlines';
import { loc } from './i18n';
import { isMajority, quarterOf, type CadenceReading, type Quarter } from './meeting';
import { dmy } from './messages';
import { problem, type Problem } from './problem';
import {
  CADENCE_WARNING_WORKING_DAYS_BEFORE,
  exceedsShare,
  QUORUM_SHARE,
  shareFloor,
  TERM_END_REMINDER_MONTHS_BEFORE,
  TERM_YEARS,
} from './regulation';

/**
 * 5.3.1 counts the term from the group's creation. The council's decision creates the group (5.4.5); a decision that
 * says it takes effect on its publication (item 6 of resolution No. 83 of 14.11.2025: "published on the council's
 * website, in force from publication") creates nothing before that day, so its term starts on the publication date.
 * Any other decision starts the term on the day it was adopted.
 */
export function termStartOf(decision: {
  decidedOn: IsoDate;
  publishedOn?: IsoDate | null;
  takesEffectOnPublication: boolean;
}): IsoDate {
  if (decision.takesEffectOnPublication && decision.publishedOn) return decision.publishedOn;
  return decision.decidedOn;
}

/** 5.3.1: the term ends TERM_YEARS after it starts, on the same calendar day; on that day the status becomes term-ended. */
export function termEndOf(termStart: IsoDate): IsoDate {
  return addMonthsClamped(termStart, 12 * TERM_YEARS);
}

export type TermReminderKey = 'three-months' | 'one-month';

/** 5.3.1: the reminders to the chair and the council before the end (3 months and 1 month before termEnd). */
export function termReminders(termEnd: IsoDate): { key: TermReminderKey; monthsBefore: number; on: IsoDate }[] {
  return TERM_END_REMINDER_MONTHS_BEFORE.map((months) => ({
    key: months === 3 ? ('three-months' as const) : ('one-month' as const),
    monthsBefore: months,
    on: addMonthsClamped(termEnd, -months),
  }));
}

/** 7.2.2: the day the chair is warned about a quarter's cadence, CADENCE_WARNING_WORKING_DAYS_BEFORE working days before it ends. */
export function cadenceWarningDate(calendar: Calendar, quarter: Quarter): IsoDate {
  return addWorkingDays(calendar, quarter.end, -CADENCE_WARNING_WORKING_DAYS_BEFORE);
}

/** The quarter after `q`. */
export function quarterAfter(q: Quarter): Quarter {
  return quarterOf(addMonthsClamped(q.start, 3));
}

/** The quarters a term touches, from the one of its start to the one before its end day (a term ending on 1 Jan touches none of that year). */
export function quartersOfTerm(termStart: IsoDate, termEnd: IsoDate): Quarter[] {
  const out: Quarter[] = [];
  for (let q = quarterOf(termStart); compareDates(q.start, termEnd) < 0; q = quarterAfter(q)) out.push(q);
  return out;
}

export type CadenceState = 'ok' | 'no-meeting-yet' | 'more-than-one';

/**
 * 7.2.2 under the council's reading: 'at-least-once-per-quarter' wants a meeting in every quarter (none yet is the
 * warning), the literal 'at-most-once-per-quarter' no second one (a second held or planned is the warning). Only a
 * warning, never a refusal.
 */
export function cadenceStateOf(reading: CadenceReading, meetingsInQuarter: number): CadenceState {
  if (reading === 'at-least-once-per-quarter') return meetingsInQuarter === 0 ? 'no-meeting-yet' : 'ok';
  return meetingsInQuarter > 1 ? 'more-than-one' : 'ok';
}

/** 7.2.3: at least ⌊total/2⌋ + 1 of all current members present. */
export function quorumRequired(totalMembers: number): number {
  return shareFloor(totalMembers, QUORUM_SHARE) + 1;
}

export function isQuorate(totalMembers: number, present: number): boolean {
  return totalMembers > 0 && exceedsShare(present, totalMembers, QUORUM_SHARE);
}

/**
 * 7.2.3: a meeting without quorum takes no decision. With quorum a decision is taken when more than half of those
 * present voted for it (the majority the regulation uses for the group's own votes, 5.4.6).
 */
export function decisionOutcome(
  quorate: boolean,
  present: number,
  votesFor: number,
): { taken: boolean; because: 'no-quorum' | 'majority' | 'no-majority' } {
  if (!quorate) return { taken: false, because: 'no-quorum' };
  return isMajority(votesFor, present)
    ? { taken: true, because: 'majority' }
    : { taken: false, because: 'no-majority' };
}

// Checks: each returns every Problem (empty when the input is fine), naming the field and the clause.

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function dateProblem(field: string, value: unknown, clause: string | null): Problem | null {
  if (typeof value === 'string' && isIsoDate(value)) return null;
  return problem(
    'invalid-date',
    field,
    clause,
    loc(
      `${field}: күндү ЖЖЖЖ-АА-КК түрүндө жазыңыз.`,
      `${field}: укажите дату в виде ГГГГ-ММ-ДД.`,
      `${field}: give a date as YYYY-MM-DD.`,
    ),
  );
}

function required(field: string, value: unknown, clause: string | null): Problem | null {
  if (typeof value === 'string' && value.trim() !== '') return null;
  return problem(
    'required',
    field,
    clause,
    loc(`${field}: толтуруу милдеттүү.`, `${field}: обязательное поле.`, `${field}: required.`),
  );
}

const present = (ps: (Problem | null)[]): Problem[] => ps.filter((p): p is Problem => p !== null);

export interface TermInputToCheck {
  termStart: IsoDate;
  termEnd: IsoDate;
  members: readonly { membershipId: string; fullName: string; category: string }[];
  chairMembershipId: string | null;
  /** The council's decision date, when known: the term cannot start before it (5.4.5). */
  decidedOn?: IsoDate;
}

/** The start of a term procedure: real dates, the end after the start, members, the chair a citizen member (5.4.6). */
export function checkTermInput(input: TermInputToCheck): Problem[] {
  const out = present([
    dateProblem('termStart', input.termStart, '5.3.1'),
    dateProblem('termEnd', input.termEnd, '5.3.1'),
  ]);
  if (out.length > 0) return out;
  if (compareDates(input.termEnd, input.termStart) <= 0)
    out.push(
      problem(
        'term-end-not-after-start',
        'termEnd',
        '5.3.1',
        loc(
          `Мөөнөттүн аягы (${dmy(input.termEnd)}) башталышынан (${dmy(input.termStart)}) кийин болушу керек (5.3.1).`,
          `Конец срока (${dmy(input.termEnd)}) должен быть позже его начала (${dmy(input.termStart)}) (5.3.1).`,
          `The term's end (${dmy(input.termEnd)}) must come after its start (${dmy(input.termStart)}) (5.3.1).`,
        ),
      ),
    );
  if (input.decidedOn !== undefined && isIsoDate(input.decidedOn) && compareDates(input.termStart, input.decidedOn) < 0)
    out.push(
      problem(
        'term-before-decision',
        'termStart',
        '5.4.5',
        loc(
          `Мөөнөт кеңештин чечиминен (${dmy(input.decidedOn)}) мурун башталбайт (5.4.5, 5.3.1).`,
          `Срок не может начаться раньше решения кенеша (${dmy(input.decidedOn)}) (5.4.5, 5.3.1).`,
          `The term cannot start before the council's decision (${dmy(input.decidedOn)}) (5.4.5, 5.3.1).`,
        ),
      ),
    );
  if (input.members.length === 0)
    out.push(
      problem(
        'no-members',
        'members',
        '5.2.1',
        loc('Топтун мүчөлөрү жок (5.2.1).', 'В группе нет членов (5.2.1).', 'The group has no members (5.2.1).'),
      ),
    );
  const ids = new Set<string>();
  for (const m of input.members) {
    if (ids.has(m.membershipId))
      out.push(
        problem(
          'duplicate-member',
          'members',
          null,
          loc(`${m.fullName} эки жолу жазылган.`, `${m.fullName} указан(а) дважды.`, `${m.fullName} is listed twice.`),
        ),
      );
    ids.add(m.membershipId);
  }
  if (input.chairMembershipId !== null) {
    const chair = input.members.find((m) => m.membershipId === input.chairMembershipId);
    if (!chair)
      out.push(
        problem(
          'chair-not-member',
          'chairMembershipId',
          '5.4.6',
          loc(
            'Төрага топтун мүчөлөрүнүн ичинен болушу керек (5.4.6).',
            'Председатель должен быть членом группы (5.4.6).',
            'The chair must be a member of the group (5.4.6).',
          ),
        ),
      );
    else if (chair.category !== 'citizen')
      out.push(
        problem(
          'chair-not-citizen',
          'chairMembershipId',
          '5.4.6',
          loc(
            `Төрага жарандардын ичинен шайланат (5.4.6); ${chair.fullName} андай мүчө эмес.`,
            `Председатель избирается из числа граждан (5.4.6); ${chair.fullName} к ним не относится.`,
            `The chair is elected from the citizen members (5.4.6); ${chair.fullName} is not one.`,
          ),
        ),
      );
  }
  return out;
}

function notInPast(field: string, date: IsoDate, today: IsoDate): Problem | null {
  if (compareDates(date, today) >= 0) return null;
  return problem(
    'meeting-in-past',
    field,
    '7.2.1',
    loc(
      `Жыйналыштын күнү (${dmy(date)}) өтүп кеткен; бүгүн ${dmy(today)} (7.2.1).`,
      `Дата заседания (${dmy(date)}) уже прошла; сегодня ${dmy(today)} (7.2.1).`,
      `The meeting's date (${dmy(date)}) is in the past; today is ${dmy(today)} (7.2.1).`,
    ),
  );
}

function timeProblem(field: string, value: unknown): Problem | null {
  if (typeof value === 'string' && TIME_RE.test(value)) return null;
  return problem(
    'invalid-time',
    field,
    '7.2.1',
    loc(
      `${field}: убакытты СС:ММ түрүндө жазыңыз.`,
      `${field}: укажите время в виде ЧЧ:ММ.`,
      `${field}: give a time as HH:MM.`,
    ),
  );
}

/** 7.2.1: a meeting has a date (today or later), a time, a place and an agenda. */
export function checkScheduleInput(
  input: { date: unknown; time: unknown; place: unknown; agenda: unknown },
  today: IsoDate,
): Problem[] {
  const date = dateProblem('date', input.date, '7.2.1');
  return present([
    date,
    date ? null : notInPast('date', input.date as IsoDate, today),
    timeProblem('time', input.time),
    required('place', input.place, '7.2.1'),
    required('agenda', input.agenda, '7.2.1'),
  ]);
}

/** A move: a new date (today or later) and time; the place, when given, not empty. */
export function checkMoveInput(input: { date: unknown; time: unknown; place?: unknown }, today: IsoDate): Problem[] {
  const date = dateProblem('date', input.date, '7.2.1');
  return present([
    date,
    date ? null : notInPast('date', input.date as IsoDate, today),
    timeProblem('time', input.time),
    input.place === undefined ? null : required('place', input.place, '7.2.1'),
  ]);
}

export function checkCancelInput(input: { reason: unknown }): Problem[] {
  return present([required('reason', input.reason, null)]);
}

/**
 * 7.2.3: attendance is recorded on or after the meeting's day and not in the future; the present are distinct and not
 * more than the members (`members`, when known: every one must be a current member).
 */
export function checkAttendanceInput(
  input: { heldOn: unknown; presentMembershipIds: unknown },
  today: IsoDate,
  context?: { scheduledOn: IsoDate; members: readonly string[] },
): Problem[] {
  const out = present([dateProblem('heldOn', input.heldOn, '7.2.3')]);
  const heldOn = input.heldOn as IsoDate;
  if (out.length === 0 && compareDates(heldOn, today) > 0)
    out.push(
      problem(
        'attendance-before-meeting',
        'heldOn',
        '7.2.3',
        loc(
          `Катышуу жыйналыш өткөндөн кийин жазылат; ${dmy(heldOn)} али келе элек (7.2.3).`,
          `Присутствие отмечается после заседания; ${dmy(heldOn)} ещё не наступило (7.2.3).`,
          `Attendance is recorded after the meeting; ${dmy(heldOn)} has not come yet (7.2.3).`,
        ),
      ),
    );
  if (out.length === 0 && context && compareDates(heldOn, context.scheduledOn) < 0)
    out.push(
      problem(
        'held-before-scheduled',
        'heldOn',
        '7.2.3',
        loc(
          `Жыйналыш ${dmy(context.scheduledOn)} күнүнө белгиленген; ал ${dmy(heldOn)} өтө албайт.`,
          `Заседание назначено на ${dmy(context.scheduledOn)}; оно не могло пройти ${dmy(heldOn)}.`,
          `The meeting is scheduled for ${dmy(context.scheduledOn)}; it cannot have been held on ${dmy(heldOn)}.`,
        ),
      ),
    );
  const given: unknown = input.presentMembershipIds;
  if (!Array.isArray(given) || given.some((i) => typeof i !== 'string')) {
    out.push(
      problem(
        'invalid-attendance',
        'presentMembershipIds',
        '7.2.3',
        loc('Катышкандардын тизмеси керек.', 'Нужен список присутствующих.', 'A list of those present is required.'),
      ),
    );
    return out;
  }
  const ids = given as string[];
  if (new Set(ids).size !== ids.length)
    out.push(
      problem(
        'duplicate-attendance',
        'presentMembershipIds',
        '7.2.3',
        loc('Бир мүчө эки жолу белгиленген.', 'Один член группы отмечен дважды.', 'A member is marked present twice.'),
      ),
    );
  if (context) {
    if (ids.length > context.members.length)
      out.push(
        problem(
          'attendance-exceeds-membership',
          'presentMembershipIds',
          '7.2.3',
          loc(
            `Катышкандар (${ids.length}) топтун мүчөлөрүнөн (${context.members.length}) көп болбойт (7.2.3).`,
            `Присутствующих (${ids.length}) не может быть больше, чем членов группы (${context.members.length}) (7.2.3).`,
            `Those present (${ids.length}) cannot be more than the group's members (${context.members.length}) (7.2.3).`,
          ),
        ),
      );
    else if (ids.some((i) => !context.members.includes(i)))
      out.push(
        problem(
          'not-a-member',
          'presentMembershipIds',
          '7.2.3',
          loc(
            'Катышкандардын бири топтун учурдагы мүчөсү эмес (7.2.3).',
            'Один из присутствующих не является членом группы (7.2.3).',
            'One of those present is not a current member of the group (7.2.3).',
          ),
        ),
      );
  }
  return out;
}

/** Minutes need their date (not in the future) and a text. */
export function checkMinutesInput(input: { date: unknown; text: unknown }, today: IsoDate): Problem[] {
  const out = present([dateProblem('date', input.date, '7.2.5'), required('text', input.text, '7.2.5')]);
  if (out.every((p) => p.field !== 'date') && compareDates(input.date as IsoDate, today) > 0)
    out.push(
      problem(
        'minutes-in-future',
        'date',
        '7.2.5',
        loc(
          `Протоколдун күнү (${dmy(input.date as IsoDate)}) келе элек.`,
          `Дата протокола (${dmy(input.date as IsoDate)}) ещё не наступила.`,
          `The minutes' date (${dmy(input.date as IsoDate)}) has not come yet.`,
        ),
      ),
    );
  return out;
}

/** A decision: a text and whole, non-negative votes that together are not more than those present (when known). */
export function checkDecisionInput(input: { text: unknown; votes: unknown }, presentCount?: number): Problem[] {
  const out = present([required('text', input.text, '7.2.3')]);
  const v = input.votes as { for?: unknown; against?: unknown; abstained?: unknown } | null;
  const whole = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (!v || !whole(v.for) || !whole(v.against) || !whole(v.abstained)) {
    out.push(
      problem(
        'invalid-votes',
        'votes',
        '7.2.3',
        loc(
          'Добуштар (макул, каршы, калыс) 0 же андан көп бүтүн сан болушу керек.',
          'Голоса (за, против, воздержались) должны быть целыми числами от 0.',
          'The votes (for, against, abstained) must be whole numbers of 0 or more.',
        ),
      ),
    );
    return out;
  }
  if (presentCount !== undefined && v.for + v.against + v.abstained > presentCount)
    out.push(
      problem(
        'votes-exceed-present',
        'votes',
        '7.2.3',
        loc(
          `Добуштар (${v.for + v.against + v.abstained}) катышкандардан (${presentCount}) көп.`,
          `Голосов (${v.for + v.against + v.abstained}) больше, чем присутствующих (${presentCount}).`,
          `The votes (${v.for + v.against + v.abstained}) are more than those present (${presentCount}).`,
        ),
      ),
    );
  return out;
}

/** 5.3.1: after the term's end nothing new is started for the group. */
export function termEndedProblem(field: string, termEnd: IsoDate): Problem {
  return problem(
    'term-ended',
    field,
    '5.3.1',
    loc(
      `Топтун ыйгарым укуктарынын мөөнөтү ${dmy(termEnd)} бүттү (5.3.1): жаңы жыйналыш, акт же суроо-талап башталбайт.`,
      `Срок полномочий группы истёк ${dmy(termEnd)} (5.3.1): новые заседания, акты и запросы не начинаются.`,
      `The group's term of office ended on ${dmy(termEnd)} (5.3.1): no new meeting, act or request can be started.`,
    ),
  );
}
