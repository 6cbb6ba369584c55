// The work plan's tables (7.3.1), as kysely sees them (db/migrations/20261207T0909-work-plan.ts).
import type { ItemState, PlanMethod, PlanStatus } from '../domain/work-plan';
import type { IsoDateColumn, Timestamp } from './database';

export interface WorkPlansTable {
  id: string;
  group_id: string;
  council_id: string;
  title: string;
  status: PlanStatus;
  executive_body_id: string | null;
  proposals_until: IsoDateColumn | null;
  sent_on: IsoDateColumn | null;
  submitted_on: IsoDateColumn | null;
  approved_session_on: IsoDateColumn | null;
  approved_decision_number: string | null;
  approved_text: string | null;
  notice_id: string | null;
  created_at: Timestamp;
}

export interface PlanItemsTable {
  id: string;
  plan_id: string;
  position: number;
  object_id: string;
  subject: string;
  period_from: IsoDateColumn;
  period_to: IsoDateColumn;
  method: PlanMethod;
  state: ItemState;
  drop_reason: string | null;
  proposal_id: string | null;
}

export interface PlanProposalsTable {
  id: string;
  plan_id: string;
  object_id: string;
  subject: string;
  period_from: IsoDateColumn;
  period_to: IsoDateColumn;
  method: PlanMethod;
  note: string;
  proposed_on: IsoDateColumn;
  status: 'open' | 'taken' | 'declined';
  decline_reason: string | null;
  position: number;
}

export interface PlanItemLinksTable {
  plan_item_id: string;
  act_id: string | null;
  request_id: string | null;
}
