// The act procedure's rules (4.3) as the checks behind its updates: the receipt that starts the counts of 4.3(3)
// and (4), a response to an obligation the act opened, and the chair closing the act after an escalation. Pure and
// synchronous: the workflow runs them as update validators (a refusal leaves no trace in history), and a caller may
// run them on the queried state before sending.
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { loc, type Localized } from './i18n';
import { problem, type Problem } from './problem';
import type { ActState, CloseActInput, ReceiptInput, ResponseInput } from './act-procedure';

/** The problems as one line per problem, for a refusal's message. */
export function describeProblems(problems: Problem[], lang: 'en' | 'ru' | 'ky' = 'en'): string {
  return problems.map((p) => `${p.field}: ${p.message[lang]}`).join('; ');
}

function dateProblems(
  field: string,
  value: unknown,
  today: IsoDate,
  notBefore: { date: IsoDate; what: Localized } | null,
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
  if (compareDates(value, today) > 0) {
    return [
      problem(
        'date-in-future',
        field,
        null,
        loc(
          `${value} бүгүнкү күндөн (${today}) кийин; болгон иш гана жазылат`,
          `${value} позже сегодняшнего дня (${today}); записывается то, что уже произошло`,
          `${value} is after today (${today}); record what has happened`,
        ),
      ),
    ];
  }
  if (notBefore && compareDates(value, notBefore.date) < 0) {
    const w = notBefore.what;
    return [
      problem(
        'date-too-early',
        field,
        null,
        loc(
          `${value} ${w.ky} (${notBefore.date}) күнүнөн мурун`,
          `${value} раньше, чем ${w.ru} (${notBefore.date})`,
          `${value} is before ${w.en} (${notBefore.date})`,
        ),
      ),
    ];
  }
  return [];
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function closedProblem(state: ActState): Problem[] {
  return state.closed
    ? [
        problem(
          'act-closed',
          'actId',
          null,
          loc(
            `акт ${state.closed.on} жабылган`,
            `акт закрыт ${state.closed.on}`,
            `the act was closed on ${state.closed.on}`,
          ),
        ),
      ]
    : [];
}

/** 4.3: the count starts on receipt: not before the issue, not in the future. A second receipt is accepted (no-op). */
export function checkReceipt(state: ActState, req: ReceiptInput): Problem[] {
  const party = req.party ?? 'object';
  if (party !== 'object' && party !== 'executive-body')
    return [
      problem(
        'invalid-party',
        'party',
        '4.3',
        loc(
          `«${String(party)}» "object" же "executive-body" болушу керек`,
          `«${String(party)}» должно быть "object" или "executive-body"`,
          `"${String(party)}" must be "object" or "executive-body"`,
        ),
      ),
    ];
  // 4.3(4): the executive body's own receipt, when it has its own track; otherwise one receipt for both.
  const own = party === 'executive-body' && state.executiveBody !== null;
  if (own ? state.executiveBody!.receipt : state.receipt) return [];
  const out = closedProblem(state);
  if (!state.act)
    return [
      ...out,
      problem(
        'not-loaded',
        'actId',
        null,
        loc(
          'акт жүктөлүп жатат; бир аздан кийин кайталаңыз',
          'акт ещё загружается; повторите через минуту',
          'the act is still being loaded; try again in a moment',
        ),
      ),
    ];
  if (req.via !== 'link' && req.via !== 'staff')
    out.push(
      problem(
        'invalid-via',
        'via',
        null,
        loc(
          `«${String(req.via)}» "link" же "staff" болушу керек`,
          `«${String(req.via)}» должно быть "link" или "staff"`,
          `"${String(req.via)}" must be "link" or "staff"`,
        ),
      ),
    );
  out.push(
    ...dateProblems('receivedOn', req.receivedOn, state.today, {
      date: state.act.issuedOn,
      what: loc('актынын чыгарылышы', 'выдача акта', 'the issue of the act'),
    }),
  );
  return out;
}

/** 4.3: a response to an obligation the act opened, after the receipt, with a text and a submission key. */
export function checkResponse(state: ActState, req: ResponseInput): Problem[] {
  if (state.responses.some((r) => r.submissionKey === req.submissionKey && r.obligationKey === req.obligationKey))
    return [];
  const out = closedProblem(state);
  // 4.3(4): the executive body's report counts from its own receipt when it has its own track.
  const own = req.obligationKey === 'executive-report' && state.executiveBody !== null;
  const receipt = own ? state.executiveBody!.receipt : state.receipt;
  if (!receipt) {
    if (own)
      return [
        ...out,
        problem(
          'not-received-by-executive-body',
          'obligationKey',
          '4.3',
          loc(
            'актынын айыл өкмөтүнө алынышы али белгиленген жок; анын отчетунун мөөнөтү өзү алган күндөн эсептелет',
            'получение акта айыл окмоту ещё не отмечено; срок его отчёта считается с его получения',
            'the executive body has not received the act yet; its report counts from its own receipt (record it first)',
          ),
        ),
      ];
    return [
      ...out,
      problem(
        'not-received',
        'obligationKey',
        '4.3',
        loc(
          'актынын алынышы али белгиленген жок; милдеттер алынган күндөн ачылат',
          'получение акта ещё не отмечено; обязательства открываются с получения',
          'the act has no receipt yet; the obligations open on receipt (record it first)',
        ),
      ),
    ];
  }
  const keys = state.act?.obligations.map((o) => o.key) ?? [];
  if (!keys.includes(req.obligationKey)) {
    out.push(
      problem(
        'unknown-obligation',
        'obligationKey',
        '4.3',
        loc(
          `«${String(req.obligationKey)}» бул актынын милдети эмес (${keys.join(', ')})`,
          `«${String(req.obligationKey)}» — не обязательство этого акта (${keys.join(', ')})`,
          `"${String(req.obligationKey)}" is not an obligation of this act (${keys.join(', ')})`,
        ),
      ),
    );
  }
  out.push(
    ...dateProblems('respondedOn', req.respondedOn, state.today, {
      date: receipt.receivedOn,
      what: loc('актынын алынышы', 'получение акта', 'the receipt of the act'),
    }),
  );
  if (text(req.text) === '')
    out.push(
      problem(
        'missing-text',
        'text',
        null,
        loc('жооптун тексти бош', 'текст ответа пуст', 'the response text is empty'),
      ),
    );
  if (text(req.submissionKey) === '')
    out.push(
      problem(
        'missing-submission-key',
        'submissionKey',
        null,
        loc(
          'жөнөтүүнүн ачкычы керек',
          'нужен ключ отправки',
          'a submission key is required (the same key again is the same submission)',
        ),
      ),
    );
  return out;
}

/** The chair closes an act with a reason only after one of its obligations was escalated to the council. */
export function checkClose(state: ActState, req: CloseActInput): Problem[] {
  const out = closedProblem(state);
  if (out.length > 0) return out;
  if (text(req.reason) === '')
    out.push(
      problem(
        'missing-reason',
        'reason',
        null,
        loc(
          'төрага жабуунун себебин көрсөтүшү керек',
          'председатель должен указать причину закрытия',
          'the chair must give a reason for closing',
        ),
      ),
    );
  out.push(
    ...dateProblems(
      'on',
      req.on,
      state.today,
      state.act
        ? { date: state.act.issuedOn, what: loc('актынын чыгарылышы', 'выдача акта', 'the issue of the act') }
        : null,
    ),
  );
  if (!state.obligations.some((o) => o.escalated)) {
    const open = state.obligations.filter((o) => !o.fulfilled).map((o) => `${o.key} due ${o.due ?? '?'}`);
    const why = open.length > 0 ? open.join(', ') : 'no obligation is open yet (no receipt)';
    out.push(
      problem(
        'not-escalated',
        'on',
        '4.3',
        loc(
          `төрага актыны маселе кеңешке жиберилгенден кийин гана жаба алат; андай боло элек (${why})`,
          `председатель может закрыть акт только после передачи вопроса кенешу; её ещё не было (${why})`,
          `the act can be closed by the chair only after an escalation to the council; none yet (${why})`,
        ),
      ),
    );
  }
  return out;
}

/** What the standing check needs of a group: its status and the end of its term of office (db groups row). */
export interface GroupStanding {
  status: 'forming' | 'created' | 'active' | 'term-ended' | 'dissolved';
  termEnd: IsoDate | null;
}

/**
 * 8.1, 5.4.5, 5.3.1: the group acts (issues an act, starts an information request of 7.3.2(1)) only while it stands:
 * its creation decided by the council (status 'created' or 'active', 5.4.5) and its term of office not over (not
 * 'term-ended' or 'dissolved', and `today` not after its term's end, 5.3.1). Empty when it stands; else one Problem.
 */
export function checkGroupActive(group: GroupStanding, today: IsoDate, field = 'groupId'): Problem[] {
  if (group.status === 'forming')
    return [
      problem(
        'group-forming',
        field,
        '5.4.5',
        loc(
          'БМжБ тобу али түзүлүп жатат: жергиликтүү кеңеш аны түзүү жөнүндө чечим кабыл ала элек (5.4.5-пункт); топ түзүлгөндөн кийин гана акт чыгарат жана маалымат сурайт (8.1, 7.3.2-пункттар)',
          'Группа СМиО ещё формируется: местный кенеш не принял решение о её создании (п. 5.4.5); акты и запросы информации группа выдаёт только после создания (пп. 8.1, 7.3.2)',
          'The group is still being formed: the council has not decided its creation (5.4.5); the group issues acts and requests information only once created (8.1, 7.3.2)',
        ),
      ),
    ];
  const ended = group.status === 'term-ended' || group.status === 'dissolved';
  if (ended || (group.termEnd !== null && compareDates(group.termEnd, today) < 0)) {
    const end = group.termEnd !== null ? ` (${group.termEnd})` : '';
    return [
      problem(
        'group-term-ended',
        field,
        '5.3.1',
        loc(
          `БМжБ тобунун ыйгарым укуктарынын мөөнөтү бүткөн${end} (5.3.1-пункт): ал акт чыгара албайт жана маалымат сурай албайт`,
          `Срок полномочий группы СМиО истёк${end} (п. 5.3.1): она не может выдавать акты и запрашивать информацию`,
          `The group's term of office has ended${end} (5.3.1): it can no longer issue acts or request information`,
        ),
      ),
    ];
  }
  return [];
}
