// A council decision adopted with a composition that breaks 5.2 (5.4.5, issue 14 point 3) stays on the record as it
// was adopted; this module says whether the composition the group has NOW, after departures, replacements (5.4.8) and
// members the council added (5.4.5), meets 5.2 again, and since when. Pure: the members with the days they joined and
// left, the council's decisions that brought them in, and the day to check are parameters.
//
// How a 5.2.3 category share can be cured in this product: a replacement comes from the departed member's category
// (5.4.8), so it can cure an age (5.2.1) or a one-sex (5.2.3) violation but never a category short of its share. For
// that, the council adds members by its own decision (5.4.5), each named by their category's route (5.4.2 the head of
// the executive body, 5.4.3 the council chair, 5.4.4 a community gathering), as long as the group stays an odd size
// of at most 15 (5.2.1). smallestAddition gives the fewest such members.
import { checkComposition, quotaFor, type CheckedMember, type CompositionResult, type Finding } from './composition';
import { compareDates, type IsoDate } from './dates';
import { loc, type Localized } from './i18n';
import { dmy } from './messages';
import { MAX_GROUP_SIZE } from './regulation';
import type { Category } from './roster';

/** A violation as the decision's record keeps it (group.created or the adoption's findings): clause and words. */
export interface RecordedViolation {
  code: string;
  clause: string | null;
  message: Localized;
}

/** The council's decision that brought a member in (a replacement 5.4.8 or an addition 5.4.5). */
export interface DecisionRef {
  number: string;
  date: IsoDate;
}

/** A membership over the term: joinedOn null for a member from the group's creation; leftOn null while a member. */
export interface MemberSpan {
  member: CheckedMember;
  joinedOn: IsoDate | null;
  leftOn: IsoDate | null;
  joinedBy: DecisionRef | null;
}

export type CureStatus =
  /** The decision broke nothing in 5.2. */
  | { kind: 'none' }
  /** It did, and the composition on `on` (the change that brought it within 5.2, which has held since) meets 5.2. */
  | { kind: 'cured'; on: IsoDate; by: DecisionRef[]; current: CompositionResult }
  /** It did, and the current composition still breaks 5.2: these findings, with the arithmetic. */
  | { kind: 'not-cured'; remaining: Finding[]; current: CompositionResult };

/** The members on a day: joined on or before it (or from the start) and not left by it (5.4.8: gone from the day they left). */
export function membersOnDay(spans: readonly MemberSpan[], day: IsoDate): MemberSpan[] {
  return spans.filter(
    (s) =>
      (s.joinedOn === null || compareDates(s.joinedOn, day) <= 0) &&
      (s.leftOn === null || compareDates(day, s.leftOn) < 0),
  );
}

/**
 * Whether a decision adopted on `adoptedOn` with `violations` is cured on `today`: the current composition checked with
 * the same rules (domain/composition.ts); when it meets 5.2, the earliest change of members after the decision from
 * which every later composition met 5.2 too, and the council's decisions that brought members in that day.
 */
export function cureStatus(input: {
  adoptedOn: IsoDate;
  violations: readonly RecordedViolation[];
  spans: readonly MemberSpan[];
  today: IsoDate;
  chair?: string;
}): CureStatus {
  if (input.violations.length === 0) return { kind: 'none' };
  const check = (day: IsoDate, chair?: string) =>
    checkComposition(
      membersOnDay(input.spans, day).map((s) => s.member),
      chair === undefined ? { on: day } : { on: day, chair },
    );
  const current = check(input.today, input.chair);
  if (!current.ok)
    return { kind: 'not-cured', remaining: current.findings.filter((f) => f.severity === 'violation'), current };
  const days = [
    ...new Set(
      input.spans
        .flatMap((s) => [s.joinedOn, s.leftOn])
        .filter(
          (d): d is IsoDate => d !== null && compareDates(d, input.adoptedOn) > 0 && compareDates(d, input.today) <= 0,
        ),
    ),
  ].sort(compareDates);
  // Walk back from the latest change while the composition met 5.2; the cure is the earliest such change.
  let on = input.today;
  for (let i = days.length - 1; i >= 0; i--) {
    if (!check(days[i]!).ok) break;
    on = days[i]!;
  }
  // No change of members since the decision (a member turned 18, say): the day it first held is today's check.
  const by = input.spans.flatMap((s) => (s.joinedOn === on && s.joinedBy ? [s.joinedBy] : []));
  const unique = by.filter((d, i) => by.findIndex((o) => o.number === d.number && o.date === d.date) === i);
  return { kind: 'cured', on, by: unique, current };
}

export type Addition = Record<Category, number>;

/**
 * 5.2.3(1)-(3) with 5.2.1: the fewest members the council would add (by category) so that the group's categories meet
 * their shares at an odd size of at most 15; null when no addition can (the group is too large already). Sex and age
 * are the nominees' own and are not counted here.
 */
export function smallestAddition(counts: Addition): Addition | null {
  const size = counts.municipal_employee + counts.deputy + counts.citizen;
  let best: Addition | null = null;
  for (let extra = 1; size + extra <= MAX_GROUP_SIZE && best === null; extra++) {
    const n = size + extra;
    const q = quotaFor(n);
    if (!q.sizeAllowed) continue;
    const me = Math.max(0, q.municipalEmployeesMin - counts.municipal_employee);
    const d = Math.max(0, q.deputiesMin - counts.deputy);
    const c = Math.max(0, q.citizensMin - counts.citizen);
    if (counts.deputy + d > q.deputiesMax || me + d + c > extra) continue;
    // The seats left over go to citizens (at least half, 5.2.3(3)), then municipal employees, within the deputies' cap.
    best = { municipal_employee: me, deputy: d, citizen: c + (extra - me - d - c) };
  }
  return best;
}

const CATEGORY_SHORT: Record<Category, Localized> = {
  municipal_employee: loc('муниципалдык кызматчы', 'муниципальный служащий', 'municipal employee'),
  deputy: loc('депутат', 'депутат', 'deputy'),
  citizen: loc('коомдоштуктун мүчөсү', 'представитель сообщества', 'citizen'),
};

/** "1 municipal employee, 1 citizen" in a language (for the advice line). */
export function additionText(a: Addition, lang: 'ky' | 'ru' | 'en'): string {
  return (Object.keys(a) as Category[])
    .filter((c) => a[c] > 0)
    .map((c) => `${a[c]} ${CATEGORY_SHORT[c][lang]}`)
    .join(', ');
}

export const CURE_WORDS = {
  cured: (on: IsoDate, by: readonly DecisionRef[]): Localized => {
    const list = by.map((d) => `№ ${d.number} (${dmy(d.date)})`).join(', ');
    return by.length > 0
      ? loc(
          `${dmy(on)} күнү оңдолду: кеңештин чечими ${list}; азыркы курам 5.2 талаптарына жооп берет.`,
          `Исправлено ${dmy(on)} решением кенеша ${list}: нынешний состав соответствует 5.2.`,
          `Cured on ${dmy(on)} by the council's decision ${list}: the current composition meets 5.2.`,
        )
      : loc(
          `${dmy(on)} күнү оңдолду: азыркы курам 5.2 талаптарына жооп берет.`,
          `Исправлено ${dmy(on)}: нынешний состав соответствует 5.2.`,
          `Cured on ${dmy(on)}: the current composition meets 5.2.`,
        );
  },
  notCured: (size: number): Localized =>
    loc(
      `Азыркы курам (${size} мүчө) 5.2 талаптарына дагы эле жооп бербейт:`,
      `Нынешний состав (${size} членов) всё ещё не соответствует 5.2:`,
      `The current composition (${size} members) still does not meet 5.2:`,
    ),
  /** The staff's advice: what the council does to bring the composition within 5.2. */
  advice: loc(
    'Оңдоо үчүн: мүчө кетсе же алмаштырылса, «Топтун курамы» барагында катталат (5.4.8: ошол эле категориядан); категориянын үлүшү жетпесе, кеңеш ошол категориянын жолу менен (5.4.2-5.4.4) мүчө кошуу чечимин кабыл алат (5.4.5), топ так сандуу жана 15тен ашпаган бойдон калат (5.2.1).',
    'Чтобы исправить: выход или замену члена записывают на странице «Состав группы» (5.4.8: из той же категории); если не хватает доли категории, кенеш решением (5.4.5) добавляет членов, выдвинутых по пути этой категории (5.4.2-5.4.4), так чтобы число членов оставалось нечётным и не больше 15 (5.2.1).',
    "To cure it: record a member's departure or replacement on the membership page (5.4.8: from the same category); when a category is short of its share, the council's decision (5.4.5) adds members named through that category's route (5.4.2-5.4.4), keeping the group an odd size of at most 15 (5.2.1).",
  ),
  fewest: (a: Addition): Localized =>
    loc(
      `Эң аз кошуу: ${additionText(a, 'ky')}.`,
      `Наименьшее добавление: ${additionText(a, 'ru')}.`,
      `The fewest to add: ${additionText(a, 'en')}.`,
    ),
  link: loc(
    'Топтун курамын өзгөртүү (бош орун, алмаштыруу, мүчө кошуу)',
    'Изменить состав группы (вакансия, замена, добавление членов)',
    "Change the group's membership (vacancy, replacement, members added)",
  ),
};
