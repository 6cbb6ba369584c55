// The statutory deadlines: one catalogue of obligations (who owes what, by which clause, counted from which event)
// and the counting rules of DESIGN.md "Deadlines", each stated once here. Clauses: 4.3(3) and (4), 5.3.1, 5.3.2,
// 5.3.3, 5.4.1, 5.4.2, 5.4.3, and Law No. 217 for information requests; their numbers are in regulation.ts.
import type { Calendar, CalendarName, YearData } from './calendar';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  daysBetween,
  endOfDayBishkek,
  parseIsoDate,
  yearOf,
  type IsoDate,
} from './dates';
import { DomainError } from './domain-error';
import type { Lang, Localized } from './i18n';
import {
  CREATION_NOTICE_WORKING_DAYS_BEFORE,
  EXECUTIVE_REPORT_CALENDAR_DAYS,
  FIRST_MEETING_WORKING_DAYS,
  FORMATION_NOTICE_MONTHS,
  INFORMATION_REQUEST_EXTENSION_WORKING_DAYS,
  INFORMATION_REQUEST_WORKING_DAYS,
  NOMINATION_WORKING_DAYS,
  OBJECT_RESPONSE_WORKING_DAYS,
  TERM_YEARS,
} from './regulation';
import { formatDay } from './calendar-format';
import { DEFAULT_REPORT_DUE_DAYS } from './summary-report';

/** How a deadline is counted from its anchor date. */
export type DeadlineRule =
  | { kind: 'working-days-after'; n: number }
  | { kind: 'calendar-days-after'; n: number }
  | { kind: 'months-after'; n: number }
  | { kind: 'years-after'; n: number; expiry: true }
  | { kind: 'working-days-before'; n: number };

/** A one-time extension of a working-day deadline (Law No. 217: once, by up to 10 working days, with written reasoned notice). */
export type DeadlineExtension = { workingDays: number; once: true; condition: Localized };

export type Obligation = {
  key: ObligationKey;
  clause: string;
  party: Localized;
  anchor: Localized;
  title: Localized;
  rule: DeadlineRule;
  extension?: DeadlineExtension;
};

export const OBLIGATION_KEYS = [
  'formation-notice',
  'staff-candidates',
  'deputy-members',
  'first-meeting',
  'creation-notice',
  'object-response',
  'executive-report',
  'term-end',
  'information-request',
  'summary-report',
  'conflict-removal',
] as const;
export type ObligationKey = (typeof OBLIGATION_KEYS)[number];

const executiveBody: Localized = {
  ky: 'Айыл өкмөтү (аткаруу органы)',
  ru: 'Айыл окмоту (исполнительный орган)',
  en: 'The executive body (aiyl okmotu)',
};
const formationNoticeAnchor: Localized = {
  ky: 'Топту түзүү жол-жобосунун башталышы жарыяланган күн',
  ru: 'Дата объявления о начале процедуры формирования группы',
  en: 'Publication of the notice that the formation procedure has started',
};
const actReceived: Localized = {
  ky: 'Мониторинг актысы алынган күн',
  ru: 'Дата получения акта мониторинга',
  en: 'Receipt of the monitoring act',
};
const groupCreated: Localized = {
  ky: 'Кеңештин топту түзүү жөнүндө чечими',
  ru: 'Решение кенеша о создании группы',
  en: "The council's decision creating the group",
};

/** The catalogue: every statutory obligation with its clause, party, anchor event and counting rule. */
export const OBLIGATIONS: Readonly<Record<ObligationKey, Obligation>> = {
  // 5.4.1: within 1 month of the council's formation.
  'formation-notice': {
    key: 'formation-notice',
    clause: '5.4.1',
    party: executiveBody,
    anchor: {
      ky: 'Айылдык кеңештин түзүлгөн күнү',
      ru: 'Дата формирования айылного кенеша',
      en: "The council's own formation",
    },
    title: {
      ky: 'БМжБ тобун түзүү жол-жобосунун башталышы тууралуу жарыя',
      ru: 'Объявление о начале процедуры формирования группы',
      en: 'Notice that the formation of the group has started',
    },
    rule: { kind: 'months-after', n: FORMATION_NOTICE_MONTHS },
  },
  // 5.4.2: within 15 working days of the formation notice.
  'staff-candidates': {
    key: 'staff-candidates',
    clause: '5.4.2',
    party: { ky: 'Айыл өкмөтүнүн башчысы', ru: 'Глава айыл окмоту', en: 'The head of the executive body' },
    anchor: formationNoticeAnchor,
    title: {
      ky: 'Муниципалдык кызматчылардан талапкерлерди дайындоо жана тизмесин кеңешке жиберүү',
      ru: 'Назначение кандидатов из муниципальных служащих и направление списка в кенеш',
      en: 'Appoint candidates from municipal employees and send the list to the council',
    },
    rule: { kind: 'working-days-after', n: NOMINATION_WORKING_DAYS },
  },
  // 5.4.3: within 15 working days of the formation notice.
  'deputy-members': {
    key: 'deputy-members',
    clause: '5.4.3',
    party: { ky: 'Айылдык кеңештин төрагасы', ru: 'Председатель айылного кенеша', en: 'The council chair' },
    anchor: formationNoticeAnchor,
    title: {
      ky: 'Депутаттардан топтун мүчөлөрүн бекитүү',
      ru: 'Утверждение членов группы из числа депутатов',
      en: 'Approve the members from the deputies',
    },
    rule: { kind: 'working-days-after', n: NOMINATION_WORKING_DAYS },
  },
  // 5.3.2: first meeting within 10 working days of creation.
  'first-meeting': {
    key: 'first-meeting',
    clause: '5.3.2',
    party: {
      ky: 'БМжБ тобу (айыл өкмөтү уюштурат)',
      ru: 'Группа (организует айыл окмоту)',
      en: 'The group (organised by the executive body)',
    },
    anchor: groupCreated,
    title: { ky: 'Топтун биринчи жыйналышы', ru: 'Первое заседание группы', en: 'First meeting of the group' },
    rule: { kind: 'working-days-after', n: FIRST_MEETING_WORKING_DAYS },
  },
  // 5.3.3: at least 3 working days before the first meeting.
  'creation-notice': {
    key: 'creation-notice',
    clause: '5.3.3',
    party: executiveBody,
    anchor: {
      ky: 'Топтун биринчи жыйналышынын күнү',
      ru: 'Дата первого заседания группы',
      en: 'The date of the first meeting',
    },
    title: {
      ky: 'Топтун түзүлгөнү жана биринчи жыйналышы тууралуу жарыя (сайтта жана/же жарыялар тактасында)',
      ru: 'Объявление о создании группы и её первом заседании (сайт и/или доски объявлений)',
      en: "Notice of the group's creation and first meeting (website and/or notice boards)",
    },
    rule: { kind: 'working-days-before', n: CREATION_NOTICE_WORKING_DAYS_BEFORE },
  },
  // 4.3(3): the object answers within 10 working days of receiving an act, with a copy to the group.
  'object-response': {
    key: 'object-response',
    clause: '4.3',
    party: {
      ky: 'Мониторинг объектиси (көчүрмөсү топко)',
      ru: 'Объект мониторинга (копия группе)',
      en: 'The monitored object (copy to the group)',
    },
    anchor: actReceived,
    title: {
      ky: 'Кемчиликтердин себептери жана пландаштырылган чаралар тууралуу айыл өкмөтүнө маалымдоо',
      ru: 'Сообщение айыл окмоту о причинах недостатков и планируемых мерах',
      en: 'Inform the executive body of the causes of the shortcomings and the measures planned',
    },
    rule: { kind: 'working-days-after', n: OBJECT_RESPONSE_WORKING_DAYS },
  },
  // 4.3(4): the executive body reports to the council within 30 calendar days of receiving an act.
  'executive-report': {
    key: 'executive-report',
    clause: '4.3',
    party: {
      ky: 'Айыл өкмөтү, айылдык кеңешке',
      ru: 'Айыл окмоту — айылному кенешу',
      en: 'The executive body, to the council',
    },
    anchor: actReceived,
    title: {
      ky: 'Кемчиликтерди жоюу боюнча көрүлгөн чаралар тууралуу жалпыланган маалымат',
      ru: 'Обобщённая информация о мерах, принятых для устранения недостатков',
      en: 'Generalised information on the measures taken to remove the shortcomings',
    },
    rule: { kind: 'calendar-days-after', n: EXECUTIVE_REPORT_CALENDAR_DAYS },
  },
  // 5.3.1: the term of office is 4 years from creation; an expiry, not moved to a working day.
  'term-end': {
    key: 'term-end',
    clause: '5.3.1',
    party: {
      ky: 'Айылдык кеңеш (жаңы курамды түзөт)',
      ru: 'Айылный кенеш (формирует новый состав)',
      en: 'The council (forms the next composition)',
    },
    anchor: groupCreated,
    title: {
      ky: 'Топтун ыйгарым укуктарынын мөөнөтүнүн бүтүшү',
      ru: 'Окончание срока полномочий группы',
      en: "End of the group's term of office",
    },
    rule: { kind: 'years-after', n: TERM_YEARS, expiry: true },
  },
  // Law No. 217 of 29.12.2023: 10 working days of receipt, extendable once by up to 10 working days.
  'information-request': {
    key: 'information-request',
    clause: 'Law No. 217 of 29.12.2023',
    party: {
      ky: 'Суроо-талап алган орган же уюм',
      ru: 'Орган или организация, получившие запрос',
      en: 'The body or organisation that received the request',
    },
    anchor: { ky: 'Суроо-талап алынган күн', ru: 'Дата получения запроса', en: 'Receipt of the request' },
    title: {
      ky: 'Маалымат алуу суроо-талабына жооп',
      ru: 'Ответ на запрос информации',
      en: 'Answer to a request for information',
    },
    rule: { kind: 'working-days-after', n: INFORMATION_REQUEST_WORKING_DAYS },
    extension: {
      workingDays: INFORMATION_REQUEST_EXTENSION_WORKING_DAYS,
      once: true,
      condition: {
        ky: `бир жолу, ${INFORMATION_REQUEST_EXTENSION_WORKING_DAYS} жумуш күнүнө чейин, биринчи мөөнөт бүткөнгө чейин жазуу жүзүндө негизделген билдирүү менен`,
        ru: `один раз, не более чем на ${INFORMATION_REQUEST_EXTENSION_WORKING_DAYS} рабочих дней, с письменным мотивированным уведомлением до истечения первого срока`,
        en: `once, by up to ${INFORMATION_REQUEST_EXTENSION_WORKING_DAYS} working days, with written reasoned notice before the first period ends`,
      },
    },
  },
  // Issue 15 point 2 (8.1): the group's half-yearly or yearly report. The regulation sets no date: the council sets the
  // number of calendar days after the period's end (DEFAULT_REPORT_DUE_DAYS until it does); not statutory.
  'summary-report': {
    key: 'summary-report',
    clause: '8.1',
    party: { ky: 'Топтун төрагасы', ru: 'Председатель группы', en: "The group's chair" },
    anchor: {
      ky: 'Отчеттук мезгилдин акыркы күнү',
      ru: 'Последний день отчётного периода',
      en: "The reporting period's last day",
    },
    title: {
      ky: 'Топтун жыйынтыктоочу отчету (кеңештин мөөнөтү, мыйзамда белгиленген эмес)',
      ru: 'Итоговый отчёт группы (срок кенеша, не установлен законом)',
      en: "The group's summary report (the council's period, not statutory)",
    },
    rule: { kind: 'calendar-days-after', n: DEFAULT_REPORT_DUE_DAYS },
  },
  // Issue 14 point 2 (6.3-6.4): the chair and the council are told "promptly" of a member's declared conflict of
  // interest and the council chair removes the member. The text sets no number of days: the product's target is
  // REMOVAL_TARGET_WORKING_DAYS (domain/conflict-of-interest.ts; the same 3, kept literal here against an import cycle).
  'conflict-removal': {
    key: 'conflict-removal',
    clause: '6.3-6.4',
    party: { ky: 'Айылдык кеңештин төрагасы', ru: 'Председатель айылного кенеша', en: 'The council chair' },
    anchor: {
      ky: 'Мүчө кызыкчылыктардын кагылышуусун жазуу жүзүндө билдирген күн',
      ru: 'Дата письменного уведомления члена группы о конфликте интересов',
      en: "The member's written declaration of a conflict of interest",
    },
    title: {
      ky: 'Кызыкчылыктардын кагылышуусу боюнча мүчөнү убактылуу четтетүү (программанын максаттуу мөөнөтү, мыйзамда белгиленген эмес)',
      ru: 'Временное отстранение члена группы при конфликте интересов (целевой срок программы, не установлен законом)',
      en: "The temporary removal of a member with a conflict of interest (the product's target, not statutory)",
    },
    rule: { kind: 'working-days-after', n: 3 },
  },
};

export function isObligationKey(key: string): key is ObligationKey {
  return (OBLIGATION_KEYS as readonly string[]).includes(key);
}

/** The catalogue entry for a key; an unknown key is refused with the list of valid keys. */
export function obligation(key: string): Obligation {
  if (!isObligationKey(key)) {
    throw new DomainError(
      'unknown-obligation',
      `obligation "${key}" is unknown; valid keys: ${OBLIGATION_KEYS.join(', ')}`,
      { key, valid: OBLIGATION_KEYS },
    );
  }
  return OBLIGATIONS[key];
}

export type SkippedDay = { date: IsoDate; reason: 'weekend' | 'holiday' | 'day-off'; name?: CalendarName };
/** A year the count touched whose data is not confirmed; for an estimated year, the estimated dates, so a reader can judge the risk. */
export type CalendarNote = {
  year: number;
  data: Exclude<YearData, 'confirmed'>;
  estimatedDays?: { date: IsoDate; name: CalendarName }[];
};

export type DeadlineResult = {
  key: ObligationKey;
  clause: string;
  rule: DeadlineRule;
  /** The anchor date: the event the count starts from (or, for a "before" rule, the event counted back from). */
  from: IsoDate;
  due: IsoDate;
  /** The end of the due day in Asia/Bishkek, as a UTC ISO timestamp. */
  dueInstant: string;
  /** Working-day rules: the working days counted, in counting order (day 1 first). Calendar, month and year rules: the raw landing date. */
  counted: IsoDate[];
  /** Every non-working day passed over by the count (or by moving the landing date), in counting order. */
  skipped: SkippedDay[];
  /** The raw landing date, when a calendar-day or month deadline was moved off a non-working day. */
  movedFrom?: IsoDate;
  /** Years the count relied on whose movable data is missing or only estimated. */
  calendarNotes: CalendarNote[];
  /** Whether the one-time extension was applied (information-request). */
  extended: boolean;
};

function skippedDay(calendar: Calendar, date: IsoDate): SkippedDay {
  const info = calendar.describeDay(date);
  const reason = info.reason === 'holiday' || info.reason === 'day-off' ? info.reason : 'weekend';
  return info.name && reason !== 'weekend' ? { date, reason, name: info.name } : { date, reason };
}

/** Walks from `date` one day at a time in `step` direction, excluding `date`, until `n` working days are counted. */
function countWorkingDays(
  calendar: Calendar,
  date: IsoDate,
  n: number,
  step: 1 | -1,
): { counted: IsoDate[]; skipped: SkippedDay[] } {
  const counted: IsoDate[] = [];
  const skipped: SkippedDay[] = [];
  let d = date;
  while (counted.length < n) {
    d = addDays(d, step);
    if (calendar.isWorkingDay(d)) counted.push(d);
    else skipped.push(skippedDay(calendar, d));
  }
  return { counted, skipped };
}

/** The date `n` working days after `date` (the day after is day 1); negative `n` counts backwards (the day before is day 1); 0 gives `date`. */
export function addWorkingDays(calendar: Calendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new DomainError('invalid-count', `working days: ${n} is not a whole number`);
  if (n === 0) return date;
  const { counted } = countWorkingDays(calendar, date, Math.abs(n), n > 0 ? 1 : -1);
  return counted[counted.length - 1] ?? date;
}

/** The number of working days in (a, b]; negative (minus those in (b, a]) when b is before a. */
export function workingDaysBetween(calendar: Calendar, a: IsoDate, b: IsoDate): number {
  if (compareDates(b, a) < 0) return -workingDaysBetween(calendar, b, a);
  let count = 0;
  for (let d = addDays(a, 1); compareDates(d, b) <= 0; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) count++;
  return count;
}

/** A landing date on a non-working day moves to the next working day; returns the days passed over. */
function moveToWorkingDay(calendar: Calendar, raw: IsoDate): { due: IsoDate; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let d = raw;
  while (!calendar.isWorkingDay(d)) {
    skipped.push(skippedDay(calendar, d));
    d = addDays(d, 1);
  }
  return { due: d, skipped };
}

/**
 * Years of the inclusive range [a, b] (the days the count counted or passed over) whose data is missing, or estimated
 * where it matters: an estimated year is noted only when the range touches one of its estimated dates (a count in
 * March 2026 does not depend on Kurman Ait's estimated 27 May), with those dates.
 */
function notesFor(calendar: Calendar, a: IsoDate, b: IsoDate): CalendarNote[] {
  const [lo, hi] = compareDates(a, b) <= 0 ? [a, b] : [b, a];
  const notes: CalendarNote[] = [];
  for (let y = yearOf(lo); y <= yearOf(hi); y++) {
    const data = calendar.yearData(y);
    if (data === 'missing') notes.push({ year: y, data });
    if (data === 'estimated') {
      const estimatedDays = calendar.entries
        .filter((e) => e.status === 'estimated' && compareDates(e.date, lo) >= 0 && compareDates(e.date, hi) <= 0)
        .map((e) => ({ date: e.date, name: e.name }));
      if (estimatedDays.length > 0) notes.push({ year: y, data, estimatedDays });
    }
  }
  return notes;
}

/**
 * Computes an obligation's due date from its anchor date (DESIGN.md "Deadlines"):
 * - "within N working days of X": day 1 is the first working day after X (even when X is a non-working day); due = day N;
 * - "N calendar days" / "N months": X + N (months clamp to the month's last day); a non-working landing day moves to the next working day;
 * - "N years" (term-end): an expiry on X + N years (clamped), never moved;
 * - "N working days before Y": day 1 is the last working day before Y; due = day N counting backwards; acting on the due day is on time.
 * The due instant is the end of the due day in Asia/Bishkek. `extended` applies the one-time extension (information-request).
 */
export function computeDeadline(
  key: string,
  from: IsoDate,
  calendar: Calendar,
  opts: { extended?: boolean } = {},
): DeadlineResult {
  const ob = obligation(key);
  if (opts.extended && !ob.extension) {
    throw new DomainError(
      'no-extension',
      `obligation "${ob.key}" has no extension; only ${OBLIGATION_KEYS.filter((k) => OBLIGATIONS[k].extension).join(', ')} can be extended`,
      { key: ob.key },
    );
  }
  parseIsoDate(from, 'from');
  const extended = Boolean(opts.extended && ob.extension);
  const rule = ob.rule;
  const base = { key: ob.key, clause: ob.clause, rule, from, extended };
  switch (rule.kind) {
    case 'working-days-after':
    case 'working-days-before': {
      const n = rule.n + (extended && ob.extension ? ob.extension.workingDays : 0);
      const { counted, skipped } = countWorkingDays(calendar, from, n, rule.kind === 'working-days-after' ? 1 : -1);
      const due = counted[counted.length - 1] ?? from;
      const edge = rule.kind === 'working-days-after' ? addDays(from, 1) : addDays(from, -1);
      return {
        ...base,
        due,
        dueInstant: endOfDayBishkek(due),
        counted,
        skipped,
        calendarNotes: notesFor(calendar, edge, due),
      };
    }
    case 'calendar-days-after':
    case 'months-after': {
      const raw = rule.kind === 'calendar-days-after' ? addDays(from, rule.n) : addMonthsClamped(from, rule.n);
      const { due, skipped } = moveToWorkingDay(calendar, raw);
      const result: DeadlineResult = {
        ...base,
        due,
        dueInstant: endOfDayBishkek(due),
        counted: [raw],
        skipped,
        calendarNotes: notesFor(calendar, raw, due),
      };
      if (due !== raw) result.movedFrom = raw;
      return result;
    }
    case 'years-after': {
      const due = addMonthsClamped(from, 12 * rule.n);
      return { ...base, due, dueInstant: endOfDayBishkek(due), counted: [due], skipped: [], calendarNotes: [] };
    }
  }
}

/** Days left until a deadline as of `today` (a Bishkek date), in the rule's own unit; both counts exclude today. */
export function daysLeft(
  result: DeadlineResult,
  today: IsoDate,
  calendar: Calendar,
): { unit: 'working' | 'calendar'; left: number; working: number; calendar: number; overdue: boolean } {
  const working = workingDaysBetween(calendar, today, result.due);
  const calendarDays = daysBetween(today, result.due);
  const unit =
    result.rule.kind === 'working-days-after' || result.rule.kind === 'working-days-before' ? 'working' : 'calendar';
  return {
    unit,
    left: unit === 'working' ? working : calendarDays,
    working,
    calendar: calendarDays,
    overdue: compareDates(today, result.due) > 0,
  };
}

const TEXT = {
  ky: {
    clause: (c: string) => (/^\d/.test(c) ? `${c}-пункт` : c),
    party: 'Милдеттүү тарап',
    anchor: 'Эсептин башталышы',
    rule: 'Эреже',
    wdAfter: (n: number) => `${n} жумуш күнүнүн ичинде; эсеп кийинки күндөн башталат`,
    wdBefore: (n: number) => `кеминде ${n} жумуш күнү мурун; артка эсептелет, 1-күн — мурунку акыркы жумуш күнү`,
    cdAfter: (n: number) => `${n} календардык күн ичинде; иш эмес күнгө туш келсе, кийинки жумуш күнүнө жылат`,
    mAfter: (n: number) =>
      `${n} ай ичинде (айдын акыркы күнүнөн ашпайт); иш эмес күнгө туш келсе, кийинки жумуш күнүнө жылат`,
    yAfter: (n: number) => `${n} жыл; мөөнөттүн бүтүшү, жумуш күнүнө жылбайт`,
    extended: (c: string) => `Узартылган: ${c}`,
    counted: 'Эсептелген жумуш күндөрү',
    landing: 'Эсеп боюнча түшкөн күн',
    skipped: 'Өткөрүлгөн иш эмес күндөр',
    noneSkipped: 'Өткөрүлгөн иш эмес күндөр жок',
    moved: (raw: string, due: string) => `${raw} — иш эмес күн, ошондуктан мөөнөт ${due} күнүнө жылды`,
    due: (d: string) => `Мөөнөт: ${d}, Бишкек убактысы менен саат 23:59га чейин`,
    expiry: (d: string) => `Мөөнөт бүтөт: ${d}, Бишкек убактысы менен 23:59`,
    estimated: (y: number, days: string) =>
      `Эскертүү: ${y}-жылдын календарында болжолдуу даталар бар (расмий жарыяланган эмес: ${days}); мөөнөт өзгөрүшү мүмкүн`,
    missing: (y: number) =>
      y < 2025
        ? `Эскертүү: ${y}-жыл колдоого алынган мезгилден тышкары (2025-жылдан баштап); мөөнөттү текшериңиз`
        : `Эскертүү: ${y}-жылдын календардык маалыматы жок (Орозо айт, Курман айт, которулган күндөр); мөөнөттү текшериңиз`,
  },
  ru: {
    clause: (c: string) => (/^\d/.test(c) ? `п. ${c}` : c),
    party: 'Обязанная сторона',
    anchor: 'Начало отсчёта',
    rule: 'Правило',
    wdAfter: (n: number) => `в течение ${n} рабочих дней; отсчёт со следующего дня`,
    wdBefore: (n: number) =>
      `не позднее чем за ${n} рабочих дня; отсчёт назад, 1-й день — последний рабочий день перед датой`,
    cdAfter: (n: number) =>
      `в течение ${n} календарных дней; если срок выпадает на нерабочий день, он переносится на следующий рабочий день`,
    mAfter: (n: number) =>
      `в течение ${n} мес. (не позже последнего дня месяца); если срок выпадает на нерабочий день, он переносится на следующий рабочий день`,
    yAfter: (n: number) => `${n} года; срок истекает в этот день и не переносится на рабочий день`,
    extended: (c: string) => `Продлён: ${c}`,
    counted: 'Засчитанные рабочие дни',
    landing: 'Дата по счёту',
    skipped: 'Пропущенные нерабочие дни',
    noneSkipped: 'Пропущенных нерабочих дней нет',
    moved: (raw: string, due: string) => `${raw} — нерабочий день, поэтому срок перенесён на ${due}`,
    due: (d: string) => `Срок: ${d}, до 23:59 по времени Бишкека`,
    expiry: (d: string) => `Срок истекает: ${d}, в 23:59 по времени Бишкека`,
    estimated: (y: number, days: string) =>
      `Внимание: в календаре ${y} года есть предварительные даты (официально не объявлены: ${days}); срок может измениться`,
    missing: (y: number) =>
      y < 2025
        ? `Внимание: ${y} год вне поддерживаемого периода (с 2025 года); проверьте срок`
        : `Внимание: нет календарных данных на ${y} год (Орозо айт, Курман айт, переносы); проверьте срок`,
  },
  en: {
    clause: (c: string) => (/^\d/.test(c) ? `clause ${c}` : c),
    party: 'Owed by',
    anchor: 'Counted from',
    rule: 'Rule',
    wdAfter: (n: number) => `within ${n} working days; the count starts the day after`,
    wdBefore: (n: number) =>
      `at least ${n} working days before; counted backwards, day 1 is the last working day before the date`,
    cdAfter: (n: number) => `within ${n} calendar days; a deadline on a non-working day moves to the next working day`,
    mAfter: (n: number) =>
      `within ${n} month(s), clamped to the month's last day; a deadline on a non-working day moves to the next working day`,
    yAfter: (n: number) => `${n} years; an expiry, not moved to a working day`,
    extended: (c: string) => `Extended: ${c}`,
    counted: 'Working days counted',
    landing: 'Date reached by the count',
    skipped: 'Non-working days skipped',
    noneSkipped: 'No non-working days skipped',
    moved: (raw: string, due: string) => `${raw} is a non-working day, so the deadline moves to ${due}`,
    due: (d: string) => `Due: ${d}, by 23:59 Bishkek time`,
    expiry: (d: string) => `Expires: ${d}, at 23:59 Bishkek time`,
    estimated: (y: number, days: string) =>
      `Note: the ${y} calendar holds estimated dates (not yet declared: ${days}); the deadline may change`,
    missing: (y: number) =>
      y < 2025
        ? `Note: ${y} is outside the supported range (2025 on); check the deadline`
        : `Note: no calendar data for ${y} (Orozo Ait, Kurman Ait, transfers); check the deadline`,
  },
} as const;

function ruleText(lang: Lang, rule: DeadlineRule, n: number): string {
  const t = TEXT[lang];
  switch (rule.kind) {
    case 'working-days-after':
      return t.wdAfter(n);
    case 'working-days-before':
      return t.wdBefore(n);
    case 'calendar-days-after':
      return t.cdAfter(n);
    case 'months-after':
      return t.mAfter(n);
    case 'years-after':
      return t.yAfter(n);
  }
}

function skippedText(lang: Lang, day: SkippedDay): string {
  const name = day.name ? (lang === 'ky' ? day.name.ky : day.name.ru) : undefined;
  return `${formatDay(lang, day.date)}${name ? `, ${name}` : ''}`;
}

/** The deadline explained for people: the rule and clause, the days counted, every day skipped with its name, and the due date. */
export function explainDeadline(result: DeadlineResult, lang: Lang): string[] {
  const t = TEXT[lang];
  const ob = OBLIGATIONS[result.key];
  const n = result.rule.n + (result.extended && ob.extension ? ob.extension.workingDays : 0);
  const lines = [
    `${ob.title[lang]} (${t.clause(ob.clause)})`,
    `${t.party}: ${ob.party[lang]}`,
    `${t.anchor}: ${ob.anchor[lang]}, ${formatDay(lang, result.from)}`,
    `${t.rule}: ${ruleText(lang, result.rule, n)}`,
  ];
  if (result.extended && ob.extension) lines.push(t.extended(ob.extension.condition[lang]));
  const workingRule = result.rule.kind === 'working-days-after' || result.rule.kind === 'working-days-before';
  if (workingRule)
    lines.push(`${t.counted}: ${result.counted.map((d, i) => `${i + 1}) ${formatDay(lang, d)}`).join('; ')}`);
  else lines.push(`${t.landing}: ${result.counted.map((d) => formatDay(lang, d)).join('; ')}`);
  if (result.rule.kind !== 'years-after') {
    lines.push(
      result.skipped.length === 0
        ? t.noneSkipped
        : `${t.skipped}: ${result.skipped.map((d) => skippedText(lang, d)).join('; ')}`,
    );
  }
  if (result.movedFrom) lines.push(t.moved(formatDay(lang, result.movedFrom), formatDay(lang, result.due)));
  lines.push(
    result.rule.kind === 'years-after' ? t.expiry(formatDay(lang, result.due)) : t.due(formatDay(lang, result.due)),
  );
  for (const note of result.calendarNotes) {
    const days = (note.estimatedDays ?? [])
      .map((d) => `${formatDay(lang, d.date)} ${lang === 'ky' ? d.name.ky : d.name.ru}`)
      .join(', ');
    lines.push(note.data === 'estimated' ? t.estimated(note.year, days) : t.missing(note.year));
  }
  return lines;
}
