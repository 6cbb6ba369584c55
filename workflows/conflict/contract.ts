// The typed contract of a conflict of interest's procedure (issue 14 point 2; 6.3-6.4): one workflow per written
// declaration. It tells the group's chair and the council at once, and tracks the council chair's temporary removal
// as the obligation 'conflict-removal' (the product's target of 3 working days, not statutory) with one reminder to
// the council when the target passes. Recording the removal fulfils it. Only ids and dates travel here: the
// declaration's text and the member's name stay in the database (the activity reads them).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { ObligationState } from '../obligation/contract';

export const conflictWorkflowId = (declarationId: string): string => `conflict-${declarationId}`;
export const conflictObligationId = (declarationId: string): string => `conflict:${declarationId}`;

export interface ConflictInput {
  declarationId: string;
  groupId: string;
  councilId: string;
  declaredOn: IsoDate;
  reminderHour?: number;
}

export interface RemovalRecordedInput {
  removalId: string;
  /** The day the council chair's removal was recorded (Bishkek). */
  on: IsoDate;
}

export interface ConflictOutcome {
  declarationId: string;
  /** How many addresses were told of the declaration (the addresses stay out of the history). */
  told: number;
  removalId: string | null;
  removedOn: IsoDate | null;
  late: boolean;
}

export interface ConflictState {
  declarationId: string;
  told: number | null;
  removalId: string | null;
  obligation: ObligationState | null;
}

export const removalRecordedUpdate = defineUpdate<ConflictOutcome, [RemovalRecordedInput]>('removalRecorded');
export const conflictStateQuery = defineQuery<ConflictState>('conflictState');
