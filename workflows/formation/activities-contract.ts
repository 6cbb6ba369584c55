// The activities the formation workflow calls besides the obligation tracker's (types only; the real ones are
// built by createActivities in activities/, which the worker injects with the database and the mailer).
import type { AppendDomainEventsInput, AppendDomainEventsResult } from '../../activities/events/append-domain-events';
import type { PublishedNotice, PublishNoticeInput } from '../../activities/notices/publish-notice';

export type {
  AppendDomainEventsInput,
  AppendDomainEventsResult,
  PublishedNotice as StoredNotice,
  PublishNoticeInput as StoreNoticeInput,
};

export interface FormationActivities {
  /** Appends facts to a stream with their idempotency keys (projections updated in the same transaction). */
  appendDomainEvents(input: AppendDomainEventsInput): Promise<AppendDomainEventsResult>;
  /** Stores a public notice in Kyrgyz and Russian on its channels, once per notice key. */
  publishNotice(input: PublishNoticeInput): Promise<PublishedNotice>;
}
