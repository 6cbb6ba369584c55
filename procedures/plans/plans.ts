// The group's work plan (7.3.1), one function per use case: the chair drafts items, sends the draft to the executive
// body (a signed link, revoking any earlier one: db/link-generations.ts), the executive body proposes items until the
// chair's date, the chair takes or declines each proposal, submits the plan to the council, staff record the
// council's approval (published on the notice board and its feed), the chair moves items through their states and
// links acts and information requests to them. Everything is checked whole before anything is written.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MailTransport } from '../../activities/mail/build-transport';
import { MailSendError, sendViaOutbox } from '../../activities/mail/send-via-outbox';
import type { Database } from '../../db/database';
import { findGroupById } from '../../db/groups';
import { outboxSent, latestLinkGeneration, recordLinkGeneration } from '../../db/link-generations';
import { findNoticeById, publishNotice } from '../../db/notices';
import { findObjectById } from '../../db/objects';
import { findPlan, planLinkSubject, recordPlan, type WorkPlan } from '../../db/plans';
import { addDays } from '../../domain/dates';
import { loc } from '../../domain/i18n';
import { describeProblems, problem, type Problem } from '../../domain/problem';
import {
  checkApproval,
  checkDeclineReason,
  checkDraft,
  checkItemState,
  checkPlanItem,
  checkProposalWindow,
  checkProposalsUntil,
  checkSubmission,
  PLAN_CONFLICT_CODES,
  PLAN_METHOD_NAMES,
  PLAN_TEXT_LIMITS,
  type ApprovalInput,
  type ItemState,
  type PlanItemInput,
  type PlanMethod,
} from '../../domain/work-plan';
import { createResponseToken, responseTokenExpiry } from '../../security/response-token';
import { ProcedureRefusedError } from '../engine';
import { todayIn } from '../deps';
import { ConflictError } from '../refusals';
import { refuseIfRemoved } from '../conflicts/conflicts';

export interface PlanDeps {
  db: Kysely<Database>;
  /** Milliseconds since the epoch. */
  now: () => number;
}

/** Refuses with the problems: 409 when every one is about the order of the steps, else 400. Nothing written. */
function refuse(problems: readonly Problem[], subject: string): never {
  if (problems.every((p) => PLAN_CONFLICT_CODES.has(p.code))) throw new ConflictError(problems, subject);
  throw new ProcedureRefusedError(describeProblems(problems), problems);
}

/** What a missing record is called in each language (GLOSSARY: иш планы / план работы; сунуш / предложение). */
const RECORD_NAMES = {
  plan: loc('Мындай иш планы жок.', 'Такого плана работы нет.', 'There is no such work plan.'),
  group: loc('Мындай топ жок.', 'Такой группы нет.', 'There is no such group.'),
  proposal: loc('Мындай сунуш жок.', 'Такого предложения нет.', 'There is no such proposal.'),
  item: loc('Иш планында мындай пункт жок.', 'В плане работы нет такого пункта.', 'The work plan has no such item.'),
  act: loc('Топтун мындай актысы жок.', 'У группы нет такого акта.', 'The group has no such act.'),
  request: loc(
    'Топтун мындай маалымат алуу суроо-талабы жок.',
    'У группы нет такого запроса информации.',
    'The group has no such request for information.',
  ),
} as const;

const unknown = (field: string, what: keyof typeof RECORD_NAMES): Problem =>
  problem('not-found', field, null, RECORD_NAMES[what]);

async function loadPlan(db: Kysely<Database>, planId: string): Promise<WorkPlan> {
  const plan = await findPlan(db, planId);
  if (!plan) refuse([unknown('planId', 'plan')], planId);
  return plan;
}

/** Whether the object is an active monitored object of the council (items name objects of the register, 4.2). */
async function objectOfCouncil(db: Kysely<Database>, objectId: string, councilId: string): Promise<boolean> {
  const o = objectId ? await findObjectById(db, objectId) : undefined;
  return !!o && o.councilId === councilId && o.active;
}

const itemPayload = (input: PlanItemInput) => ({
  objectId: input.objectId,
  subject: input.subject.trim(),
  from: input.from,
  to: input.to,
  method: input.method as PlanMethod,
});

export async function draftPlan(
  deps: PlanDeps,
  input: { groupId: string; title: string; actor: string },
): Promise<{ planId: string }> {
  const group = await findGroupById(deps.db, input.groupId);
  if (!group) refuse([unknown('groupId', 'group')], input.groupId);
  const title = input.title.trim();
  if (title === '' || title.length > PLAN_TEXT_LIMITS.title)
    refuse(
      [
        problem(
          'title-required',
          'title',
          '7.3.1',
          loc('Пландын аталышын жазыңыз.', 'Укажите название плана.', "Give the plan's title."),
        ),
      ],
      input.groupId,
    );
  const planId = randomUUID();
  await recordPlan(
    deps.db,
    planId,
    [{ type: 'plan.drafted', payload: { planId, groupId: group.id, councilId: group.council_id, title } }],
    input.actor,
  );
  return { planId };
}

export async function addPlanItem(
  deps: PlanDeps,
  input: PlanItemInput & { planId: string; actor: string },
): Promise<{ itemId: string }> {
  const plan = await loadPlan(deps.db, input.planId);
  const problems = [
    ...checkDraft(plan.status),
    ...checkPlanItem(input, await objectOfCouncil(deps.db, input.objectId, plan.councilId)),
  ];
  if (problems.length > 0) refuse(problems, plan.id);
  const itemId = randomUUID();
  await recordPlan(
    deps.db,
    plan.id,
    [{ type: 'plan.item-added', payload: { planId: plan.id, itemId, proposalId: null, ...itemPayload(input) } }],
    input.actor,
  );
  return { itemId };
}

export interface SendPlanDeps extends PlanDeps {
  link: { secret: string; days: number; baseUrl: string };
  transport: MailTransport;
}

export const planLinkPath = (planId: string, token: string) =>
  `/plan-link/${encodeURIComponent(planId)}?t=${encodeURIComponent(token)}`;
export const planLinkMailKey = (planId: string, generation: number) => `plan:${planId}:link:${generation}`;

/**
 * 7.3.1: the draft goes to the executive body with a fresh signed link (its earlier links are revoked: only the newest
 * generation opens the draft); it may propose items until `proposalsUntil`. The link's life runs at least to that day.
 */
export async function sendPlanDraft(
  deps: SendPlanDeps,
  input: { planId: string; proposalsUntil: string; actor: string },
): Promise<{ link: string; generation: number; to: string[]; mail: 'sent' | 'already-sent' | 'pending' }> {
  const plan = await loadPlan(deps.db, input.planId);
  const today = todayIn(deps);
  const problems = [...checkDraft(plan.status), ...checkProposalsUntil(input.proposalsUntil, today)];
  if (problems.length > 0) refuse(problems, plan.id);
  const executive = await deps.db
    .selectFrom('monitored_objects')
    .select(['id', 'contacts'])
    .where('council_id', '=', plan.councilId)
    .where('is_executive_body', '=', true)
    .executeTakeFirst();
  if (!executive || executive.contacts.length === 0)
    refuse(
      [
        problem(
          'no-executive-body',
          'executiveBody',
          '7.3.1',
          loc(
            'Кеңештин аткаруу органы (айыл өкмөтү) электрондук дареги менен катталган эмес: долбоорду жиберүүгө болбойт.',
            'Исполнительный орган кенеша (айыл окмоту) не зарегистрирован с адресом электронной почты: проект отправить нельзя.',
            "The council's executive body (ayil okmotu) is not registered with an e-mail address: the draft cannot be sent.",
          ),
        ),
      ],
      plan.id,
    );
  const subject = planLinkSubject(plan.id);
  const at = new Date(deps.now());
  // A generation whose mail is still pending is retried, not replaced (as a re-sent act link: procedures/links).
  const latest = await latestLinkGeneration(deps.db, subject, executive.id);
  const expiresAtMs = Math.max(
    responseTokenExpiry(at.getTime(), deps.link.days),
    Date.parse(`${addDays(input.proposalsUntil, 2)}T00:00:00+06:00`),
  );
  const generation =
    latest && !(await outboxSent(deps.db, planLinkMailKey(plan.id, latest.generation)))
      ? latest
      : await recordLinkGeneration(deps.db, { subject, objectId: executive.id, expiresAtMs, at, by: input.actor });
  const token = createResponseToken(
    {
      actId: subject,
      objectId: executive.id,
      expiresAtMs: generation.expiresAtMs,
      generation: generation.generation,
    },
    deps.link.secret,
  );
  const link = `${deps.link.baseUrl}${planLinkPath(plan.id, token)}`;
  await recordPlan(
    deps.db,
    plan.id,
    [
      {
        type: 'plan.sent',
        payload: {
          planId: plan.id,
          executiveBodyId: executive.id,
          proposalsUntil: input.proposalsUntil,
          generation: generation.generation,
          sentOn: today,
        },
      },
    ],
    input.actor,
  );
  const items = plan.items
    .map(
      (i, n) =>
        `${n + 1}. ${i.objectName.ky} / ${i.objectName.ru}: ${i.subject} (${i.from} – ${i.to}; ${PLAN_METHOD_NAMES[i.method].ky} / ${PLAN_METHOD_NAMES[i.method].ru})`,
    )
    .join('\n');
  const text = [
    `Мониторинг жана баалоо тобунун иш планынын долбоору: ${plan.title}`,
    `Проект плана работы группы мониторинга и оценки: ${plan.title}`,
    '',
    items,
    '',
    `Сунуштарыңызды ${input.proposalsUntil} күнүнө чейин бул шилтеме аркылуу бериңиз (Жобонун 7.3.1-пункту):`,
    `Ваши предложения можно внести до ${input.proposalsUntil} по этой ссылке (пункт 7.3.1 Положения):`,
    link,
  ].join('\n');
  let mail: 'sent' | 'already-sent' | 'pending';
  try {
    mail = (
      await sendViaOutbox(deps.db, deps.transport, {
        businessKey: planLinkMailKey(plan.id, generation.generation),
        to: executive.contacts,
        subject: `Иш планынын долбоору / Проект плана работы: ${plan.title}`,
        text,
        html: null,
        date: at,
      })
    ).outcome;
  } catch (error) {
    if (!(error instanceof MailSendError)) throw error;
    mail = 'pending';
  }
  return { link, generation: generation.generation, to: executive.contacts, mail };
}

/** 7.3.1: the executive body's proposal through its link, while the plan is a draft and until the chair's date. */
export async function proposePlanItem(
  deps: PlanDeps,
  input: PlanItemInput & { planId: string; executiveBodyId: string; note: string },
): Promise<{ proposalId: string }> {
  const plan = await loadPlan(deps.db, input.planId);
  const today = todayIn(deps);
  const window = checkProposalWindow(plan, today);
  if (window.length > 0) refuse(window, plan.id);
  const problems = checkPlanItem(input, await objectOfCouncil(deps.db, input.objectId, plan.councilId));
  if (input.note.length > PLAN_TEXT_LIMITS.reason)
    problems.push(problem('too-long', 'note', null, loc('Өтө узун.', 'Слишком длинно.', 'Too long.')));
  if (problems.length > 0) refuse(problems, plan.id);
  const proposalId = randomUUID();
  await recordPlan(
    deps.db,
    plan.id,
    [
      {
        type: 'plan.proposal-made',
        payload: { planId: plan.id, proposalId, note: input.note.trim(), proposedOn: today, ...itemPayload(input) },
      },
    ],
    `object:${input.executiveBodyId}`,
  );
  return { proposalId };
}

function openProposal(plan: WorkPlan, proposalId: string) {
  const proposal = plan.proposals.find((p) => p.id === proposalId);
  if (!proposal) refuse([unknown('proposalId', 'proposal')], plan.id);
  if (proposal.status !== 'open')
    refuse(
      [
        problem(
          'plan-not-draft',
          'proposalId',
          '7.3.1',
          loc(
            'Бул сунуш боюнча чечим мурда эле кабыл алынган.',
            'По этому предложению решение уже принято.',
            'This proposal has already been decided.',
          ),
        ),
      ],
      plan.id,
    );
  return proposal;
}

/** The chair takes a proposal: it becomes an item of the plan (7.3.1). */
export async function takeProposal(
  deps: PlanDeps,
  input: { planId: string; proposalId: string; actor: string },
): Promise<{ itemId: string }> {
  const plan = await loadPlan(deps.db, input.planId);
  const draft = checkDraft(plan.status);
  if (draft.length > 0) refuse(draft, plan.id);
  const p = openProposal(plan, input.proposalId);
  const itemId = randomUUID();
  await recordPlan(
    deps.db,
    plan.id,
    [
      {
        type: 'plan.item-added',
        payload: {
          planId: plan.id,
          itemId,
          proposalId: p.id,
          objectId: p.objectId,
          subject: p.subject,
          from: p.from,
          to: p.to,
          method: p.method,
        },
      },
    ],
    input.actor,
  );
  return { itemId };
}

/** The chair declines a proposal, with the reason the executive body sees beside it (7.3.1). */
export async function declineProposal(
  deps: PlanDeps,
  input: { planId: string; proposalId: string; reason: string; actor: string },
): Promise<void> {
  const plan = await loadPlan(deps.db, input.planId);
  const problems = [...checkDraft(plan.status), ...checkDeclineReason(input.reason)];
  if (problems.length > 0) refuse(problems, plan.id);
  openProposal(plan, input.proposalId);
  await recordPlan(
    deps.db,
    plan.id,
    [
      {
        type: 'plan.proposal-declined',
        payload: { planId: plan.id, proposalId: input.proposalId, reason: input.reason.trim() },
      },
    ],
    input.actor,
  );
}

/** 7.3.1: the group submits its plan to the council for approval. */
export async function submitPlan(deps: PlanDeps, input: { planId: string; actor: string }): Promise<void> {
  const plan = await loadPlan(deps.db, input.planId);
  const problems = checkSubmission({
    status: plan.status,
    items: plan.items.length,
    openProposals: plan.proposals.filter((p) => p.status === 'open').length,
  });
  if (problems.length > 0) refuse(problems, plan.id);
  await recordPlan(
    deps.db,
    plan.id,
    [{ type: 'plan.submitted', payload: { planId: plan.id, submittedOn: todayIn(deps) } }],
    input.actor,
  );
}

export const planNoticeId = (planId: string) => `plan-approved-${planId}`;

/**
 * 7.3.1: staff record the council's approval of a submitted plan (session date, decision number, text); the
 * approved plan is published as a notice (notice board, website and its Atom feed).
 */
export async function approvePlan(
  deps: PlanDeps,
  input: ApprovalInput & { planId: string; actor: string },
): Promise<void> {
  const plan = await loadPlan(deps.db, input.planId);
  // Approved before, but its notice was not published (the process stopped in between): publish it now.
  if (plan.approval && plan.noticeId && !(await findNoticeById(deps.db, plan.noticeId)))
    return publishApproval(deps, plan, plan.approval, input.actor);
  const problems = checkApproval(plan, input, todayIn(deps));
  if (problems.length > 0) refuse(problems, plan.id);
  const approval = {
    sessionOn: input.sessionOn,
    decisionNumber: input.decisionNumber.trim(),
    text: input.text.trim(),
  };
  await recordPlan(
    deps.db,
    plan.id,
    [{ type: 'plan.approved', payload: { planId: plan.id, ...approval, noticeId: planNoticeId(plan.id) } }],
    input.actor,
  );
  await publishApproval(deps, plan, approval, input.actor);
}

/** The approved plan as a notice on the board and the website (and so in the Atom feed), once per plan. */
async function publishApproval(
  deps: PlanDeps,
  plan: WorkPlan,
  approval: { sessionOn: string; decisionNumber: string },
  actor: string,
): Promise<void> {
  const lines = (lang: 'ky' | 'ru') =>
    plan.items
      .map(
        (i, n) =>
          `${n + 1}. ${i.objectName[lang]}: ${i.subject} (${i.from} – ${i.to}; ${PLAN_METHOD_NAMES[i.method][lang]})`,
      )
      .join('\n');
  const { sessionOn, decisionNumber: number } = approval;
  await publishNotice(
    deps.db,
    {
      noticeId: planNoticeId(plan.id),
      councilId: plan.councilId,
      groupId: plan.groupId,
      kind: 'work-plan-approved',
      text: {
        ky: `Кеңеш ${sessionOn} сессиясында (№ ${number} чечим) мониторинг жана баалоо тобунун иш планын бекитти: ${plan.title} (Жобонун 7.3.1-пункту).\n\n${lines('ky')}`,
        ru: `Кенеш на сессии ${sessionOn} (решение № ${number}) утвердил план работы группы мониторинга и оценки: ${plan.title} (пункт 7.3.1 Положения).\n\n${lines('ru')}`,
      },
      channels: ['website', 'notice_board'],
      publishedAt: new Date(deps.now()),
    },
    actor,
  );
}

/** The chair moves an item of the approved plan: planned → in progress → done, or dropped with a reason. */
export async function setItemState(
  deps: PlanDeps,
  input: { planId: string; itemId: string; state: string; reason: string | null; actor: string },
): Promise<void> {
  const plan = await loadPlan(deps.db, input.planId);
  const item = plan.items.find((i) => i.id === input.itemId);
  if (!item) refuse([unknown('itemId', 'item')], plan.id);
  const problems = checkItemState(plan, item.state, input.state, input.reason);
  if (problems.length > 0) refuse(problems, plan.id);
  await recordPlan(
    deps.db,
    plan.id,
    [
      {
        type: 'plan.item-state-changed',
        payload: {
          planId: plan.id,
          itemId: item.id,
          state: input.state as ItemState,
          reason: input.state === 'dropped' ? (input.reason ?? '').trim() : null,
        },
      },
    ],
    input.actor,
  );
}

/** An act or an information request of the group names the plan item it serves (7.3.1: monitoring per the plan). */
export async function linkToItem(
  deps: PlanDeps,
  input: { planId: string; itemId: string; actId?: string | null; requestId?: string | null; actor: string },
): Promise<{ linked: boolean }> {
  const plan = await loadPlan(deps.db, input.planId);
  const item = plan.items.find((i) => i.id === input.itemId);
  if (!item) refuse([unknown('itemId', 'item')], plan.id);
  const actId = input.actId?.trim() || null;
  const requestId = input.requestId?.trim() || null;
  if ((actId === null) === (requestId === null))
    refuse(
      [
        problem(
          'one-of',
          'actId',
          null,
          loc(
            'Бир актыны же бир маалымат суроону тандаңыз.',
            'Выберите один акт или один информационный запрос.',
            'Choose one act or one information request.',
          ),
        ),
      ],
      plan.id,
    );
  const owner = actId
    ? await deps.db.selectFrom('acts').select('group_id').where('id', '=', actId).executeTakeFirst()
    : await deps.db
        .selectFrom('information_requests')
        .select('group_id')
        .where('id', '=', requestId!)
        .executeTakeFirst();
  if (!owner || owner.group_id !== plan.groupId)
    refuse([unknown(actId ? 'actId' : 'requestId', actId ? 'act' : 'request')], plan.id);
  if (actId ? item.acts.some((a) => a.id === actId) : item.requests.some((r) => r.id === requestId))
    return { linked: false };
  // 6.4: a member removed from this plan item for a conflict of interest links nothing to it (409, nothing written).
  await refuseIfRemoved(deps, { groupId: plan.groupId, planItemIds: [item.id], actor: input.actor });
  await recordPlan(
    deps.db,
    plan.id,
    [{ type: 'plan.item-linked', payload: { planId: plan.id, itemId: item.id, actId, requestId } }],
    input.actor,
  );
  return { linked: true };
}
