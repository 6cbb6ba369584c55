// The typed contract of the act procedure (4.3, 8.1): delivery to the object, receipt, the obligations of 4.3(3)
// and (4), responses, and the chair's closing. The API and the CLI import these constants; the data they carry is
// defined in domain/act-procedure.ts.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActState,
  CloseActInput,
  Receipt,
  ReceiptInput,
  RecordedResponse,
  ResponseInput,
} from '../../domain/act-procedure';
import type { CalendarChangedSignalInput, ObligationState } from '../obligation/contract';

export type {
  ActObligationKey,
  ActState,
  ActStep,
  CloseActInput,
  DeliveryResult,
  IssuedActInfo,
  Receipt,
  ReceiptInput,
  RecordedResponse,
  ResponseInput,
} from '../../domain/act-procedure';

export interface ActInput {
  actId: string;
  groupId: string;
  councilId: string;
  /** Working days after the issue without a receipt before staff are prompted; DEFAULT_RECEIPT_PROMPT_WORKING_DAYS if absent. */
  receiptPromptWorkingDays?: number;
  /** The hour (Asia/Bishkek) reminders and the receipt prompt go out; DEFAULT_REMINDER_HOUR if absent. */
  reminderHour?: number;
}

export const actWorkflowId = (actId: string): string => `act-${actId}`;

export type ActResult = NonNullable<ActState['closed']> & { actId: string; obligations: ObligationState[] };

/** 4.3: the count starts on receipt (a second receipt changes nothing and returns the first). */
export const recordReceiptUpdate = defineUpdate<Receipt, [ReceiptInput]>('recordReceipt');
/** 4.3: a response to one obligation; late ones are accepted and marked late; the same submission again is a no-op. */
export const recordResponseUpdate = defineUpdate<RecordedResponse, [ResponseInput]>('recordResponse');
/** The chair closes the act with a reason, only after an escalation. */
export const closeActUpdate = defineUpdate<NonNullable<ActState['closed']>, [CloseActInput]>('closeAct');
export const actCalendarChangedSignal = defineSignal<[CalendarChangedSignalInput]>('calendarChanged');
export const actStateQuery = defineQuery<ActState>('actState');
