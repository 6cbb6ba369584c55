// The activities the information request workflow calls besides the obligation activities (types only; the real
// ones are built by createActivities in activities/).
import type { AppendDomainEventsInput, AppendDomainEventsResult } from '../../activities/events/append-domain-events';
import type { RequestDelivery, RequestInfo } from './contract';

export interface RequestActivities {
  /** The request as the procedure needs it; refused (non-retryable) when there is no such request. */
  loadInformationRequest(input: { requestId: string }): Promise<RequestInfo>;
  /** Mails the request with its signed link to the object (ky, ru), once per request (outbox request:<id>:delivery). */
  deliverInformationRequest(input: { requestId: string }): Promise<RequestDelivery>;
  appendDomainEvents(input: AppendDomainEventsInput): Promise<AppendDomainEventsResult>;
}
