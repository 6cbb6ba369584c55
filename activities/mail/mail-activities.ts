// The mail family of activities: every message goes through the outbox under its business key.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { MailTransport, OutgoingMail } from './build-transport';
import { sendViaOutbox, type OutboxResult } from './send-via-outbox';

export interface MailActivityDeps {
  db: Kysely<Database>;
  transport: MailTransport;
}

export function createMailActivities({ db, transport }: MailActivityDeps) {
  return {
    /** Sends a message once per business key; a transport failure throws and Temporal retries. */
    async sendMail(mail: OutgoingMail): Promise<OutboxResult> {
      return sendViaOutbox(db, transport, mail);
    },
  };
}
