// The activities the act workflow calls besides the obligation tracker's (types only; the real ones are built
// by createActivities in activities/, which the worker injects with the database, the mailer and the config).
import type { AppendDomainEventsInput, AppendDomainEventsResult } from '../../activities/events/append-domain-events';
import type { IsoDate } from '../../domain/dates';
import type { DeliveryResult, IssuedActInfo } from './contract';

export interface ReceiptPromptInput {
  actId: string;
  issuedOn: IsoDate;
  /** The last working day a receipt was expected by. */
  expectedBy: IsoDate;
}

export interface ForwardResponseInput {
  actId: string;
  responseId: string;
  respondedOn: IsoDate;
  late: boolean;
  /** The answer's text as recorded. */
  text: string;
}

export interface ActActivities {
  /** The issued act as the procedure needs it; refused (non-retryable) when it is not issued. */
  loadIssuedAct(input: { actId: string }): Promise<IssuedActInfo>;
  /** Mails the act with its personal response link to the object (ky, ru), once per act (outbox act:<id>:delivery). */
  deliverAct(input: { actId: string }): Promise<DeliveryResult>;
  /**
   * 4.3(4): mails the act with the executive body's own response link (bound to the act and the executive body), once
   * per act (outbox act:<id>:delivery:executive-body). Only for an act about another object.
   */
  deliverActToExecutiveBody(input: { actId: string }): Promise<DeliveryResult>;
  /**
   * 4.3(3): mails the object's answer (its text, and a link to the act's page with its files) to the executive body
   * with a copy to the group's chair, once per answer (outbox act:<id>:forward:<responseId>). Returns the addresses.
   */
  forwardResponse(input: ForwardResponseInput): Promise<{ to: string[] }>;
  /** Asks staff to record the receipt, once per act (outbox act:<id>:receipt-prompt). */
  promptReceipt(input: ReceiptPromptInput): Promise<void>;
  appendDomainEvents(input: AppendDomainEventsInput): Promise<AppendDomainEventsResult>;
}
