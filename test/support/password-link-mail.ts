// The password links that reached a test SMTP server, and using one the way a person does: open it, post the form.
import { expect } from 'vitest';
import type { App } from '../../api/app-types';
import type { TestSmtpServer, ReceivedMail } from './smtp';

/** The mails the server received for `email`, oldest first. */
export function mailsTo(smtp: TestSmtpServer, email: string): ReceivedMail[] {
  return smtp.received.filter((m) => m.envelopeTo.includes(email));
}

/** The password link in a mail's text (the path and query only: /password?token=...&lang=..). */
export function linkIn(mail: ReceivedMail): string {
  const url = /https?:\/\/\S+\/password\?token=[\w-]+&lang=[a-z]{2}/.exec(mail.parsed.text ?? '')?.[0];
  expect(url, 'a password link in the mail').toBeDefined();
  const { pathname, search } = new URL(url ?? '');
  return `${pathname}${search}`;
}

/** The link of the newest mail to `email`. */
export function lastLinkTo(smtp: TestSmtpServer, email: string): string {
  const mails = mailsTo(smtp, email);
  expect(mails.length, `a mail to ${email}`).toBeGreaterThan(0);
  return linkIn(mails[mails.length - 1]!);
}

/** Opens the link's page and posts its form with `password` twice; returns the answer to the post. */
export async function setPasswordThroughLink(app: App, link: string, password: string, again = password) {
  const page = await app.inject({ method: 'GET', url: link });
  const token =
    /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? new URL(link, 'http://x').searchParams.get('token');
  const lang = new URL(link, 'http://x').searchParams.get('lang') ?? 'ky';
  return app.inject({
    method: 'POST',
    url: `/password?lang=${lang}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token: token ?? '', password, passwordAgain: again }).toString(),
  });
}
