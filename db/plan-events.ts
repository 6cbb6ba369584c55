// The group's work plan (7.3.1), on the plan's own stream ('plan-<id>'): drafted, its items, the executive body's
// proposals and the chair's decisions on them, the submission to the council and the council's approval, the items'
// states and the acts and information requests that serve them.
import type { IsoDate } from '../domain/dates';
import type { ItemState, PlanMethod } from '../domain/work-plan';

type Ev<T extends string, P> = { type: T; payload: P };

export interface PlanItemPayload {
  objectId: string;
  subject: string;
  from: IsoDate;
  to: IsoDate;
  method: PlanMethod;
}

export type PlanEvent =
  | Ev<'plan.drafted', { planId: string; groupId: string; councilId: string; title: string }>
  /** An item the chair drafted, or a proposal of the executive body the chair took (proposalId). */
  | Ev<'plan.item-added', PlanItemPayload & { planId: string; itemId: string; proposalId: string | null }>
  /** The draft sent to the executive body with its link (db/link-generations.ts, subject 'plan:<id>'). */
  | Ev<
      'plan.sent',
      { planId: string; executiveBodyId: string; proposalsUntil: IsoDate; generation: number; sentOn: IsoDate }
    >
  | Ev<
      'plan.proposal-made',
      PlanItemPayload & { planId: string; proposalId: string; note: string; proposedOn: IsoDate }
    >
  | Ev<'plan.proposal-declined', { planId: string; proposalId: string; reason: string }>
  | Ev<'plan.submitted', { planId: string; submittedOn: IsoDate }>
  | Ev<
      'plan.approved',
      { planId: string; sessionOn: IsoDate; decisionNumber: string; text: string; noticeId: string | null }
    >
  | Ev<'plan.item-state-changed', { planId: string; itemId: string; state: ItemState; reason: string | null }>
  | Ev<'plan.item-linked', { planId: string; itemId: string; actId: string | null; requestId: string | null }>;
