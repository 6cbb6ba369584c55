// Taking on a group the council created before the product was used: the rules of what staff enter (the council's
// resolution, its publication, the chair it names, 5.3.1's term) and the composition's findings as the group's
// record keeps them. The council has adopted the group: its composition is checked (5.2.1, 5.2.3) and every finding
// is kept and shown, never a refusal. What is refused is input that cannot be true: a publication before the
// decision, a chair who is not a citizen member (5.4.6), a term that has already ended (5.3.1).
import type { Finding } from './composition';
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { loc, type Localized } from './i18n';
import { dmy } from './messages';
import { problem, type Problem } from './problem';
import { CATEGORY_LABELS, cleanText, nameKey, type RosterMember } from './roster';
import { termEndOf, termStartOf } from './term';

/** A finding of the composition check as the group's record keeps it: words without any personal data. */
export interface AdoptionFinding {
  code: string;
  /** The clause broken, as precise as the rule: 5.2.3(1) for the municipal employees' quarter. */
  clause: string | null;
  severity: 'violation' | 'warning';
  message: Localized;
}

/** What staff enter about the council's resolution; unknowns until checked. */
export interface AdoptionEntry {
  decisionNumber: unknown;
  decidedOn: unknown;
  publishedOn: unknown;
  /** Item 6 of such resolutions: in force from publication; a resolution in force from another date gives it here. */
  termStartsOn?: unknown;
  /** The chair the resolution names, or null when the group elects its chair at a meeting (5.4.6). */
  chair: unknown;
}

export interface AdoptionDates {
  decisionNumber: string;
  decidedOn: IsoDate;
  publishedOn: IsoDate;
  termStart: IsoDate;
  termEnd: IsoDate;
}

const dateWords = {
  decidedOn: loc('кеңештин токтомунун күнү', 'дата постановления кенеша', "the council resolution's date"),
  publishedOn: loc(
    'токтом жарыяланган күн',
    'дата опубликования постановления',
    'the date the resolution was published',
  ),
  termStartsOn: loc(
    'ыйгарым укуктарынын мөөнөтүнүн башталышы',
    'начало срока полномочий',
    'the start of the term of office',
  ),
} as const;

/**
 * The resolution's number and dates as entered, checked: real dates, none after today, the publication and the
 * term's start not before the decision, and a term of office (5.3.1) still running today. Problems name the field.
 */
export function checkAdoptionDates(
  entry: AdoptionEntry,
  today: IsoDate,
): { dates?: AdoptionDates; problems: Problem[] } {
  const problems: Problem[] = [];
  const number = typeof entry.decisionNumber === 'string' ? cleanText(entry.decisionNumber) : '';
  if (number === '')
    problems.push(
      problem(
        'missing-decision-number',
        'decisionNumber',
        '5.4.5',
        loc(
          'кеңештин токтомунун номери керек',
          'нужен номер постановления кенеша',
          "the council resolution's number is required",
        ),
      ),
    );
  const date = (field: keyof typeof dateWords, value: unknown, optional = false): IsoDate | null => {
    if (optional && (value === undefined || value === null || value === '')) return null;
    if (typeof value !== 'string' || !isIsoDate(value)) {
      const w = dateWords[field];
      problems.push(
        problem(
          'date',
          field,
          null,
          loc(
            `${w.ky}: ЖЖЖЖ-АА-КК түрүндөгү чыныгы дата керек`,
            `${w.ru}: нужна существующая дата в виде ГГГГ-ММ-ДД`,
            `${w.en}: must be a real date YYYY-MM-DD`,
          ),
        ),
      );
      return null;
    }
    if (compareDates(value, today) > 0) {
      const w = dateWords[field];
      problems.push(
        problem(
          'after-today',
          field,
          null,
          loc(
            `${w.ky} (${dmy(value)}) бүгүндөн (${dmy(today)}) кийин: мурда түзүлгөн топ гана кабыл алынат`,
            `${w.ru} (${dmy(value)}) позже сегодняшнего дня (${dmy(today)}): принимается только уже созданная группа`,
            `${w.en} (${dmy(value)}) is after today (${dmy(today)}): only a group already created can be taken on`,
          ),
        ),
      );
      return null;
    }
    return value;
  };
  const decidedOn = date('decidedOn', entry.decidedOn);
  const publishedOn = date('publishedOn', entry.publishedOn);
  const termStartsOn = date('termStartsOn', entry.termStartsOn, true);
  const notBeforeDecision = (field: 'publishedOn' | 'termStartsOn', value: IsoDate | null, clause: string) => {
    if (value === null || decidedOn === null || compareDates(value, decidedOn) >= 0) return;
    const w = dateWords[field];
    problems.push(
      problem(
        'before-decision',
        field,
        clause,
        loc(
          `${w.ky} (${dmy(value)}) кеңештин токтомунан (${dmy(decidedOn)}) мурда болушу мүмкүн эмес`,
          `${w.ru} (${dmy(value)}) не может быть раньше постановления кенеша (${dmy(decidedOn)})`,
          `${w.en} (${dmy(value)}) cannot be before the council's resolution (${dmy(decidedOn)})`,
        ),
      ),
    );
  };
  notBeforeDecision('publishedOn', publishedOn, '5.4.7');
  notBeforeDecision('termStartsOn', termStartsOn, '5.3.1');
  if (problems.length > 0 || decidedOn === null || publishedOn === null) return { problems };
  // Item 6 of the resolution: it takes effect on its publication, so the term counts from the publication date.
  const termStart = termStartsOn ?? termStartOf({ decidedOn, publishedOn, takesEffectOnPublication: true });
  const termEnd = termEndOf(termStart);
  if (compareDates(termEnd, today) <= 0) {
    return {
      problems: [
        problem(
          'term-ended',
          termStartsOn === null ? 'publishedOn' : 'termStartsOn',
          '5.3.1',
          loc(
            `${dmy(termStart)} башталган ыйгарым укуктарынын мөөнөтү ${dmy(termEnd)} бүткөн (5.3.1-пункт: 4 жыл); мындай топ кабыл алынбайт`,
            `срок полномочий, начавшийся ${dmy(termStart)}, истёк ${dmy(termEnd)} (пункт 5.3.1: 4 года); такую группу принять нельзя`,
            `the term of office that started on ${dmy(termStart)} ended on ${dmy(termEnd)} (5.3.1: 4 years); such a group cannot be taken on`,
          ),
        ),
      ],
    };
  }
  return { dates: { decisionNumber: number, decidedOn, publishedOn, termStart, termEnd }, problems: [] };
}

/**
 * 5.4.6: the chair the resolution names must be one of the members, and a representative of citizens. Returns the
 * chair's index in `members`, null when the chair is to be elected at a meeting, or the problem.
 */
export function checkNamedChair(
  chair: unknown,
  members: readonly RosterMember[],
): { index: number | null; problems: Problem[] } {
  if (chair === null || chair === undefined) return { index: null, problems: [] };
  const name = typeof chair === 'string' ? cleanText(chair) : '';
  if (name === '')
    return {
      index: null,
      problems: [
        problem(
          'chair-required',
          'chair',
          '5.4.6',
          loc(
            'токтомдо аталган төраганын аты-жөнүн жазыңыз же «төрага жыйналышта шайланат» деп белгилеңиз',
            'укажите ФИО председателя, названного в постановлении, или отметьте «председатель будет избран на заседании»',
            'give the chair named in the resolution, or mark "the chair is to be elected at a meeting"',
          ),
        ),
      ],
    };
  const matches = members.flatMap((m, i) => (nameKey(m.fullName) === nameKey(name) ? [i] : []));
  if (matches.length === 0)
    return {
      index: null,
      problems: [
        problem(
          'chair-not-member',
          'chair',
          '5.4.6',
          loc(
            `Төрага «${name}» мүчөлөрдүн тизмесинде жок; 5.4.6-пункт боюнча төрага жарандардын өкүлү болгон мүчөлөрдүн ичинен шайланат`,
            `Председателя «${name}» нет в списке членов; по пункту 5.4.6 председатель избирается из членов — представителей граждан`,
            `The chair "${name}" is not in the list of members; 5.4.6: the chair is elected from the members representing citizens`,
          ),
        ),
      ],
    };
  const citizen = matches.find((i) => members[i]!.category === 'citizen');
  if (citizen === undefined) {
    const m = members[matches[0]!]!;
    return {
      index: null,
      problems: [
        problem(
          'chair-not-citizen',
          'chair',
          '5.4.6',
          loc(
            `Төрага ${m.fullName} — ${CATEGORY_LABELS[m.category].ky}; 5.4.6-пункт боюнча төрага жарандардын жана алардын бирикмелеринин өкүлдөрүнүн ичинен шайланат`,
            `Председатель ${m.fullName} — ${CATEGORY_LABELS[m.category].ru}; по пункту 5.4.6 председатель избирается из представителей граждан и их объединений`,
            `The chair ${m.fullName} is a ${CATEGORY_LABELS[m.category].en}; 5.4.6: the chair is elected from the representatives of citizens and their associations`,
          ),
        ),
      ],
    };
  }
  return { index: citizen, problems: [] };
}

/** 5.2.3's items: (1) municipal employees, (2) deputies, (3) citizens; the one-sex limit is 5.2.3 itself. */
const PRECISE_CLAUSE: Record<string, string> = {
  'municipal-employees-below-quota': '5.2.3(1)',
  'deputies-below-quota': '5.2.3(2)',
  'deputies-above-quarter': '5.2.3(2)',
  'citizens-below-half': '5.2.3(3)',
};

const who = (f: Finding) => (f.member ? `№ ${f.member.index + 1} ${f.member.fullName}` : '');
const other = (f: Finding) => (f.otherMember ? `№ ${f.otherMember.index + 1} ${f.otherMember.fullName}` : '');

/**
 * A finding as the group's record and its public page keep it. The check's own words serve where they hold no
 * personal data; where they quote a birth date or a phone, the words name the member and the rule only (Law 58).
 */
export function recordedFinding(f: Finding): AdoptionFinding {
  const clause = PRECISE_CLAUSE[f.code] ?? f.clause;
  const base = { code: f.code, clause, severity: f.severity };
  switch (f.code) {
    case 'member-under-18':
      return {
        ...base,
        message: loc(
          `${who(f)} токтом кабыл алынган күнү 18 жашка чыга элек; 5.2.1-пункт боюнча мүчөлөр 18 жашка чыккан болушу керек.`,
          `${who(f)} на дату постановления не исполнилось 18 лет; по пункту 5.2.1 члены группы должны достичь 18 лет.`,
          `${who(f)} was under 18 on the resolution's date; 5.2.1 requires members aged 18 or over.`,
        ),
      };
    case 'member-age-undetermined':
      return {
        ...base,
        message: loc(
          `${who(f)}: тизмеде туулган жылы гана бар, токтомдун күнү 18 жашка чыкканы белгисиз (5.2.1).`,
          `${who(f)}: в списке только год рождения; исполнилось ли 18 лет на дату постановления, неизвестно (5.2.1).`,
          `${who(f)}: the list gives only the birth year; whether 18 on the resolution's date is unknown (5.2.1).`,
        ),
      };
    case 'duplicate-person':
      return {
        ...base,
        message: loc(
          `${other(f)} жана ${who(f)} — бир эле адам; мүчөлөрдүн саны (5.2.1) адамдар боюнча эсептелет.`,
          `${other(f)} и ${who(f)} — один и тот же человек; число членов (5.2.1) считается по людям.`,
          `${other(f)} and ${who(f)} are the same person; the group's size (5.2.1) counts persons.`,
        ),
      };
    case 'same-name':
      return {
        ...base,
        message: loc(
          `${other(f)} жана ${who(f)} аты-жөнү бирдей; булар эки башка адам экенин текшериңиз.`,
          `У ${other(f)} и ${who(f)} одинаковые ФИО; проверьте, что это два разных человека.`,
          `${other(f)} and ${who(f)} have the same name; check that they are two different people.`,
        ),
      };
    case 'duplicate-phone':
      return {
        ...base,
        message: loc(
          `${other(f)} жана ${who(f)} бир эле телефон номерин көрсөткөн.`,
          `У ${other(f)} и ${who(f)} один и тот же номер телефона.`,
          `${other(f)} and ${who(f)} give the same phone number.`,
        ),
      };
    default:
      return { ...base, message: f.message };
  }
}

/** The clauses a composition breaks, each once, in the order found: "5.2.1, 5.2.3(1)". */
export function brokenClauses(findings: readonly AdoptionFinding[]): string[] {
  return [...new Set(findings.filter((f) => f.severity === 'violation').flatMap((f) => (f.clause ? [f.clause] : [])))];
}
