// 5.4.8: a member's departure and replacement over the term. Pure rules (time is a parameter): the departure's input,
// the vacancy it opens in the member's category, the nomination by the source that category's route names (5.4.2 the
// head of the executive body, 5.4.3 the council chair, 5.4.4 a community gathering's protocol with a majority of its
// participants), the council's decision appointing the nominee, and the election of a new chair from the citizen
// members (5.4.6). Used by procedures/term/membership.ts (before anything is sent) and by the term workflow's
// validators (against the procedure's own state).
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { loc } from './i18n';
import { dmy } from './messages';
import { problem, type Problem } from './problem';

export type MemberCategoryName = 'municipal_employee' | 'deputy' | 'citizen';

export const DEPARTURE_REASONS = ['resigned', 'moved-away', 'died', 'removed-by-council', 'other'] as const;
export type DepartureReason = (typeof DEPARTURE_REASONS)[number];

/** Who names the replacement for each category (5.4.8 follows the formation's route: 5.4.2, 5.4.3, 5.4.4). */
export const NOMINATION_SOURCE = {
  municipal_employee: 'executive-head',
  deputy: 'council-chair',
  citizen: 'community-gathering',
} as const satisfies Record<MemberCategoryName, string>;
export type NominationSourceKind = (typeof NOMINATION_SOURCE)[MemberCategoryName];

export const NOMINATION_CLAUSE: Record<MemberCategoryName, string> = {
  municipal_employee: '5.4.2',
  deputy: '5.4.3',
  citizen: '5.4.4',
};

export const REASON_WORDS: Record<DepartureReason, { ky: string; ru: string; en: string }> = {
  resigned: { ky: 'өз каалоосу менен чыкты', ru: 'вышел(ла) по собственному желанию', en: 'resigned' },
  'moved-away': { ky: 'башка жерге көчүп кетти', ru: 'переехал(а)', en: 'moved away' },
  died: { ky: 'көз жумду', ru: 'скончался(лась)', en: 'died' },
  'removed-by-council': {
    ky: 'айылдык кеңештин чечими менен чыгарылды',
    ru: 'выведен(а) решением айылного кенеша',
    en: 'removed by the council',
  },
  other: { ky: 'башка себеп', ru: 'другая причина', en: 'other' },
};

export const CATEGORY_WORDS: Record<MemberCategoryName, { ky: string; ru: string; en: string }> = {
  municipal_employee: { ky: 'муниципалдык кызматчы', ru: 'муниципальный служащий', en: 'municipal employee' },
  deputy: { ky: 'айылдык кеңештин депутаты', ru: 'депутат айылного кенеша', en: 'council deputy' },
  citizen: { ky: 'жергиликтүү коомдоштуктун мүчөсү', ru: 'представитель местного сообщества', en: 'citizen' },
};

const SOURCE_WORDS: Record<NominationSourceKind, { ky: string; ru: string; en: string }> = {
  'executive-head': {
    ky: 'аткаруу органынын башчысы',
    ru: 'руководитель исполнительного органа',
    en: 'the head of the executive body',
  },
  'council-chair': { ky: 'айылдык кеңештин төрагасы', ru: 'председатель айылного кенеша', en: 'the council chair' },
  'community-gathering': {
    ky: 'коомдоштуктун жыйынынын протоколу',
    ru: 'протокол схода сообщества',
    en: "a community gathering's protocol",
  },
};

const required = (field: string): Problem =>
  problem('required', field, null, loc(`${field} керек.`, `Нужно поле ${field}.`, `${field} is required.`));

function dateProblems(field: string, value: unknown, today: IsoDate): Problem[] {
  if (typeof value !== 'string' || value === '') return [required(field)];
  if (!isIsoDate(value))
    return [
      problem(
        'invalid-date',
        field,
        null,
        loc(`${field}: ЖЖЖЖ-АА-КК түрүндө.`, `${field}: в виде ГГГГ-ММ-ДД.`, `${field}: a date YYYY-MM-DD.`),
      ),
    ];
  if (compareDates(value, today) > 0)
    return [
      problem(
        'date-in-future',
        field,
        '5.4.8',
        loc(
          `${dmy(value)} али келе элек: болгон нерсе гана катталат.`,
          `${dmy(value)} ещё не наступило: записывается только то, что уже произошло.`,
          `${dmy(value)} is in the future: only what already happened is recorded.`,
        ),
      ),
    ];
  return [];
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export interface DepartureInputToCheck {
  membershipId: unknown;
  leftOn: unknown;
  reason: unknown;
  note?: unknown;
}

/** 5.4.8: who left, on which day (not in the future) and why (one of DEPARTURE_REASONS; 'other' needs a note). */
export function checkDepartureInput(input: DepartureInputToCheck, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (text(input.membershipId) === '') problems.push(required('membershipId'));
  problems.push(...dateProblems('leftOn', input.leftOn, today));
  if (!DEPARTURE_REASONS.includes(input.reason as DepartureReason))
    problems.push(
      problem(
        'invalid-reason',
        'reason',
        '5.4.8',
        loc(
          `Себеп: ${DEPARTURE_REASONS.join(', ')} ичинен бири.`,
          `Причина: одна из ${DEPARTURE_REASONS.join(', ')}.`,
          `reason: one of ${DEPARTURE_REASONS.join(', ')}.`,
        ),
      ),
    );
  else if (input.reason === 'other' && text(input.note) === '') problems.push(required('note'));
  return problems;
}

/** The departure checked against the procedure's members: a current member, leaving on or after the term's start. */
export function checkDepartureAgainst(
  input: { membershipId: string; leftOn: IsoDate },
  ctx: { members: { membershipId: string; joinedOn: IsoDate | null }[] },
): Problem[] {
  const m = ctx.members.find((x) => x.membershipId === input.membershipId);
  if (!m)
    return [
      problem(
        'not-a-member',
        'membershipId',
        '5.4.8',
        loc(
          `${input.membershipId} топтун азыркы мүчөсү эмес.`,
          `${input.membershipId} — не текущий член группы.`,
          `${input.membershipId} is not a current member of the group.`,
        ),
      ),
    ];
  if (m.joinedOn !== null && compareDates(input.leftOn, m.joinedOn) < 0)
    return [
      problem(
        'left-before-joined',
        'leftOn',
        '5.4.8',
        loc(
          `Мүчө ${dmy(m.joinedOn)} күнү кирген; андан мурун чыга албайт.`,
          `Член вошёл в группу ${dmy(m.joinedOn)}; уйти раньше он не мог.`,
          `The member joined on ${dmy(m.joinedOn)}; they cannot have left before.`,
        ),
      ),
    ];
  return [];
}

export interface NominationInputToCheck {
  vacancyId: unknown;
  nominee: { fullName?: unknown; category?: unknown } | undefined;
  source: { kind?: unknown; ref?: unknown; date?: unknown; participants?: unknown; votesFor?: unknown } | undefined;
}

export interface VacancyRef {
  vacancyId: string;
  category: MemberCategoryName;
  openedOn: IsoDate;
}

/** The category of the replacement is the vacancy's (5.4.8): the refusal names the field and the rule. */
export function wrongCategoryProblem(field: string, vacancy: VacancyRef, given: string): Problem {
  const v = CATEGORY_WORDS[vacancy.category];
  return problem(
    'replacement-wrong-category',
    field,
    '5.4.8',
    loc(
      `Бош орун «${v.ky}» категориясында; алмаштыруу ошол эле категориядан болот (5.4.8), «${given}» эмес.`,
      `Вакансия в категории «${v.ru}»; замена производится из той же категории (5.4.8), а не «${given}».`,
      `The vacancy is in the category "${v.en}"; a replacement comes from the same category (5.4.8), not "${given}".`,
    ),
  );
}

/**
 * 5.4.8 with 5.4.2-5.4.4: the nominee is of the vacancy's category, named by that category's source; a gathering's
 * protocol shows a majority of its participants for the nominee (5.4.4). The source's date is not in the future nor
 * before the vacancy opened.
 */
export function checkNominationInput(
  input: NominationInputToCheck,
  today: IsoDate,
  vacancies: readonly VacancyRef[],
): Problem[] {
  const problems: Problem[] = [];
  const vacancy = vacancies.find((v) => v.vacancyId === input.vacancyId);
  if (!vacancy)
    return [
      problem(
        'unknown-vacancy',
        'vacancyId',
        '5.4.8',
        loc(
          `${String(input.vacancyId)} деген ачык бош орун жок.`,
          `Открытой вакансии ${String(input.vacancyId)} нет.`,
          `There is no open vacancy ${String(input.vacancyId)}.`,
        ),
      ),
    ];
  if (text(input.nominee?.fullName) === '') problems.push(required('nominee.fullName'));
  const category = text(input.nominee?.category);
  if (category === '') problems.push(required('nominee.category'));
  else if (category !== vacancy.category) problems.push(wrongCategoryProblem('nominee.category', vacancy, category));
  const want = NOMINATION_SOURCE[vacancy.category];
  const clause = NOMINATION_CLAUSE[vacancy.category];
  if (input.source?.kind !== want) {
    const w = SOURCE_WORDS[want];
    problems.push(
      problem(
        'wrong-nomination-source',
        'source.kind',
        clause,
        loc(
          `Бул категориянын талапкерин ${w.ky} көрсөтөт (${clause}, 5.4.8).`,
          `Кандидата этой категории называет ${w.ru} (${clause}, 5.4.8).`,
          `A nominee of this category is named by ${w.en} (${clause}, 5.4.8).`,
        ),
      ),
    );
  }
  if (text(input.source?.ref) === '') problems.push(required('source.ref'));
  const dateP = dateProblems('source.date', input.source?.date, today);
  problems.push(...dateP);
  if (dateP.length === 0 && compareDates(input.source!.date as IsoDate, vacancy.openedOn) < 0)
    problems.push(
      problem(
        'nomination-before-vacancy',
        'source.date',
        '5.4.8',
        loc(
          `Бош орун ${dmy(vacancy.openedOn)} ачылган; көрсөтүү андан мурун болбойт.`,
          `Вакансия открыта ${dmy(vacancy.openedOn)}; выдвижение не может быть раньше.`,
          `The vacancy opened on ${dmy(vacancy.openedOn)}; the nomination cannot be earlier.`,
        ),
      ),
    );
  if (vacancy.category === 'citizen' && input.source?.kind === 'community-gathering') {
    const n = input.source.participants;
    const f = input.source.votesFor;
    if (!Number.isInteger(n) || (n as number) < 1) problems.push(required('source.participants'));
    else if (!Number.isInteger(f) || (f as number) < 0 || (f as number) > (n as number))
      problems.push(
        problem(
          'invalid-votes',
          'source.votesFor',
          '5.4.4',
          loc(
            `Добуштардын саны 0 менен ${String(n)} ортосунда болушу керек.`,
            `Голосов от 0 до ${String(n)}.`,
            `votesFor: from 0 to ${String(n)}.`,
          ),
        ),
      );
    else if ((f as number) * 2 <= (n as number))
      problems.push(
        problem(
          'no-gathering-majority',
          'source.votesFor',
          '5.4.4',
          loc(
            `${String(f)} добуш ${String(n)} катышуучунун көпчүлүгү эмес (5.4.4: ${Math.floor((n as number) / 2) + 1} керек).`,
            `${String(f)} голосов из ${String(n)} участников — не большинство (5.4.4: нужно ${Math.floor((n as number) / 2) + 1}).`,
            `${String(f)} votes of ${String(n)} participants is not a majority (5.4.4: ${Math.floor((n as number) / 2) + 1} needed).`,
          ),
        ),
      );
  }
  return problems;
}

export interface AppointmentInputToCheck {
  vacancyId: unknown;
  category?: unknown;
  decisionNumber: unknown;
  decisionDate: unknown;
}

/** The council's decision appointing the nominee (5.4.5 as 5.4.8 repeats it): after the nomination, not in the future. */
export function checkAppointmentInput(
  input: AppointmentInputToCheck,
  today: IsoDate,
  vacancies: readonly (VacancyRef & { nomination: { source: { date: IsoDate } } | null })[],
): Problem[] {
  const vacancy = vacancies.find((v) => v.vacancyId === input.vacancyId);
  if (!vacancy)
    return [
      problem(
        'unknown-vacancy',
        'vacancyId',
        '5.4.8',
        loc(
          `${String(input.vacancyId)} деген ачык бош орун жок.`,
          `Открытой вакансии ${String(input.vacancyId)} нет.`,
          `There is no open vacancy ${String(input.vacancyId)}.`,
        ),
      ),
    ];
  const problems: Problem[] = [];
  const category = text(input.category);
  if (category !== '' && category !== vacancy.category)
    problems.push(wrongCategoryProblem('category', vacancy, category));
  if (!vacancy.nomination)
    problems.push(
      problem(
        'not-nominated',
        'vacancyId',
        NOMINATION_CLAUSE[vacancy.category],
        loc(
          `Адегенде талапкерди ${SOURCE_WORDS[NOMINATION_SOURCE[vacancy.category]].ky} көрсөтсүн (${NOMINATION_CLAUSE[vacancy.category]}).`,
          `Сначала кандидата должен выдвинуть ${SOURCE_WORDS[NOMINATION_SOURCE[vacancy.category]].ru} (${NOMINATION_CLAUSE[vacancy.category]}).`,
          `First ${SOURCE_WORDS[NOMINATION_SOURCE[vacancy.category]].en} names the nominee (${NOMINATION_CLAUSE[vacancy.category]}).`,
        ),
      ),
    );
  if (text(input.decisionNumber) === '') problems.push(required('decisionNumber'));
  const dateP = dateProblems('decisionDate', input.decisionDate, today);
  problems.push(...dateP);
  if (
    dateP.length === 0 &&
    vacancy.nomination &&
    compareDates(input.decisionDate as IsoDate, vacancy.nomination.source.date) < 0
  )
    problems.push(
      problem(
        'decision-before-nomination',
        'decisionDate',
        '5.4.5',
        loc(
          `Кеңештин чечими көрсөтүүдөн (${dmy(vacancy.nomination.source.date)}) мурун болбойт.`,
          `Решение кенеша не может быть раньше выдвижения (${dmy(vacancy.nomination.source.date)}).`,
          `The council's decision cannot precede the nomination (${dmy(vacancy.nomination.source.date)}).`,
        ),
      ),
    );
  return problems;
}

/** 5.4.6: the chair is elected from the citizen members (a refusal naming 5.4.6 otherwise). */
export function checkChairCandidate(
  membershipId: string,
  members: readonly { membershipId: string; category: MemberCategoryName }[],
): Problem[] {
  const m = members.find((x) => x.membershipId === membershipId);
  if (!m || m.category !== 'citizen')
    return [
      problem(
        'chair-not-citizen',
        'membershipId',
        '5.4.6',
        loc(
          'Топтун төрагасы жергиликтүү коомдоштуктун мүчөлөрүнөн шайланат (5.4.6).',
          'Председатель группы избирается из числа представителей местного сообщества (5.4.6).',
          "The group's chair is elected from its citizen members (5.4.6).",
        ),
      ),
    ];
  return [];
}

/**
 * 7.2.3 with 5.4.8: the members a meeting held on `heldOn` counts — those who joined on or before that day and had not
 * left by it (a member who left on `leftOn` no longer counts from that day). joinedOn null: a founding member.
 */
export function membersOn<M extends { membershipId: string; joinedOn: IsoDate | null }>(
  heldOn: IsoDate,
  current: readonly M[],
  departed: readonly (M & { leftOn: IsoDate })[],
): M[] {
  const joined = (m: M) => m.joinedOn === null || compareDates(m.joinedOn, heldOn) <= 0;
  return [...current.filter(joined), ...departed.filter((m) => joined(m) && compareDates(heldOn, m.leftOn) < 0)];
}

export interface AdditionInputToCheck {
  decisionNumber: unknown;
  decisionDate: unknown;
  members: readonly {
    person?: { fullName?: unknown; sex?: unknown } | undefined;
    category?: unknown;
    source?: NominationInputToCheck['source'];
  }[];
}

/**
 * 5.4.5 with 5.4.2-5.4.4: the council's decision adding members to cure a category short of its 5.2.3 share (a
 * replacement comes from the departed member's category, 5.4.8, and cannot). Each member is named through their
 * category's route, as at formation; the decision follows every nomination and is not in the future. The composition
 * that results is not refused (issue 14: what the council decided is recorded, with its violations shown).
 */
export function checkAdditionInput(input: AdditionInputToCheck, today: IsoDate, termStart?: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (text(input.decisionNumber) === '') problems.push(required('decisionNumber'));
  const dateP = dateProblems('decisionDate', input.decisionDate, today);
  problems.push(...dateP);
  if (dateP.length === 0 && termStart !== undefined && compareDates(input.decisionDate as IsoDate, termStart) < 0)
    problems.push(
      problem(
        'decision-before-term',
        'decisionDate',
        '5.3.1',
        loc(
          `Топтун мөөнөтү ${dmy(termStart)} күнү башталган; мүчө кошуу чечими андан мурун болбойт.`,
          `Срок полномочий группы начался ${dmy(termStart)}; решение о добавлении членов не может быть раньше.`,
          `The group's term began on ${dmy(termStart)}; a decision adding members cannot be earlier.`,
        ),
      ),
    );
  const members: AdditionInputToCheck['members'] = Array.isArray(input.members) ? input.members : [];
  if (members.length === 0) return [...problems, required('members')];
  members.forEach((m, i) => {
    const at = (field: string) => `members[${i}].${field}`;
    const category = text(m.category);
    if (!(category in NOMINATION_SOURCE)) {
      problems.push(
        problem(
          'invalid-category',
          at('category'),
          '5.2.3',
          loc(
            'Категория: municipal_employee, deputy же citizen.',
            'Категория: municipal_employee, deputy или citizen.',
            'category: municipal_employee, deputy or citizen.',
          ),
        ),
      );
      return;
    }
    // The same checks as a replacement's nomination (source, document, date, a gathering's majority), per member.
    const seat: VacancyRef = {
      vacancyId: 'addition',
      category: category as MemberCategoryName,
      openedOn: '0001-01-01',
    };
    const nominated = checkNominationInput(
      { vacancyId: 'addition', nominee: { fullName: m.person?.fullName, category }, source: m.source },
      today,
      [seat],
    );
    for (const p of nominated)
      problems.push({ ...p, field: at(p.field === 'nominee.fullName' ? 'person.fullName' : p.field) });
    if (m.person?.sex !== 'M' && m.person?.sex !== 'F')
      problems.push(
        problem('required', at('person.sex'), '5.2.3', loc('Жынысы: M же F.', 'Пол: M или F.', 'person.sex: M or F.')),
      );
    const date = m.source?.date;
    if (
      dateP.length === 0 &&
      typeof date === 'string' &&
      isIsoDate(date) &&
      compareDates(input.decisionDate as IsoDate, date) < 0
    )
      problems.push(
        problem(
          'decision-before-nomination',
          'decisionDate',
          '5.4.5',
          loc(
            `Кеңештин чечими көрсөтүүдөн (${dmy(date)}) мурун болбойт.`,
            `Решение кенеша не может быть раньше выдвижения (${dmy(date)}).`,
            `The council's decision cannot precede the nomination (${dmy(date)}).`,
          ),
        ),
      );
  });
  return problems;
}
