// Where mail goes: an SMTP server when SMTP_URL is set, otherwise .eml files in `${dataDir}/outbox/`.
import { createHash } from 'node:crypto';
import { mkdir, link, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../../config/config';

export interface OutgoingMail {
  /** Unique per message (e.g. obligation + reminder rung); the same key is the same message. */
  businessKey: string;
  to: readonly string[];
  /** Recipients who must not see each other's addresses (nor be seen by `to`): envelope only, no header. */
  bcc?: readonly string[];
  subject: string;
  text: string;
  html: string | null;
  /** The Date header: when the activity sent it, by the activities' clock (default: the transport's clock). */
  date?: Date;
}

export interface SendResult {
  messageId: string;
  /** false when the .eml outbox already held this business key's file (nothing written). */
  written: boolean;
  /** The .eml file, for the file outbox. */
  file?: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'eml';
  /** One line for humans: where mail goes (no credentials). */
  readonly description: string;
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

/**
 * The Message-ID a business key always gets, so receivers can drop a duplicate delivery
 * (the window between the SMTP server's acceptance and the outbox marking the row sent).
 */
export function messageIdFor(businessKey: string, mailFrom: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'jmeg.local';
  return `<${createHash('sha256').update(businessKey).digest('hex').slice(0, 32)}@${domain}>`;
}

/** The outbox file name of a business key: readable, filesystem-safe, and distinct for distinct keys. */
export function emlFileName(businessKey: string): string {
  const readable = businessKey
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80);
  const hash = createHash('sha256').update(businessKey).digest('hex').slice(0, 12);
  return `${readable === '' ? 'mail' : readable}-${hash}.eml`;
}

function redact(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the SMTP server in SMTP_URL';
  }
}

type TransportConfig = Pick<AppConfig, 'smtpUrl' | 'dataDir' | 'mailFrom'>;

/** Builds the transport from configuration; opens no connection until the first send. */
export function buildTransport(config: TransportConfig): MailTransport {
  return config.smtpUrl !== null
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : emlTransport(path.join(config.dataDir, 'outbox'), config.mailFrom);
}

function smtpTransport(smtpUrl: string, mailFrom: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    description: `SMTP ${redact(smtpUrl)}`,
    async send(mail) {
      const messageId = messageIdFor(mail.businessKey, mailFrom);
      await transporter.sendMail({
        from: mailFrom,
        to: [...mail.to],
        bcc: [...(mail.bcc ?? [])],
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId,
        date: mail.date,
      });
      return { messageId, written: true };
    },
    close: () => transporter.close(),
  };
}

function emlTransport(dir: string, mailFrom: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'eml',
    description: `.eml files in ${dir}`,
    async send(mail) {
      const messageId = messageIdFor(mail.businessKey, mailFrom);
      // No Bcc header in the file, which is the message as its recipients would see it; the outbox table keeps every recipient.
      const info = await composer.sendMail({
        from: mailFrom,
        to: [...mail.to],
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId,
        date: mail.date,
      });
      const file = path.join(dir, emlFileName(mail.businessKey));
      // Owner-only: a message holds the object's live response link.
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // Write aside, then link into place: link() fails if the file exists, so a key is written once and never half.
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temp, info.message as Buffer, { mode: 0o600 });
      try {
        await link(temp, file);
        return { messageId, written: true, file };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { messageId, written: false, file };
        throw error;
      } finally {
        await unlink(temp);
      }
    },
    close: () => composer.close(),
  };
}
