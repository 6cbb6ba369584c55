// The idempotent outbox: a message is recorded under its business key, then sent at most once per key.
//
// Guarantee: a retried activity never sends a message that the outbox has marked sent; concurrent
// attempts for one key are serialised by a row lock. One window remains: if the process dies after
// the SMTP server accepted the message and before the row is marked sent, the next attempt sends it
// again (at-least-once at the SMTP boundary). Both copies carry the same Message-ID, derived from the
// business key (messageIdFor), so mail clients and archives can drop the duplicate.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { MailTransport, OutgoingMail } from './build-transport';

export interface OutboxResult {
  businessKey: string;
  messageId: string | null;
  /** 'sent' now, or 'already-sent' by an earlier attempt (nothing was sent this time). */
  outcome: 'sent' | 'already-sent';
}

/** Thrown (and left to Temporal's retries) when the transport fails; the outbox row stays pending. */
export class MailSendError extends Error {
  constructor(
    readonly businessKey: string,
    cause: unknown,
  ) {
    super(`mail "${businessKey}" not sent: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MailSendError';
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Records the message under its business key (first write wins) and sends it unless already sent. */
export async function sendViaOutbox(
  db: Kysely<Database>,
  transport: MailTransport,
  message: OutgoingMail,
): Promise<OutboxResult> {
  await db
    .insertInto('mail_outbox')
    .values({
      business_key: message.businessKey,
      recipients: JSON.stringify([...message.to, ...(message.bcc ?? [])]),
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
    })
    .onConflict((oc) => oc.column('business_key').doNothing())
    .execute();

  const { result, failure } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('mail_outbox')
      .selectAll()
      .where('business_key', '=', message.businessKey)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.status === 'sent')
      return {
        result: { businessKey: row.business_key, messageId: null, outcome: 'already-sent' as const },
        failure: null,
      };
    // The stored message is the one sent: a retry with other arguments cannot change what a key means.
    // Which of the stored recipients are blind copies is the caller's to say (the row keeps them all, in order).
    const hidden = new Set(message.bcc ?? []);
    const stored: OutgoingMail = {
      businessKey: row.business_key,
      to: row.recipients.filter((r) => !hidden.has(r)),
      bcc: row.recipients.filter((r) => hidden.has(r)),
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      date: message.date,
    };
    try {
      const sent = await transport.send(stored);
      await trx
        .updateTable('mail_outbox')
        .set({ status: 'sent', attempts: sql<number>`attempts + 1`, sent_at: sql<Date>`now()`, last_error: null })
        .where('id', '=', row.id)
        .execute();
      return {
        result: { businessKey: row.business_key, messageId: sent.messageId, outcome: 'sent' as const },
        failure: null,
      };
    } catch (error) {
      await trx
        .updateTable('mail_outbox')
        .set({ attempts: sql<number>`attempts + 1`, last_error: errorText(error) })
        .where('id', '=', row.id)
        .execute();
      return { result: null, failure: new MailSendError(row.business_key, error) };
    }
  });
  if (failure) throw failure;
  return result;
}
