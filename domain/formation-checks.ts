// The formation's rules (5.4.1 to 5.4.7, with 5.3.2, 5.3.3, 5.2 and 7.2.3 where a step needs them) as the checks
// behind every formation update: pure and synchronous, the workflow runs them as update validators (a refusal
// leaves no trace in history), and a caller may run them on the queried state before sending. 5.4.4: the
// gathering's protocol and the citizens it elects; 5.4.5: the decision as adopted (its violations recorded); 5.4.6:
// the first meeting's quorum and the chair's election.
import type { Calendar } from './calendar';
import { checkComposition, type CompositionResult, type Finding } from './composition';
import { addDays, compareDates, isIsoDate, type IsoDate } from './dates';
import { computeDeadline } from './deadlines';
import { loc, type Localized } from './i18n';
import { dmy } from './messages';
import { problem, type Problem } from './problem';
import { CREATION_NOTICE_WORKING_DAYS_BEFORE, FIRST_MEETING_WORKING_DAYS } from './regulation';
import { isMajority, quorum } from './meeting';
import {
  CATEGORIES,
  cleanText,
  isPlausibleEmail,
  nameKey,
  normalisePhoneKg,
  parseBirthDate,
  type BirthDate,
  type RosterMember,
} from './roster';
import type {
  AddCandidateInput,
  Candidate,
  CouncilDecisionInput,
  DecisionViolation,
  DeputyMembersInput,
  FirstMeetingInput,
  FormationState,
  GatheringInput,
  MoveFirstMeetingInput,
  PersonInput,
  PublishNoticeInput,
  RemoveCandidateInput,
  ReplaceCandidateInput,
  ScheduleFirstMeetingInput,
  StaffCandidatesInput,
} from './formation';

export interface CheckContext {
  /** The workflow clock's date in Asia/Bishkek. */
  today: IsoDate;
  /** The working-day calendar the procedure's obligations use (absent before the first load). */
  calendar?: Calendar;
}

const NOTICE_CHANNELS = ['website', 'notice_board'] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function dateProblems(
  field: string,
  value: unknown,
  opts: { notBefore?: { date: IsoDate; what: Localized; clause: string | null }; today: IsoDate },
): Problem[] {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    return [
      problem(
        'invalid-date',
        field,
        null,
        loc(
          `«${String(value)}» — дата эмес (ЖЖЖЖ-АА-КК)`,
          `«${String(value)}» — не дата (ГГГГ-ММ-ДД)`,
          `"${String(value)}" is not a date (YYYY-MM-DD)`,
        ),
      ),
    ];
  }
  const out: Problem[] = [];
  if (compareDates(value, opts.today) > 0) {
    out.push(
      problem(
        'date-in-future',
        field,
        null,
        loc(
          `${value} бүгүнкү күндөн (${opts.today}) кийин; болгон иш гана жазылат`,
          `${value} позже сегодняшнего дня (${opts.today}); записывается то, что уже произошло`,
          `${value} is after today (${opts.today}); record what has happened`,
        ),
      ),
    );
  }
  const nb = opts.notBefore;
  if (nb && compareDates(value, nb.date) < 0) {
    out.push(
      problem(
        'date-too-early',
        field,
        nb.clause,
        loc(
          `${dmy(value)} ${nb.what.ky} (${dmy(nb.date)}) күнүнөн мурун`,
          `${dmy(value)} раньше, чем ${nb.what.ru} (${dmy(nb.date)})`,
          `${dmy(value)} is before ${nb.what.en} (${dmy(nb.date)})`,
        ),
      ),
    );
  }
  return out;
}

function channelProblems(channels: unknown, text: unknown): Problem[] {
  const out: Problem[] = [];
  const known = NOTICE_CHANNELS.join(', ');
  if (
    !Array.isArray(channels) ||
    channels.length === 0 ||
    channels.some((c) => !(NOTICE_CHANNELS as readonly unknown[]).includes(c))
  ) {
    out.push(
      problem(
        'invalid-channels',
        'channels',
        '5.4.1',
        loc(
          `${known} көрсөтүңүз (сайт жана/же жарыялар тактасы)`,
          `укажите ${known} (сайт и/или доски объявлений)`,
          `name one or both of ${known} (the website and/or notice boards)`,
        ),
      ),
    );
  }
  if (text !== undefined) {
    const t = text as Record<string, unknown> | null;
    for (const lang of ['ky', 'ru'] as const) {
      if (typeof t?.[lang] !== 'string' || t[lang].trim() === '') {
        out.push(
          problem(
            'missing-text',
            `text.${lang}`,
            null,
            loc(
              'жарыялар кыргыз жана орус тилдеринде жарыяланат: эки текст тең керек',
              'объявления публикуются на кыргызском и русском: нужны оба текста',
              'notices are published in Kyrgyz and Russian: give both texts',
            ),
          ),
        );
      }
    }
  }
  return out;
}

/** A person as entered, turned into a roster member of `category`; or the problems naming each bad field. */
export function personToMember(
  person: PersonInput,
  category: RosterMember['category'],
  field: string,
  today: IsoDate,
): { member?: RosterMember; problems: Problem[] } {
  const problems: Problem[] = [];
  const p = person as Partial<PersonInput> | null;
  const fullName = typeof p?.fullName === 'string' ? cleanText(p.fullName) : '';
  if (fullName === '')
    problems.push(
      problem(
        'missing-name',
        `${field}.fullName`,
        null,
        loc('толук аты-жөнү керек', 'нужно полное имя', 'the full name is required'),
      ),
    );
  if (p?.sex !== 'M' && p?.sex !== 'F')
    problems.push(
      problem(
        'invalid-sex',
        `${field}.sex`,
        '5.2.3',
        loc(
          `«${String(p?.sex)}» — M же F эмес`,
          `«${String(p?.sex)}» — не M и не F`,
          `"${String(p?.sex)}" is not M or F`,
        ),
      ),
    );
  let birthDate: BirthDate | undefined;
  if (typeof p?.birthDate === 'object' && p.birthDate !== null) birthDate = p.birthDate;
  else {
    const text = typeof p?.birthDate === 'string' ? p.birthDate : '';
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    try {
      birthDate = parseBirthDate(iso ? `${iso[3]}.${iso[2]}.${iso[1]}` : text, today);
    } catch (error) {
      problems.push(
        problem(
          'invalid-birth-date',
          `${field}.birthDate`,
          '5.2.1',
          loc(
            `туулган күнү «${text}»: КК.АА.ЖЖЖЖ же ЖЖЖЖ болушу керек, келечекте эмес`,
            `дата рождения «${text}»: нужна ДД.ММ.ГГГГ или ГГГГ, не в будущем`,
            error instanceof Error ? error.message : String(error),
          ),
        ),
      );
    }
  }
  // A phone is not required by the regulation: one that is not a valid Kyrgyz number is kept as written (the
  // roster check reports it as a warning, domain/roster.ts), never a refusal of the person.
  let phone: string | null = null;
  if (typeof p?.phone === 'string' && p.phone.trim() !== '') {
    try {
      phone = normalisePhoneKg(p.phone);
    } catch {
      phone = cleanText(p.phone);
    }
  }
  const email = typeof p?.email === 'string' && p.email.trim() !== '' ? p.email.trim() : null;
  if (email !== null && !isPlausibleEmail(email))
    problems.push(
      problem(
        'invalid-email',
        `${field}.email`,
        null,
        loc(
          `«${email}» — эл. почта дареги эмес`,
          `«${email}» — не адрес эл. почты`,
          `"${email}" is not an e-mail address`,
        ),
      ),
    );
  if (problems.length > 0 || !birthDate) return { problems };
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? cleanText(v) : null);
  return {
    member: {
      fullName,
      sex: p!.sex!,
      birthDate,
      category,
      workplace: text(p!.workplace),
      village: text(p!.village),
      phone,
      email,
    },
    problems,
  };
}

function activeNames(state: FormationState, except?: string): Set<string> {
  return new Set(state.candidates.filter((c) => c.candidateId !== except).map((c) => nameKey(c.fullName)));
}

function peopleProblems(
  state: FormationState,
  people: unknown,
  category: RosterMember['category'],
  field: string,
  today: IsoDate,
): Problem[] {
  if (!Array.isArray(people) || people.length === 0)
    return [problem('empty-list', field, null, loc('тизме бош', 'список пуст', 'the list is empty'))];
  const seen = activeNames(state);
  const out: Problem[] = [];
  (people as PersonInput[]).forEach((person, i) => {
    const { member, problems } = personToMember(person, category, `${field}[${i}]`, today);
    out.push(...problems);
    if (member) {
      if (seen.has(nameKey(member.fullName))) out.push(duplicate(`${field}[${i}].fullName`, member.fullName));
      seen.add(nameKey(member.fullName));
    }
  });
  return out;
}

const duplicate = (field: string, name: string) =>
  problem(
    'duplicate-candidate',
    field,
    null,
    loc(`${name} талапкерлердин тизмесинде бар`, `${name} уже в списке кандидатов`, `${name} is already a candidate`),
  );

function noticeFirst(state: FormationState): Problem[] {
  if (state.formationNotice) return [];
  return [
    problem(
      'formation-notice-missing',
      'formationNotice',
      '5.4.1',
      loc(
        'адегенде түзүү башталганы тууралуу жарыяны жарыялаңыз: 5.4.2-5.4.4 мөөнөттөрү анын күнүнөн саналат',
        'сначала опубликуйте объявление о начале формирования: от его даты считаются 5.4.2-5.4.4',
        'publish the formation notice first: its date starts 5.4.2-5.4.4',
      ),
    ),
  ];
}

function beforeDecision(state: FormationState): Problem[] {
  if (state.decision === null) return [];
  return [
    problem(
      'decision-recorded',
      'decision',
      '5.4.5',
      loc(
        `кеңеш ${dmy(state.decision.decidedOn)} чечим кабыл алган; курам бул жерде өзгөрбөйт (мүчөнү алмаштыруу — 5.4.8)`,
        `кенеш уже принял решение ${dmy(state.decision.decidedOn)}; состав здесь больше не меняется (замена членов — 5.4.8)`,
        `the council decided on ${dmy(state.decision.decidedOn)}; the composition can no longer change here (5.4.8 replaces members)`,
      ),
    ),
  ];
}

const noticeDate = (state: FormationState) => ({
  date: state.formationNotice!.publishedOn,
  what: loc('түзүү башталганы тууралуу жарыя', 'объявление о начале формирования', 'the formation notice'),
  clause: '5.4.1',
});

/** 5.4.1: once, on or after the council's formation, not in the future, on the website and/or notice boards. */
export function checkPublishFormationNotice(
  state: FormationState,
  input: PublishNoticeInput,
  ctx: CheckContext,
): Problem[] {
  if (state.formationNotice) {
    return [
      problem(
        'already-published',
        'formationNotice',
        '5.4.1',
        loc(
          `жарыя ${dmy(state.formationNotice.publishedOn)} жарыяланган`,
          `объявление уже опубликовано ${dmy(state.formationNotice.publishedOn)}`,
          `the formation notice was published on ${dmy(state.formationNotice.publishedOn)}`,
        ),
      ),
    ];
  }
  return [
    ...dateProblems('publishedOn', input?.publishedOn, {
      today: ctx.today,
      notBefore: {
        date: state.formedOn,
        what: loc('кеңештин түзүлүшү', 'формирование кенеша', "the council's formation"),
        clause: '5.4.1',
      },
    }),
    ...channelProblems(input?.channels, input?.text),
  ];
}

function nominationList(
  state: FormationState,
  ctx: CheckContext,
  already: IsoDate | null,
  clause: string,
  dateField: string,
  date: unknown,
  listField: string,
  list: unknown,
  category: RosterMember['category'],
): Problem[] {
  const first = [...noticeFirst(state), ...beforeDecision(state)];
  if (first.length > 0) return first;
  if (already !== null) {
    return [
      problem(
        'already-recorded',
        listField,
        clause,
        loc(
          `тизме ${already} жазылган; талапкерди кошуңуз, чыгарыңыз же алмаштырыңыз`,
          `список уже записан ${already}; добавляйте, исключайте или заменяйте кандидатов`,
          `the list was recorded on ${already}; add, remove or replace candidates instead`,
        ),
      ),
    ];
  }
  return [
    ...dateProblems(dateField, date, { today: ctx.today, notBefore: noticeDate(state) }),
    ...peopleProblems(state, list, category, listField, ctx.today),
  ];
}

/** 5.4.2: the executive head's list of municipal employees, once, after the formation notice. */
export function checkSubmitStaffCandidates(
  state: FormationState,
  input: StaffCandidatesInput,
  ctx: CheckContext,
): Problem[] {
  return nominationList(
    state,
    ctx,
    state.staffCandidatesOn,
    '5.4.2',
    'submittedOn',
    input?.submittedOn,
    'candidates',
    input?.candidates,
    'municipal_employee',
  );
}

/** 5.4.3: the deputies approved by the council chair, once, after the formation notice. */
export function checkApproveDeputyMembers(
  state: FormationState,
  input: DeputyMembersInput,
  ctx: CheckContext,
): Problem[] {
  return nominationList(
    state,
    ctx,
    state.deputyMembersOn,
    '5.4.3',
    'approvedOn',
    input?.approvedOn,
    'deputies',
    input?.deputies,
    'deputy',
  );
}

/** 5.4.4: a candidate is elected by more than half of the participants' votes. */
export function electedByGathering(votes: number, participants: number): boolean {
  return isMajority(votes, participants);
}

const wholeNumber = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** 5.4.4: the protocol's numbers must be possible: at least 1 participant, each candidate's votes 0..participants. */
export function checkRecordGatheringProtocol(
  state: FormationState,
  input: GatheringInput,
  ctx: CheckContext,
): Problem[] {
  const first = [...noticeFirst(state), ...beforeDecision(state)];
  if (first.length > 0) return first;
  const out = [...dateProblems('heldOn', input?.heldOn, { today: ctx.today, notBefore: noticeDate(state) })];
  if (typeof input?.protocolRef !== 'string' || input.protocolRef.trim() === '') {
    out.push(
      problem(
        'missing-protocol-ref',
        'protocolRef',
        '5.4.4',
        loc(
          'протоколдун номери (реквизиттери) керек',
          'нужен номер (реквизиты) протокола',
          "the protocol's number or reference is required",
        ),
      ),
    );
  }
  const participants = input?.participants;
  if (!wholeNumber(participants, 1)) {
    out.push(
      problem(
        'invalid-participants',
        'participants',
        '5.4.4',
        loc(
          `${String(participants)} — катышуучулардын бүтүн саны эмес (1ден баштап)`,
          `${String(participants)} — не целое число участников (от 1)`,
          `${String(participants)} is not a whole number of participants (1 or more)`,
        ),
      ),
    );
  }
  out.push(...peopleProblems(state, input?.candidates, 'citizen', 'candidates', ctx.today));
  if (Array.isArray(input?.candidates)) {
    input.candidates.forEach((c, i) => {
      const votes = (c as { votes?: unknown } | null)?.votes;
      if (!wholeNumber(votes, 0)) {
        out.push(
          problem(
            'invalid-votes',
            `candidates[${i}].votes`,
            '5.4.4',
            loc(
              `${String(votes)} — добуштардын бүтүн саны эмес (0дөн баштап)`,
              `${String(votes)} — не целое число голосов (от 0)`,
              `${String(votes)} is not a whole number of votes (0 or more)`,
            ),
          ),
        );
      } else if (wholeNumber(participants, 1) && votes > participants) {
        out.push(
          problem(
            'votes-exceed-participants',
            `candidates[${i}].votes`,
            '5.4.4',
            loc(
              `${c.fullName} үчүн ${votes} добуш ${participants} катышуучудан көп`,
              `${votes} голосов за ${c.fullName} больше, чем ${participants} участников`,
              `${votes} votes for ${c.fullName} exceed the ${participants} participants`,
            ),
          ),
        );
      }
    });
  }
  return out;
}

function candidateProblems(
  state: FormationState,
  input: AddCandidateInput,
  ctx: CheckContext,
  replacing?: string,
): Problem[] {
  const out: Problem[] = [];
  if (!(CATEGORIES as readonly unknown[]).includes(input?.category)) {
    out.push(
      problem(
        'invalid-category',
        'category',
        '5.2.3',
        loc(
          `«${String(input?.category)}» — ${CATEGORIES.join(', ')} категорияларынын бири эмес`,
          `«${String(input?.category)}» — не одна из категорий ${CATEGORIES.join(', ')}`,
          `"${String(input?.category)}" is not one of ${CATEGORIES.join(', ')}`,
        ),
      ),
    );
    return out;
  }
  out.push(...dateProblems('nominatedOn', input.nominatedOn, { today: ctx.today, notBefore: noticeDate(state) }));
  const { member, problems } = personToMember(input.person, input.category, 'person', ctx.today);
  out.push(...problems);
  if (member && activeNames(state, replacing).has(nameKey(member.fullName)))
    out.push(duplicate('person.fullName', member.fullName));
  if (input.category === 'citizen') {
    const protocol = state.protocols.find((p) => p.protocolId === input.protocolId);
    if (!protocol) {
      out.push(
        problem(
          'protocol-required',
          'protocolId',
          '5.4.4',
          loc(
            'жарандар коомдоштуктун жыйынында шайланат: жыйындын протоколун көрсөтүңүз',
            'граждане избираются на собрании местного сообщества: укажите протокол собрания',
            `citizens are elected at a community gathering: give the id of its protocol (${state.protocols.map((p) => p.protocolId).join(', ') || 'none recorded yet'})`,
          ),
        ),
      );
    } else if (member) {
      const result = protocol.results.find((r) => nameKey(r.fullName) === nameKey(member.fullName));
      if (!result) {
        out.push(
          problem(
            'not-in-protocol',
            'person.fullName',
            '5.4.4',
            loc(
              `${member.fullName} ${dmy(protocol.heldOn)} күнкү ${protocol.protocolRef} протоколунда жок`,
              `${member.fullName} нет в протоколе ${protocol.protocolRef} от ${dmy(protocol.heldOn)}`,
              `${member.fullName} is not in the protocol ${protocol.protocolRef} of ${dmy(protocol.heldOn)}`,
            ),
          ),
        );
      } else if (!result.elected) {
        out.push(
          problem(
            'not-elected',
            'person.fullName',
            '5.4.4',
            loc(
              `${protocol.participants} добуштан ${result.votes} — көпчүлүк эмес (жарымынан көбү керек)`,
              `${result.votes} из ${protocol.participants} голосов — не большинство (нужно больше половины)`,
              `${result.votes} of ${protocol.participants} votes is not a majority (more than half is needed)`,
            ),
          ),
        );
      }
    }
  }
  return out;
}

/** A candidate may be added until the council decides (5.4.5); a citizen only with a gathering's majority (5.4.4). */
export function checkAddCandidate(state: FormationState, input: AddCandidateInput, ctx: CheckContext): Problem[] {
  const first = [...noticeFirst(state), ...beforeDecision(state)];
  return first.length > 0 ? first : candidateProblems(state, input, ctx);
}

function findCandidate(state: FormationState, candidateId: unknown): Candidate | undefined {
  return state.candidates.find((c) => c.candidateId === candidateId);
}

const unknownCandidate = (state: FormationState, candidateId: unknown) =>
  problem(
    'unknown-candidate',
    'candidateId',
    null,
    loc(
      `${String(candidateId)} талапкери жок`,
      `нет кандидата ${String(candidateId)}`,
      `no candidate ${String(candidateId)} (candidates: ${state.candidates.map((c) => c.candidateId).join(', ') || 'none'})`,
    ),
  );

export function checkRemoveCandidate(state: FormationState, input: RemoveCandidateInput): Problem[] {
  const first = beforeDecision(state);
  if (first.length > 0) return first;
  const out: Problem[] = [];
  if (!findCandidate(state, input?.candidateId)) out.push(unknownCandidate(state, input?.candidateId));
  if (typeof input?.reason !== 'string' || input.reason.trim() === '')
    out.push(
      problem(
        'missing-reason',
        'reason',
        null,
        loc(
          'тизмеден чыгаруунун себебин жазыңыз',
          'укажите причину исключения',
          'say why the candidate leaves the list',
        ),
      ),
    );
  return out;
}

export function checkReplaceCandidate(
  state: FormationState,
  input: ReplaceCandidateInput,
  ctx: CheckContext,
): Problem[] {
  const removal = checkRemoveCandidate(state, input);
  if (removal.some((p) => p.code === 'decision-recorded')) return removal;
  return [...removal, ...candidateProblems(state, input, ctx, input?.candidateId)];
}

/** The composition of the current candidates on `on` (5.2.1, 5.2.3), or null while there are none. */
export function compositionOf(candidates: Candidate[], on: IsoDate, chair?: string): CompositionResult | null {
  if (candidates.length === 0) return null;
  return checkComposition(candidates.map(toMember), { on, ...(chair === undefined ? {} : { chair }) });
}

export function toMember(c: Candidate): RosterMember {
  return {
    fullName: c.fullName,
    sex: c.sex,
    birthDate: c.birthDate,
    category: c.category,
    workplace: c.workplace,
    village: c.village,
    phone: c.phone,
    email: c.email,
  };
}

/** 5.4.5: every earlier step done, the resolution's number and date; a chair the decision names is a candidate. */
export function checkRecordCouncilDecision(
  state: FormationState,
  input: CouncilDecisionInput,
  ctx: CheckContext,
): Problem[] {
  if (state.decision) return beforeDecision(state);
  const out: Problem[] = [];
  const missing = (code: string, clause: string, en: string, ru: string, ky: string) =>
    out.push(problem(code, 'steps', clause, loc(ky, ru, en)));
  if (!state.formationNotice)
    missing(
      'formation-notice-missing',
      '5.4.1',
      'the formation notice is not published',
      'объявление о начале формирования не опубликовано',
      'түзүү башталганы тууралуу жарыя жарыялана элек',
    );
  if (!state.staffCandidatesOn)
    missing(
      'staff-candidates-missing',
      '5.4.2',
      "the executive head's candidates are not recorded",
      'кандидаты от главы айыл окмоту не записаны',
      'айыл өкмөтү башчысынын талапкерлери жазыла элек',
    );
  if (!state.deputyMembersOn)
    missing(
      'deputy-members-missing',
      '5.4.3',
      'the deputies approved by the council chair are not recorded',
      'депутаты, утверждённые председателем кенеша, не записаны',
      'кеңештин төрагасы бекиткен депутаттар жазыла элек',
    );
  if (state.protocols.length === 0)
    missing(
      'gathering-missing',
      '5.4.4',
      "no community gathering's protocol is recorded",
      'протокол собрания местного сообщества не записан',
      'коомдоштуктун жыйынынын протоколу жазыла элек',
    );
  const latest = [
    state.formationNotice?.publishedOn,
    state.staffCandidatesOn,
    state.deputyMembersOn,
    ...state.protocols.map((p) => p.heldOn),
  ]
    .filter((d): d is IsoDate => typeof d === 'string')
    .sort()
    .at(-1);
  out.push(
    ...dateProblems('decidedOn', input?.decidedOn, {
      today: ctx.today,
      ...(latest
        ? {
            notBefore: {
              date: latest,
              what: loc(
                'талапкерлерди көрсөтүүнүн акыркы кадамы',
                'последний шаг выдвижения',
                'the last nomination step',
              ),
              clause: '5.4.5',
            },
          }
        : {}),
    }),
  );
  if (typeof input?.resolutionNumber !== 'string' || input.resolutionNumber.trim() === '') {
    out.push(
      problem(
        'missing-resolution',
        'resolutionNumber',
        '5.4.5',
        loc(
          'кеңештин токтомунун номери керек',
          'нужен номер постановления кенеша',
          "the council resolution's number is required",
        ),
      ),
    );
  }
  if (state.candidates.length === 0)
    out.push(
      problem(
        'no-candidates',
        'candidates',
        '5.2.1',
        loc('талапкерлер жок', 'кандидатов нет', 'there are no candidates'),
      ),
    );
  const chair = input?.chair;
  if (chair !== undefined && chair !== null && !namedChair(state, chair)) {
    const who = String(chair.candidateId ?? chair.fullName);
    out.push(
      problem(
        'chair-not-candidate',
        'chair',
        '5.4.6',
        loc(
          `${who} — талапкерлердин арасында жок: чечим төраганы талапкерлерден гана дайындай алат`,
          `${who} — не среди кандидатов: решение может назначить председателем только кандидата`,
          `${who} is not among the candidates: the decision can name only a candidate as chair`,
        ),
      ),
    );
  }
  // 5.4.5: the composition's violations of 5.2 never refuse the decision (decisionViolations records them).
  return out;
}

/** The candidate a decision names as chair, by id or by name. */
export function namedChair(state: FormationState, chair: CouncilDecisionInput['chair']): Candidate | undefined {
  if (!chair) return undefined;
  if (chair.candidateId !== undefined) return findCandidate(state, chair.candidateId);
  return typeof chair.fullName === 'string'
    ? state.candidates.find((c) => nameKey(c.fullName) === nameKey(chair.fullName!))
    : undefined;
}

/**
 * 5.4.5 as adopted: every rule of 5.2 (and 5.4.6 for a chair the decision names) the composition breaks on the
 * decision date, with its clause. Recorded with the decision, never a reason to refuse it.
 */
export function decisionViolations(candidates: Candidate[], decidedOn: IsoDate, chair?: string): DecisionViolation[] {
  return (compositionOf(candidates, decidedOn, chair)?.findings ?? [])
    .filter((f) => f.severity === 'violation')
    .map((f) => ({ code: f.code, clause: CATEGORY_CLAUSE[f.code] ?? f.clause, message: recordedWords(f) }));
}

/** A finding's words as the group's record and public pages keep them: a member's name, never a birth date. */
function recordedWords(f: Finding): Localized {
  const who = f.member?.fullName ?? '';
  switch (f.code) {
    case 'member-under-18':
      return loc(
        `${who} чечимдин күнү 18 жашка чыга элек (5.2.1)`,
        `${who} на дату решения не исполнилось 18 лет (5.2.1)`,
        `${who} was under 18 on the decision's date (5.2.1)`,
      );
    case 'member-age-undetermined':
      return loc(
        `${who}: чечимдин күнү 18 жашка чыкканы белгисиз, туулган жылы гана белгилүү (5.2.1)`,
        `${who}: исполнилось ли 18 лет на дату решения, неизвестно, известен только год рождения (5.2.1)`,
        `${who}: whether 18 on the decision's date is unknown, only the birth year is known (5.2.1)`,
      );
    case 'duplicate-person':
      return loc(
        `${f.otherMember?.fullName ?? ''} жана ${who} — бир эле адам (5.2.1)`,
        `${f.otherMember?.fullName ?? ''} и ${who} — один и тот же человек (5.2.1)`,
        `${f.otherMember?.fullName ?? ''} and ${who} are the same person (5.2.1)`,
      );
    default:
      return f.message;
  }
}

/** 5.2.3's three categories by their item, as the glossary writes them: 5.2.3(1), 5.2.3(2), 5.2.3(3). */
const CATEGORY_CLAUSE: Readonly<Record<string, string>> = {
  'municipal-employees-below-quota': '5.2.3(1)',
  'deputies-below-quota': '5.2.3(2)',
  'citizens-below-half': '5.2.3(3)',
};

/** 5.3.2-5.3.3: a first meeting's date (not in the past), time (HH:MM) and place (published, so required). */
function meetingWhenWhereProblems(
  input: { date?: unknown; time?: unknown; place?: unknown } | null | undefined,
  today: IsoDate,
): Problem[] {
  const out: Problem[] = [];
  const date = input?.date;
  if (typeof date !== 'string' || !isIsoDate(date)) out.push(...dateProblems('date', date, { today }));
  else if (compareDates(date, today) < 0)
    out.push(
      problem(
        'date-in-past',
        'date',
        '5.3.2',
        loc(
          `${dmy(date)} бүгүнкү күндөн (${dmy(today)}) мурун`,
          `${dmy(date)} раньше сегодняшнего дня (${dmy(today)})`,
          `${dmy(date)} is before today (${dmy(today)})`,
        ),
      ),
    );
  if (typeof input?.time !== 'string' || !TIME.test(input.time))
    out.push(
      problem(
        'invalid-time',
        'time',
        '5.3.3',
        loc(
          `«${String(input?.time)}» — СС:ММ убактысы эмес`,
          `«${String(input?.time)}» — не время ЧЧ:ММ`,
          `"${String(input?.time)}" is not a time HH:MM`,
        ),
      ),
    );
  if (typeof input?.place !== 'string' || input.place.trim() === '')
    out.push(
      problem(
        'missing-place',
        'place',
        '5.3.3',
        loc(
          'өтүүчү жери керек (ал жарыяланат, 5.3.3)',
          'нужно место (оно публикуется, 5.3.3)',
          'the place is required (it is published, 5.3.3)',
        ),
      ),
    );
  return out;
}

/** The first meeting's notice is due N working days before it (5.3.3), on the procedure's calendar. */
export function creationNoticeDue(meetingDate: IsoDate, calendar: Calendar): IsoDate {
  return computeDeadline('creation-notice', meetingDate, calendar).due;
}

/**
 * 5.3.2: the first meeting is held within FIRST_MEETING_WORKING_DAYS working days of the decision. A date after
 * that due date is refused while an on-time date can still be chosen; once the due date has passed, a late date is
 * accepted with a warning (the obligation has escalated; refusing every date would stall the procedure).
 */
export function checkScheduleFirstMeeting(
  state: FormationState,
  input: ScheduleFirstMeetingInput,
  ctx: CheckContext,
): { problems: Problem[]; warnings: Localized[] } {
  const warnings: Localized[] = [];
  if (!state.decision) {
    return {
      problems: [
        problem(
          'decision-missing',
          'decision',
          '5.4.5',
          loc(
            'адегенде кеңештин чечимин жазыңыз',
            'сначала запишите решение кенеша',
            "record the council's decision first",
          ),
        ),
      ],
      warnings,
    };
  }
  if (state.meeting) {
    return {
      problems: [
        problem(
          'already-scheduled',
          'meeting',
          '5.3.2',
          loc(
            `биринчи жыйналыш ${dmy(state.meeting.date)} күнүнө белгиленген`,
            `первое заседание уже назначено на ${dmy(state.meeting.date)}`,
            `the first meeting is set for ${dmy(state.meeting.date)}`,
          ),
        ),
      ],
      warnings,
    };
  }
  const out: Problem[] = [];
  const date = input?.date;
  out.push(...meetingWhenWhereProblems(input, ctx.today));
  const due = state.obligations.find((o) => o.key === 'first-meeting')?.due ?? null;
  if (out.length === 0 && typeof date === 'string' && due !== null) {
    if (compareDates(date, due) > 0) {
      if (compareDates(due, ctx.today) >= 0) {
        out.push(
          problem(
            'after-first-meeting-due',
            'date',
            '5.3.2',
            loc(
              `${dmy(date)} биринчи жыйналыштын акыркы күнүнөн (${dmy(due)}, чечимден кийин ${FIRST_MEETING_WORKING_DAYS} жумуш күнү) кийин`,
              `${dmy(date)} позже ${dmy(due)} — последнего дня для первого заседания (${FIRST_MEETING_WORKING_DAYS} рабочих дней после решения)`,
              `${dmy(date)} is after ${dmy(due)}, the last day for the first meeting (${FIRST_MEETING_WORKING_DAYS} working days from the decision)`,
            ),
          ),
        );
      } else {
        warnings.push(
          loc(
            `биринчи жыйналыш ${dmy(due)} күнүнө чейин өтүшү керек эле (5.3.2); ${dmy(date)} — кечигүү менен`,
            `первое заседание нужно было провести до ${dmy(due)} (5.3.2); ${dmy(date)} — с опозданием`,
            `the first meeting was due by ${dmy(due)} (5.3.2); ${dmy(date)} is late`,
          ),
        );
      }
    }
  }
  if (out.length === 0 && typeof date === 'string' && ctx.calendar) {
    const noticeDue = creationNoticeDue(date, ctx.calendar);
    if (compareDates(noticeDue, ctx.today) < 0) {
      warnings.push(
        loc(
          `түзүлгөнү тууралуу жарыя ${dmy(date)} күнүнөн ${CREATION_NOTICE_WORKING_DAYS_BEFORE} жумуш күнү мурун, ${dmy(noticeDue)} күнүнө чейин жарыялануусу керек эле (5.3.3); эми кечигип гана`,
          `объявление о создании нужно было опубликовать до ${dmy(noticeDue)}, за ${CREATION_NOTICE_WORKING_DAYS_BEFORE} рабочих дня до ${dmy(date)} (5.3.3); теперь только с опозданием`,
          `the creation notice was due by ${dmy(noticeDue)}, ${CREATION_NOTICE_WORKING_DAYS_BEFORE} working days before ${dmy(date)} (5.3.3); it can only be published late`,
        ),
      );
    }
  }
  return { problems: out, warnings };
}

/** 5.3.3, 5.4.7: once the meeting is scheduled, on or after the decision, not in the future. */
export function checkPublishCreationNotice(
  state: FormationState,
  input: PublishNoticeInput,
  ctx: CheckContext,
): Problem[] {
  if (!state.meeting || !state.decision) {
    return [
      problem(
        'meeting-not-scheduled',
        'meeting',
        '5.3.3',
        loc(
          'адегенде биринчи жыйналышты белгилеңиз: жарыяда анын күнү, убактысы жана жери болот',
          'сначала назначьте первое заседание: объявление сообщает его дату, время и место',
          'schedule the first meeting first: the notice gives its date, time and place',
        ),
      ),
    ];
  }
  if (state.creationNotice) {
    return [
      problem(
        'already-published',
        'creationNotice',
        '5.3.3',
        loc(
          `түзүлгөнү тууралуу жарыя ${dmy(state.creationNotice.publishedOn)} жарыяланган`,
          `объявление о создании уже опубликовано ${dmy(state.creationNotice.publishedOn)}`,
          `the creation notice was published on ${dmy(state.creationNotice.publishedOn)}`,
        ),
      ),
    ];
  }
  return [
    ...dateProblems('publishedOn', input?.publishedOn, {
      today: ctx.today,
      notBefore: {
        date: state.decision.decidedOn,
        what: loc('кеңештин чечими', 'решение кенеша', "the council's decision"),
        clause: '5.4.7',
      },
    }),
    ...channelProblems(input?.channels, input?.text),
  ];
}

/** The candidate the chair election names, by id or by name. */
export function chairCandidate(
  state: FormationState,
  election: FirstMeetingInput['chairElection'] | undefined,
): Candidate | undefined {
  if (!election) return undefined;
  if (election.candidateId !== undefined) return findCandidate(state, election.candidateId);
  return typeof election.fullName === 'string'
    ? state.candidates.find((c) => nameKey(c.fullName) === nameKey(election.fullName!))
    : undefined;
}

/**
 * 5.4.6 and 7.2.3: the first meeting has a quorum (more than half of all members present), and the chair is a
 * citizen member elected by open vote: more votes for than half of the members present (votesFor × 2 > present).
 */
export function checkRecordFirstMeeting(state: FormationState, input: FirstMeetingInput, ctx: CheckContext): Problem[] {
  if (!state.creationNotice || !state.decision || !state.meeting) {
    return [
      problem(
        'creation-notice-missing',
        'creationNotice',
        '5.3.3',
        loc(
          'адегенде топтун түзүлгөнү жана биринчи жыйналышы тууралуу жарыяны жарыялаңыз',
          'сначала опубликуйте объявление о создании группы и первом заседании',
          'publish the creation notice with the meeting details first',
        ),
      ),
    ];
  }
  if (state.firstMeeting)
    return [
      problem(
        'already-recorded',
        'firstMeeting',
        '5.4.6',
        loc('биринчи жыйналыш жазылган', 'первое заседание уже записано', 'the first meeting is recorded'),
      ),
    ];
  const out = [
    ...dateProblems('heldOn', input?.heldOn, {
      today: ctx.today,
      notBefore: {
        date: state.decision.decidedOn,
        what: loc('кеңештин чечими', 'решение кенеша', "the council's decision"),
        clause: '5.3.2',
      },
    }),
  ];
  const total = state.candidates.length;
  const present = input?.present;
  if (!wholeNumber(present, 0) || present > total) {
    out.push(
      problem(
        'invalid-present',
        'present',
        '7.2.3',
        loc(
          `${String(present)} — катышкандардын мүмкүн болгон саны эмес (0дөн ${total}ге чейин)`,
          `${String(present)} — невозможное число присутствующих (от 0 до ${total})`,
          `${String(present)} is not a number of members present (0 to ${total})`,
        ),
      ),
    );
    return out;
  }
  const q = quorum(total, present);
  if (!q.met)
    out.push(
      problem(
        'no-quorum',
        'present',
        '7.2.3',
        loc(
          `${q.text.ky}; кворумсуз өткөн жыйналышты "кворумсуз" деп жазып, жаңысын белгилеңиз (биринчи жыйналышты жылдыруу)`,
          `${q.text.ru}; заседание без кворума запишите как «без кворума» и назначьте новое (перенос первого заседания)`,
          `${q.text.en}; record a meeting without quorum as such and schedule a new one (move the first meeting)`,
        ),
      ),
    );
  const named = state.decision.chair ?? null;
  if (named) {
    // 5.4.5: the council's decision named the chair; no election at the first meeting.
    if (input?.chairElection !== undefined && input.chairElection !== null)
      out.push(
        problem(
          'chair-named-by-decision',
          'chairElection',
          '5.4.5',
          loc(
            `кеңештин чечими төрага катары ${named.fullName} дайындаган: биринчи жыйналышта төрага шайланбайт`,
            `решение кенеша назначило председателем ${named.fullName}: на первом заседании председатель не избирается`,
            `the council's decision named ${named.fullName} chair: no chair is elected at the first meeting`,
          ),
        ),
      );
    return out;
  }
  const election = input?.chairElection;
  const chair = chairCandidate(state, election);
  if (election === undefined || election === null) {
    out.push(
      problem(
        'chair-election-missing',
        'chairElection',
        '5.4.6',
        loc(
          'төраганын шайлоосу керек (кеңештин чечими төраганы дайындаган эмес)',
          'нужны выборы председателя (решение кенеша председателя не назначало)',
          "the chair's election is required (the council's decision did not name a chair)",
        ),
      ),
    );
    return out;
  } else if (!chair) {
    out.push(
      problem(
        'chair-not-member',
        'chairElection',
        '5.4.6',
        loc(
          `${String(election?.candidateId ?? election?.fullName)} топтун мүчөсү эмес`,
          `${String(election?.candidateId ?? election?.fullName)} не член группы`,
          `${String(election?.candidateId ?? election?.fullName)} is not a member of the group`,
        ),
      ),
    );
  } else {
    const composition = compositionOf(
      state.candidates,
      typeof input.heldOn === 'string' && isIsoDate(input.heldOn) ? input.heldOn : ctx.today,
      chair.fullName,
    );
    for (const f of composition?.findings ?? [])
      if (f.code.startsWith('chair-')) out.push(problem(`composition:${f.code}`, 'chairElection', f.clause, f.message));
  }
  const votes = [election?.votesFor, election?.votesAgainst, election?.abstained];
  if (!votes.every((v) => wholeNumber(v, 0))) {
    out.push(
      problem(
        'invalid-votes',
        'chairElection',
        '5.4.6',
        loc(
          '«макул», «каршы» жана «калыс» добуштары — 0дөн баштаган бүтүн сандар',
          'голоса «за», «против» и «воздержались» — целые числа от 0',
          'votes for, against and abstentions are whole numbers of 0 or more',
        ),
      ),
    );
  } else {
    const [f, a, ab] = votes;
    if (f! + a! + ab! > present) {
      out.push(
        problem(
          'votes-exceed-present',
          'chairElection',
          '5.4.6',
          loc(
            `${f} + ${a} + ${ab} = ${f! + a! + ab!} добуш катышкан ${present} мүчөдөн көп`,
            `${f} + ${a} + ${ab} = ${f! + a! + ab!} голосов больше, чем ${present} присутствующих`,
            `${f} + ${a} + ${ab} = ${f! + a! + ab!} votes exceed the ${present} members present`,
          ),
        ),
      );
    } else if (!isMajority(f!, present)) {
      // 5.4.6: the chair by a majority of those present
      out.push(
        problem(
          'chair-not-elected',
          'chairElection.votesFor',
          '5.4.6',
          loc(
            `катышкан ${present} мүчөдөн ${f} — көпчүлүк эмес: катышкандардын жарымынан көбү керек`,
            `${f} из ${present} присутствующих — не большинство: нужно больше половины присутствующих`,
            `${f} of ${present} present is not a majority: the chair needs more than half of the members present`,
          ),
        ),
      );
    }
  }
  return out;
}

/**
 * 5.3.3: the earliest meeting date whose creation notice (N working days before it) can still be published on or
 * after `today`.
 */
export function earliestMeetingDateForNotice(today: IsoDate, calendar: Calendar): IsoDate {
  let date = today;
  while (compareDates(creationNoticeDue(date, calendar), today) < 0) date = addDays(date, 1);
  return date;
}

/**
 * 5.3.3, 5.3.2, 7.2.3: a scheduled first meeting moved before it is held (or recorded as held without quorum and a new
 * one scheduled). The new date leaves time for a new notice at least N working days before it (refused otherwise,
 * naming the earliest date that does); a date past the 5.3.2 limit is accepted with a warning (late).
 */
export function checkMoveFirstMeeting(
  state: FormationState,
  input: MoveFirstMeetingInput,
  ctx: CheckContext,
): { problems: Problem[]; warnings: Localized[]; late: boolean } {
  const warnings: Localized[] = [];
  const refused = (p: Problem) => ({ problems: [p], warnings, late: false });
  if (state.firstMeeting)
    return refused(
      problem(
        'meeting-already-held',
        'meeting',
        '5.4.6',
        loc(
          `биринчи жыйналыш ${dmy(state.firstMeeting.heldOn)} өткөн жана жазылган: аны жылдырууга болбойт`,
          `первое заседание проведено ${dmy(state.firstMeeting.heldOn)} и записано: его нельзя перенести`,
          `the first meeting was held on ${dmy(state.firstMeeting.heldOn)} and is recorded: it cannot be moved`,
        ),
      ),
    );
  if (!state.decision || !state.meeting)
    return refused(
      problem(
        'meeting-not-scheduled',
        'meeting',
        '5.3.2',
        loc(
          'биринчи жыйналыш белгилене элек: адегенде аны белгилеңиз',
          'первое заседание ещё не назначено: сначала назначьте его',
          'the first meeting is not scheduled yet: schedule it first',
        ),
      ),
    );
  const current = state.meeting;
  const out: Problem[] = [];
  const date = input?.date;
  const wq = input?.withoutQuorum;
  if (wq !== undefined && wq !== null) {
    out.push(
      ...dateProblems('withoutQuorum.heldOn', wq.heldOn, {
        today: ctx.today,
        notBefore: {
          date: current.date,
          what: loc('белгиленген биринчи жыйналыш', 'назначенное первое заседание', 'the scheduled first meeting'),
          clause: '5.3.2',
        },
      }),
    );
    const total = state.candidates.length;
    if (!wholeNumber(wq.present, 0) || wq.present > total)
      out.push(
        problem(
          'invalid-present',
          'withoutQuorum.present',
          '7.2.3',
          loc(
            `${String(wq.present)} — катышкандардын мүмкүн болгон саны эмес (0дөн ${total}ге чейин)`,
            `${String(wq.present)} — невозможное число присутствующих (от 0 до ${total})`,
            `${String(wq.present)} is not a number of members present (0 to ${total})`,
          ),
        ),
      );
    else if (quorum(total, wq.present).met)
      out.push(
        problem(
          'quorum-met',
          'withoutQuorum.present',
          '7.2.3',
          loc(
            `${total} мүчөдөн ${wq.present} катышса кворум бар: биринчи жыйналыш катары жазыңыз`,
            `${wq.present} из ${total} присутствующих — кворум есть: запишите его как первое заседание`,
            `${wq.present} of ${total} present is a quorum: record it as the first meeting`,
          ),
        ),
      );
  }
  out.push(...meetingWhenWhereProblems(input, ctx.today));
  if (input?.reason !== undefined && input.reason !== null && typeof input.reason !== 'string')
    out.push(
      problem('invalid-reason', 'reason', '5.3.3', loc('себеп — текст', 'причина — текст', 'the reason is text')),
    );
  if (out.length > 0 || typeof date !== 'string') return { problems: out, warnings, late: false };
  if (
    (wq === undefined || wq === null) &&
    date === current.date &&
    input.time === current.time &&
    input.place.trim() === current.place
  )
    return refused(
      problem(
        'same-meeting',
        'date',
        '5.3.3',
        loc(
          `биринчи жыйналыш буга чейин эле ${dmy(date)} саат ${current.time} белгиленген`,
          `первое заседание уже назначено на ${dmy(date)} ${current.time} в этом месте`,
          `the first meeting is already set for ${dmy(date)} at ${current.time} there`,
        ),
      ),
    );
  if (ctx.calendar) {
    const noticeDue = creationNoticeDue(date, ctx.calendar);
    if (compareDates(noticeDue, ctx.today) < 0) {
      const earliest = earliestMeetingDateForNotice(ctx.today, ctx.calendar);
      return refused(
        problem(
          'too-late-for-notice',
          'date',
          '5.3.3',
          loc(
            `${dmy(date)} үчүн кеч: жаңы жарыя жыйналыштан ${CREATION_NOTICE_WORKING_DAYS_BEFORE} жумуш күнү мурун, ${dmy(noticeDue)} күнүнө чейин жарыяланышы керек эле; эң эрте мүмкүн болгон күн — ${dmy(earliest)}`,
            `для ${dmy(date)} уже поздно: новое объявление нужно опубликовать за ${CREATION_NOTICE_WORKING_DAYS_BEFORE} рабочих дня, до ${dmy(noticeDue)}; самая ранняя возможная дата — ${dmy(earliest)}`,
            `too late for ${dmy(date)}: a new notice is due ${CREATION_NOTICE_WORKING_DAYS_BEFORE} working days before it, by ${dmy(noticeDue)}; the earliest date that allows it is ${dmy(earliest)}`,
          ),
        ),
      );
    }
  }
  const due = state.obligations.find((o) => o.key === 'first-meeting')?.due ?? null;
  const late = due !== null && compareDates(date, due) > 0;
  if (late)
    warnings.push(
      loc(
        `биринчи жыйналыш ${dmy(due)} күнүнө чейин өтүшү керек (5.3.2, чечимден кийин ${FIRST_MEETING_WORKING_DAYS} жумуш күнү); ${dmy(date)} — кечигүү менен`,
        `первое заседание нужно провести до ${dmy(due)} (5.3.2, ${FIRST_MEETING_WORKING_DAYS} рабочих дней после решения); ${dmy(date)} — с опозданием`,
        `the first meeting is due by ${dmy(due)} (5.3.2, ${FIRST_MEETING_WORKING_DAYS} working days from the decision); ${dmy(date)} is late`,
      ),
    );
  return { problems: [], warnings, late };
}

/** What 5.3.1 needs to know of the group a next formation follows: its council and where its term stands. */
export interface PreviousGroup {
  councilId: string;
  status: 'forming' | 'created' | 'active' | 'term-ended' | 'dissolved';
}

/**
 * 5.3.1: a next formation follows a group of the same council whose term of office has ended (or that was dissolved);
 * `previous` is undefined when no group has the id.
 */
export function checkPreviousGroup(
  previous: PreviousGroup | undefined,
  input: { councilId: string; previousGroupId: string },
): Problem[] {
  if (!previous || previous.councilId !== input.councilId)
    return [
      problem(
        'unknown-group',
        'previousGroupId',
        null,
        loc(
          `Бул кеңеште ${input.previousGroupId} деген топ жок.`,
          `В этом кенеше нет группы ${input.previousGroupId}.`,
          `This council has no group ${input.previousGroupId}.`,
        ),
      ),
    ];
  if (previous.status !== 'term-ended' && previous.status !== 'dissolved')
    return [
      problem(
        'term-not-ended',
        'previousGroupId',
        '5.3.1',
        loc(
          'Мурунку топтун ыйгарым укуктарынын мөөнөтү бүтө элек (5.3.1): кийинки түзүү андан кийин башталат.',
          'Срок полномочий прежней группы ещё не истёк (5.3.1): следующее формирование начинается после него.',
          "The previous group's term of office has not ended (5.3.1): the next formation starts after it.",
        ),
      ),
    ];
  return [];
}
