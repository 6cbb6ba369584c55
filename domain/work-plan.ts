// The group's work plan (7.3.1): the group drafts it, informs the executive body (which may propose items), submits
// it to the council, and monitors per the plan once the council approved it. Pure rules: time is a parameter.
import { FINDING_METHODS, type FindingMethod } from './act';
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { loc, type Localized } from './i18n';
import { problem, type Problem } from './problem';

/** 7.3.1's methods: surveys, focus groups, interviews, site visits, document analysis, observation of events. */
export const PLAN_METHODS = [
  'questionnaire',
  'focus_group',
  'interview',
  'site_visit',
  'document_analysis',
  'observation',
] as const satisfies readonly FindingMethod[];
export type PlanMethod = (typeof PLAN_METHODS)[number];

/** The words of 7.3.1 for each method (the act's own labels, domain/act.ts). */
export const PLAN_METHOD_NAMES: Readonly<Record<PlanMethod, Localized>> = Object.fromEntries(
  PLAN_METHODS.map((m) => [m, FINDING_METHODS[m]]),
) as Record<PlanMethod, Localized>;

export const isPlanMethod = (value: unknown): value is PlanMethod =>
  typeof value === 'string' && (PLAN_METHODS as readonly string[]).includes(value);

/** draft (the group's), submitted (to the council), approved (the council's decision recorded): 7.3.1. */
export type PlanStatus = 'draft' | 'submitted' | 'approved';
export const ITEM_STATES = ['planned', 'in-progress', 'done', 'dropped'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_STATE_NAMES: Readonly<Record<ItemState, Localized>> = {
  planned: loc('пландалган', 'запланирован', 'planned'),
  'in-progress': loc('аткарылууда', 'выполняется', 'in progress'),
  done: loc('аткарылды', 'выполнен', 'done'),
  dropped: loc('алынып салынды', 'исключён', 'dropped'),
};
export const isItemState = (value: unknown): value is ItemState =>
  typeof value === 'string' && (ITEM_STATES as readonly string[]).includes(value);

export const PLAN_TEXT_LIMITS = { title: 300, subject: 1000, reason: 2000, decisionNumber: 100, text: 4000 } as const;

export interface PlanItemInput {
  objectId: string;
  subject: string;
  from: string;
  to: string;
  method: string;
}

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

/**
 * A plan item (or a proposal): an object of the council's register, a subject, a period and a method of 7.3.1.
 * `objectKnown`: the object is an active monitored object of the group's council.
 */
export function checkPlanItem(input: PlanItemInput, objectKnown: boolean, field = ''): Problem[] {
  const f = (name: string) => (field ? `${field}.${name}` : name);
  const out: Problem[] = [];
  if (!objectKnown)
    out.push(
      problem(
        'unknown-object',
        f('objectId'),
        '7.3.1',
        loc(
          'Объект кеңештин мониторинг объекттеринин тизмесинен тандалышы керек.',
          'Объект нужно выбрать из перечня объектов мониторинга кенеша.',
          "Choose the object from the council's register of monitored objects.",
        ),
      ),
    );
  if (blank(input.subject) || input.subject.trim().length > PLAN_TEXT_LIMITS.subject)
    out.push(
      problem(
        'subject-required',
        f('subject'),
        '7.3.1',
        loc(
          'Мониторингдин предметин жазыңыз (1000 белгиге чейин).',
          'Укажите предмет мониторинга (до 1000 знаков).',
          'Give the subject of the monitoring (up to 1000 characters).',
        ),
      ),
    );
  const fromOk = isIsoDate(input.from);
  const toOk = isIsoDate(input.to);
  if (!fromOk)
    out.push(
      problem(
        'date',
        f('from'),
        '7.3.1',
        loc('Мөөнөттүн башталышы ЖЖЖЖ-АА-КК.', 'Начало срока: ГГГГ-ММ-ДД.', 'The period starts: YYYY-MM-DD.'),
      ),
    );
  if (!toOk)
    out.push(
      problem(
        'date',
        f('to'),
        '7.3.1',
        loc('Мөөнөттүн аягы ЖЖЖЖ-АА-КК.', 'Конец срока: ГГГГ-ММ-ДД.', 'The period ends: YYYY-MM-DD.'),
      ),
    );
  if (fromOk && toOk && compareDates(input.from, input.to) > 0)
    out.push(
      problem(
        'period-order',
        f('to'),
        '7.3.1',
        loc(
          'Мөөнөттүн аягы башталышынан мурда боло албайт.',
          'Конец срока не может быть раньше начала.',
          'The period cannot end before it starts.',
        ),
      ),
    );
  if (!isPlanMethod(input.method))
    out.push(
      problem(
        'unknown-method',
        f('method'),
        '7.3.1',
        loc(
          '7.3.1-пункттагы ыкмалардын бирин тандаңыз: анкеталоо, фокус-топ, аңгемелешүү, жерине баруу, документтерди талдоо, байкоо.',
          'Выберите метод из пункта 7.3.1: анкетирование, фокус-группа, интервью, выезд на место, анализ документов, наблюдение.',
          'Choose a method of 7.3.1: surveys, focus groups, interviews, site visits, document analysis, observation.',
        ),
      ),
    );
  return out;
}

const notDraft = (status: PlanStatus): Problem =>
  problem(
    'plan-not-draft',
    'planId',
    '7.3.1',
    status === 'approved'
      ? loc(
          'План кеңеш тарабынан бекитилген: аны өзгөртүүгө болбойт.',
          'План утверждён кенешем: его нельзя изменить.',
          'The council has approved the plan: it cannot be changed.',
        )
      : loc(
          'План кеңешке тапшырылган: аны өзгөртүүгө болбойт.',
          'План внесён в кенеш: его нельзя изменить.',
          'The plan has been submitted to the council: it cannot be changed.',
        ),
  );

/** The chair edits the plan (items, proposals' decisions, sending it) only while it is the group's draft. */
export function checkDraft(status: PlanStatus): Problem[] {
  return status === 'draft' ? [] : [notDraft(status)];
}

/** The date until which the executive body may propose: today or later (7.3.1). */
export function checkProposalsUntil(until: string, today: IsoDate): Problem[] {
  if (!isIsoDate(until))
    return [problem('date', 'proposalsUntil', '7.3.1', loc('ЖЖЖЖ-АА-КК.', 'ГГГГ-ММ-ДД.', 'YYYY-MM-DD.'))];
  if (compareDates(until, today) < 0)
    return [
      problem(
        'proposals-until-past',
        'proposalsUntil',
        '7.3.1',
        loc(
          'Сунуштар үчүн мөөнөт бүгүндөн мурда боло албайт.',
          'Срок для предложений не может быть раньше сегодняшнего дня.',
          'The date for proposals cannot be before today.',
        ),
      ),
    ];
  return [];
}

/** The executive body proposes through its link while the plan is a draft and until the chair's date (7.3.1). */
export function checkProposalWindow(
  plan: { status: PlanStatus; proposalsUntil: IsoDate | null },
  today: IsoDate,
): Problem[] {
  if (plan.status !== 'draft' || plan.proposalsUntil === null || compareDates(today, plan.proposalsUntil) > 0) {
    const until = plan.proposalsUntil ?? '—';
    return [
      problem(
        'proposals-closed',
        'proposalsUntil',
        '7.3.1',
        loc(
          `Сунуштарды кабыл алуу мөөнөтү ${until} бүттү (7.3.1: аткаруу органы планга сунуш берет, төрага белгилеген мөөнөткө чейин).`,
          `Срок приёма предложений истёк ${until} (7.3.1: исполнительный орган вносит предложения в план до срока, установленного председателем).`,
          `The period for proposals ended on ${until} (7.3.1: the executive body proposes items until the date the chair set).`,
        ),
      ),
    ];
  }
  return [];
}

/** A declined proposal names its reason (7.3.1: the chair takes or declines each). */
export function checkDeclineReason(reason: string): Problem[] {
  return blank(reason) || reason.trim().length > PLAN_TEXT_LIMITS.reason
    ? [
        problem(
          'reason-required',
          'reason',
          '7.3.1',
          loc(
            'Сунуш эмне үчүн кабыл алынбаганын жазыңыз.',
            'Укажите, почему предложение отклонено.',
            'Give the reason the proposal is declined.',
          ),
        ),
      ]
    : [];
}

/** Submission to the council: a draft with at least one item and no proposal left undecided (7.3.1). */
export function checkSubmission(plan: { status: PlanStatus; items: number; openProposals: number }): Problem[] {
  if (plan.status !== 'draft') return [notDraft(plan.status)];
  const out: Problem[] = [];
  if (plan.items === 0)
    out.push(
      problem(
        'plan-empty',
        'items',
        '7.3.1',
        loc('Планда бир да пункт жок.', 'В плане нет ни одного пункта.', 'The plan has no items.'),
      ),
    );
  if (plan.openProposals > 0)
    out.push(
      problem(
        'proposals-undecided',
        'proposals',
        '7.3.1',
        loc(
          `Аткаруу органынын ${plan.openProposals} сунушу боюнча чечим жок: ар бирин кабыл алыңыз же себебин көрсөтүп четке кагыңыз.`,
          `По ${plan.openProposals} предложениям исполнительного органа нет решения: примите или отклоните каждое с причиной.`,
          `${plan.openProposals} of the executive body's proposals are undecided: take or decline each, with a reason.`,
        ),
      ),
    );
  return out;
}

export interface ApprovalInput {
  sessionOn: string;
  decisionNumber: string;
  text: string;
}

/** Codes that mean "not now" (409): the order of the steps. */
export const PLAN_CONFLICT_CODES: ReadonlySet<string> = new Set([
  'plan-not-draft',
  'not-submitted',
  'proposals-closed',
  'plan-not-approved',
  'proposals-undecided',
]);

/** The council's approval is recorded only for a plan the group submitted (7.3.1), on a session since then. */
export function checkApproval(
  plan: { status: PlanStatus; submittedOn: IsoDate | null },
  input: ApprovalInput,
  today: IsoDate,
): Problem[] {
  if (plan.status !== 'submitted')
    return [
      problem(
        'not-submitted',
        'planId',
        '7.3.1',
        plan.status === 'approved'
          ? loc('План мурда эле бекитилген.', 'План уже утверждён.', 'The plan is already approved.')
          : loc(
              'Топ планды кеңешке али тапшыра элек: кеңеш тапшырылган планды гана бекитет (7.3.1).',
              'Группа ещё не внесла план в кенеш: кенеш утверждает только внесённый план (7.3.1).',
              'The group has not submitted the plan to the council yet: the council approves a submitted plan only (7.3.1).',
            ),
      ),
    ];
  const out: Problem[] = [];
  if (!isIsoDate(input.sessionOn))
    out.push(problem('date', 'sessionOn', '7.3.1', loc('ЖЖЖЖ-АА-КК.', 'ГГГГ-ММ-ДД.', 'YYYY-MM-DD.')));
  else if (
    compareDates(input.sessionOn, today) > 0 ||
    (plan.submittedOn !== null && compareDates(input.sessionOn, plan.submittedOn) < 0)
  )
    out.push(
      problem(
        'session-date',
        'sessionOn',
        '7.3.1',
        loc(
          'Сессиянын күнү план тапшырылган күндөн мурда же келечекте боло албайт.',
          'Дата сессии не может быть раньше внесения плана или в будущем.',
          'The session cannot be before the plan was submitted, nor in the future.',
        ),
      ),
    );
  if (blank(input.decisionNumber) || input.decisionNumber.trim().length > PLAN_TEXT_LIMITS.decisionNumber)
    out.push(
      problem(
        'decision-number-required',
        'decisionNumber',
        '7.3.1',
        loc(
          'Кеңештин чечиминин номерин жазыңыз.',
          'Укажите номер решения кенеша.',
          "Give the council's decision number.",
        ),
      ),
    );
  if (blank(input.text) || input.text.trim().length > PLAN_TEXT_LIMITS.text)
    out.push(
      problem(
        'text-required',
        'text',
        '7.3.1',
        loc('Чечимдин текстин жазыңыз.', 'Укажите текст решения.', 'Give the text of the decision.'),
      ),
    );
  return out;
}

/** Item states: planned → in progress → done; any open item may be dropped with a reason. */
export function checkItemState(
  plan: { status: PlanStatus },
  from: ItemState,
  to: string,
  reason: string | null,
): Problem[] {
  if (plan.status !== 'approved')
    return [
      problem(
        'plan-not-approved',
        'planId',
        '7.3.1',
        loc(
          'Пункттун абалы кеңеш бекиткен планда гана өзгөрөт.',
          'Состояние пункта меняется только в утверждённом кенешем плане.',
          'An item changes state only in a plan the council approved.',
        ),
      ),
    ];
  if (!isItemState(to))
    return [problem('unknown-state', 'state', null, loc('Абал белгисиз.', 'Неизвестное состояние.', 'Unknown state.'))];
  const allowed: Record<ItemState, readonly ItemState[]> = {
    planned: ['in-progress', 'done', 'dropped'],
    'in-progress': ['done', 'dropped'],
    done: [],
    dropped: [],
  };
  if (!allowed[from].includes(to))
    return [
      problem(
        'state-order',
        'state',
        null,
        loc(
          `"${ITEM_STATE_NAMES[from].ky}" абалынан "${ITEM_STATE_NAMES[to].ky}" абалына өтүүгө болбойт.`,
          `Из состояния «${ITEM_STATE_NAMES[from].ru}» нельзя перейти в «${ITEM_STATE_NAMES[to].ru}».`,
          `An item cannot go from "${ITEM_STATE_NAMES[from].en}" to "${ITEM_STATE_NAMES[to].en}".`,
        ),
      ),
    ];
  if (to === 'dropped' && (reason === null || blank(reason)))
    return [
      problem(
        'reason-required',
        'reason',
        null,
        loc(
          'Пункт эмне үчүн алынып салынганын жазыңыз.',
          'Укажите, почему пункт исключён.',
          'Give the reason the item is dropped.',
        ),
      ),
    ];
  return [];
}

/**
 * An item of an approved plan whose period has passed (its last day is before today) with no act linked, unless it
 * was dropped: the chair's dashboard flags it.
 */
export function itemOverdue(item: { to: IsoDate; state: ItemState; acts: number }, today: IsoDate): boolean {
  return item.state !== 'dropped' && item.acts === 0 && compareDates(item.to, today) < 0;
}
