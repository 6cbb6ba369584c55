// Password links by mail: the invitation a new account gets, the link staff send again, and the one a person asks for
// with "forgot password". Each link is single-use, expires after 72 hours, and is kept only as the sha256 of its token
// (db/password-links.ts). Its mail goes through the idempotent outbox under the business key `password-link:<id>`, so
// a retried send never sends it twice; once sent, the stored copy has the link struck out, so the database never
// holds a usable link.
import type { FastifyInstance } from 'fastify';
import { findAccountByEmail } from '../../db/accounts';
import { createPasswordLink, type PasswordLinkPurpose } from '../../db/password-links';
import type { Lang } from '../../domain/i18n';
import { buildTransport } from '../../activities/mail/build-transport';
import { renderPasswordLinkMail } from '../../activities/mail/render-password-link-mail';
import { MailSendError, sendViaOutbox } from '../../activities/mail/send-via-outbox';
import type { AppDeps } from '../app-types';
import { hashSessionId, newToken } from '../auth/session-cookie';

export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;
/** What the outbox keeps of a sent link. */
export const STRUCK_LINK = '[…]';

/** The business key of a link's mail: one mail per link, however often its sending is retried. */
export function passwordLinkMailKey(linkId: string): string {
  return `password-link:${linkId}`;
}

/** The sha256 of a link's token, the only form in which the database keeps it. */
export const hashLinkToken = hashSessionId;

export interface LinkAccount {
  id: string;
  email: string;
}

/**
 * Issues a link for `account` at `now` and mails it (base: the address people reach the app at). Returns whether the
 * mail went out; when the mail server fails the link stays valid and its mail stays pending in the outbox.
 */
export async function mailPasswordLink(
  deps: AppDeps,
  account: LinkAccount,
  purpose: PasswordLinkPurpose,
  lang: Lang,
  base: string,
  now: Date,
): Promise<{ linkId: string; sent: boolean }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
  const linkId = await createPasswordLink(deps.db, {
    accountId: account.id,
    tokenHash: hashLinkToken(token),
    purpose,
    lang,
    at: now,
    expiresAt,
  });
  const url = `${base}/password?token=${token}&lang=${lang}`;
  const mail = renderPasswordLinkMail({ purpose, lang, email: account.email, url, expiresAt });
  const businessKey = passwordLinkMailKey(linkId);
  const transport = buildTransport(deps.config);
  try {
    await sendViaOutbox(deps.db, transport, {
      businessKey,
      to: [account.email],
      subject: mail.subject,
      text: mail.text,
      html: null,
      date: now,
    });
  } catch (error) {
    if (error instanceof MailSendError) return { linkId, sent: false };
    throw error;
  } finally {
    transport.close();
  }
  await deps.db
    .updateTable('mail_outbox')
    .set({ text_body: mail.text.replaceAll(url, STRUCK_LINK) })
    .where('business_key', '=', businessKey)
    .where('status', '=', 'sent')
    .execute();
  return { linkId, sent: true };
}

/**
 * "Forgot password": a reset link to the account with this e-mail, if there is one; nothing otherwise. The caller
 * answers before this runs (ForgotMail), so neither the answer nor its timing tells whether the address has an account.
 */
export async function mailResetIfAccount(
  deps: AppDeps,
  email: string,
  lang: Lang,
  base: string,
  now: Date,
): Promise<void> {
  const account = await findAccountByEmail(deps.db, email);
  if (!account) return;
  await mailPasswordLink(deps, account, 'reset', lang, base, now);
}

/** The "forgot password" mails run after the answer is sent; the app's close waits for them, and so can tests. */
export class ForgotMail {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: FastifyInstance['log']) {}

  run(task: () => Promise<void>): void {
    const done: Promise<void> = task()
      .catch((error: unknown) => this.log.error({ err: error }, 'forgot-password mail failed'))
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves when every mail started so far is done. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
