// Password links on real Postgres with a real SMTP server: the invitation a new account gets and the link "forgot
// password" sends; each works once, for 72 hours (the app's clock is a parameter here, nothing sleeps), says in the
// visitor's language when it is used or expired, and leads to the login or a new request; asking for a link answers
// the same, and sends nothing, for an address without an account; each link's mail leaves the outbox once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { PASSWORD_LINK_TTL_MS, STRUCK_LINK, passwordLinkMailKey } from '../api/accounts/password-links';
import { buildTransport } from '../activities/mail/build-transport';
import { sendViaOutbox } from '../activities/mail/send-via-outbox';
import { loadConfig } from '../config/config';
import { createAccount, findAccountByEmail } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { lastLinkTo, linkIn, mailsTo, setPasswordThroughLink } from './support/password-link-mail';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

let t: TestDatabase;
let app: App;
let smtp: TestSmtpServer;
let councilId: string;
const START = Date.parse('2026-03-02T04:00:00Z');
let now = START;
const PASSWORD = 'correct horse battery';
const config = () => loadConfig({ SMTP_URL: smtp.url, JMEG_PUBLIC_URL: 'https://jmeg.aksuu.kg' });

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
  app = buildApp({ db: t.db, config: config(), clock: () => now });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app.close();
  await smtp.stop();
  await t.drop();
});

async function staffSession() {
  const res = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email: 'staff@aksuu.kg', password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const cookie = `jmeg_session=${res.cookies.find((c) => c.name === 'jmeg_session')?.value ?? ''}`;
  return { cookie, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
}

async function invite(email: string, lang = 'ky') {
  const res = await app.inject({
    method: 'POST',
    url: `/api/councils/${councilId}/accounts?lang=${lang}`,
    headers: await staffSession(),
    payload: { email, role: 'deputy' },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ account: { id: string }; invitationSent: boolean }>();
}

function forgot(email: string, lang = 'en', ip = '198.51.100.7') {
  return app.inject({
    method: 'POST',
    url: `/password/forgot?lang=${lang}`,
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email }).toString(),
  });
}

async function logsIn(email: string, password: string): Promise<boolean> {
  return (await app.inject({ method: 'POST', url: '/api/login', payload: { email, password } })).statusCode === 200;
}

describe('the invitation', () => {
  it('is one mail with a link to this site; the link opens a form in its language, which sets the password', async () => {
    await invite('new@aksuu.kg', 'en');
    const [mail, ...more] = mailsTo(smtp, 'new@aksuu.kg');
    expect(more).toEqual([]);
    expect(mail?.parsed.text).toMatch(/https:\/\/jmeg\.aksuu\.kg\/password\?token=[\w-]{43}&lang=en/);
    // 72 hours from now, in Bishkek time and the glossary's date form.
    expect(mail?.parsed.text).toContain('анын мөөнөтү 05.03.2026 күнү саат 10:00 аяктайт.');
    expect(mail?.parsed.text).toContain('срок её действия истекает 05.03.2026 в 10:00.');
    expect(mail?.parsed.text).toContain('expires on 05.03.2026 at 10:00 (Bishkek time)');
    const link = linkIn(mail!);

    const page = await app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-language']).toBe('en');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<h1>Set your password</h1>');
    expect(page.body).toContain('value="new@aksuu.kg"');
    // The language switch keeps the token.
    const token = new URL(link, 'https://x').searchParams.get('token')!;
    expect(page.body).toContain(`href="/password?token=${token}&amp;lang=ru"`);

    const weak = await setPasswordThroughLink(app, link, 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('New password');
    const differ = await setPasswordThroughLink(app, link, 'apricot river lantern 42', 'apricot river lantern 43');
    expect(differ.statusCode).toBe(400);
    expect(differ.body).toContain('The two passwords differ.');
    expect(await logsIn('new@aksuu.kg', 'apricot river lantern 42')).toBe(false);

    const set = await setPasswordThroughLink(app, link, 'apricot river lantern 42');
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/login?lang=en&done=password');
    const login = await app.inject({ method: 'GET', url: set.headers.location! });
    expect(login.body).toContain('Your password is set. Log in with it now.');
    expect(await logsIn('new@aksuu.kg', 'apricot river lantern 42')).toBe(true);
  });

  it('works once: used again it says so, in the visitor language, and leads to the login and a new request', async () => {
    await invite('once@aksuu.kg');
    const link = lastLinkTo(smtp, 'once@aksuu.kg');
    expect((await setPasswordThroughLink(app, link, 'the first password of once')).statusCode).toBe(303);
    const again = await setPasswordThroughLink(app, link, 'a second password of once');
    expect(again.statusCode).toBe(410);
    expect(await logsIn('once@aksuu.kg', 'a second password of once')).toBe(false);
    const opened = await app.inject({ method: 'GET', url: link.replace('lang=ky', 'lang=ru') });
    expect(opened.statusCode).toBe(410);
    expect(opened.body).toContain('Эта ссылка уже использована. Войдите в систему или запросите новую ссылку.');
    expect(opened.body).toContain('href="/login?lang=ru"');
    expect(opened.body).toContain('href="/password/forgot?lang=ru"');
  });

  it('of two posts at once, one sets the password', async () => {
    await invite('race@aksuu.kg');
    const link = lastLinkTo(smtp, 'race@aksuu.kg');
    const results = await Promise.all([
      setPasswordThroughLink(app, link, 'the race password one'),
      setPasswordThroughLink(app, link, 'the race password two'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 410]);
  });

  it('expires after 72 hours: refused then, with a way to ask for a new one', async () => {
    now = START;
    await invite('late@aksuu.kg');
    const link = lastLinkTo(smtp, 'late@aksuu.kg');
    try {
      now = START + PASSWORD_LINK_TTL_MS - 1;
      expect((await app.inject({ method: 'GET', url: link })).statusCode).toBe(200);
      now = START + PASSWORD_LINK_TTL_MS;
      const page = await app.inject({ method: 'GET', url: `${link.replace('lang=ky', 'lang=en')}` });
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('This link has expired. Ask for a new one.');
      expect(page.body).toContain('href="/password/forgot?lang=en"');
      expect((await setPasswordThroughLink(app, link, 'too late a password')).statusCode).toBe(410);
      expect(await logsIn('late@aksuu.kg', 'too late a password')).toBe(false);
    } finally {
      now = START;
    }
  });

  it('a link that is not ours is a 404 that offers a new one', async () => {
    const res = await app.inject({ method: 'GET', url: '/password?token=not-a-token&lang=ky' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Бул шилтеме жараксыз. Жаңы шилтеме сураңыз.');
    expect((await app.inject({ method: 'GET', url: '/password' })).statusCode).toBe(404);
  });

  it('leaves the outbox once under its key; a retry sends nothing, and the stored copy has the link struck out', async () => {
    await invite('outbox@aksuu.kg');
    const link = lastLinkTo(smtp, 'outbox@aksuu.kg');
    const { id: linkId } = await t.db
      .selectFrom('password_links')
      .innerJoin('accounts', 'accounts.id', 'password_links.account_id')
      .select('password_links.id')
      .where('accounts.email', '=', 'outbox@aksuu.kg')
      .executeTakeFirstOrThrow();
    const row = await t.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('business_key', '=', passwordLinkMailKey(linkId))
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.text_body).not.toContain('token=');
    expect(row.text_body).toContain(STRUCK_LINK);
    // Only the token's hash is kept.
    const token = new URL(link, 'https://x').searchParams.get('token')!;
    const stored = await t.db
      .selectFrom('password_links')
      .select('token_hash')
      .where('id', '=', linkId)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const before = smtp.received.length;
    const transport = buildTransport(config());
    try {
      const retry = await sendViaOutbox(t.db, transport, {
        businessKey: passwordLinkMailKey(linkId),
        to: ['outbox@aksuu.kg'],
        subject: 'again',
        text: 'again',
        html: null,
      });
      expect(retry.outcome).toBe('already-sent');
    } finally {
      transport.close();
    }
    expect(smtp.received.length).toBe(before);
  });

  it('when the mail server is down, the account is made, the mail waits, and staff send a new link later', async () => {
    await smtp.stop();
    let created;
    try {
      created = await invite('down@aksuu.kg');
    } finally {
      await smtp.start();
    }
    expect(created.invitationSent).toBe(false);
    expect(mailsTo(smtp, 'down@aksuu.kg')).toEqual([]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/councils/${councilId}/accounts/${created.account.id}/password-link`,
      headers: await staffSession(),
    });
    expect(res.json()).toEqual({ accountId: created.account.id, sent: true });
    expect(
      (await setPasswordThroughLink(app, lastLinkTo(smtp, 'down@aksuu.kg'), 'back up password here')).statusCode,
    ).toBe(303);
    expect(await logsIn('down@aksuu.kg', 'back up password here')).toBe(true);
  });
});

describe('forgot password', () => {
  it('is linked from the login page and asks for the e-mail in the page language', async () => {
    const login = await app.inject({ method: 'GET', url: '/login?lang=ru' });
    expect(login.body).toContain('<a href="/password/forgot?lang=ru">Забыли пароль?</a>');
    const page = await app.inject({ method: 'GET', url: '/password/forgot?lang=ru' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Восстановление пароля</h1>');
    expect(page.body).toContain('<label for="email">Электронная почта</label>');
  });

  it('answers the same for an address with and without an account, and mails only the account', async () => {
    await createAccount(t.db, { email: 'forgetful@aksuu.kg', password: PASSWORD, role: 'deputy', councilId });
    const before = smtp.received.length;
    const unknown = await forgot('nobody@aksuu.kg');
    const known = await forgot('Forgetful@AkSuu.kg');
    await app.forgotMail.settled();
    expect(unknown.statusCode).toBe(200);
    expect(known.statusCode).toBe(200);
    expect(known.body).toBe(unknown.body);
    expect(known.body).toContain('If an account has this address, a link to set its password has been sent to it.');
    expect(smtp.received.length).toBe(before + 1);
    expect(mailsTo(smtp, 'nobody@aksuu.kg')).toEqual([]);
    expect(
      (await t.db.selectFrom('mail_outbox').select('recipients').execute()).filter((r) =>
        r.recipients.includes('nobody@aksuu.kg'),
      ),
    ).toEqual([]);
    const [mail] = mailsTo(smtp, 'forgetful@aksuu.kg');
    expect(mail?.parsed.text).toContain('A password reset was asked for the account forgetful@aksuu.kg.');
    // The old password works until the link is used.
    expect(await logsIn('forgetful@aksuu.kg', PASSWORD)).toBe(true);
    expect((await setPasswordThroughLink(app, linkIn(mail!), 'remembered this time')).statusCode).toBe(303);
    expect(await logsIn('forgetful@aksuu.kg', PASSWORD)).toBe(false);
    expect(await logsIn('forgetful@aksuu.kg', 'remembered this time')).toBe(true);
    expect((await findAccountByEmail(t.db, 'forgetful@aksuu.kg'))?.password_hash).not.toContain('remembered');
  });

  it('names a bad address in the page language and sends nothing', async () => {
    const before = smtp.received.length;
    const res = await forgot('not an address', 'ru', '198.51.100.8');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Электронная почта');
    await app.forgotMail.settled();
    expect(smtp.received.length).toBe(before);
  });

  it('is limited like the login: 10 requests per address and e-mail in 15 minutes, then 429 with Retry-After', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < 10; i++) expect((await forgot('someone@aksuu.kg', 'en', ip)).statusCode).toBe(200);
    const limited = await forgot('someone@aksuu.kg', 'en', ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another e-mail from that address, or that e-mail from another address, still may.
    expect((await forgot('someone.else@aksuu.kg', 'en', ip)).statusCode).toBe(200);
    expect((await forgot('someone@aksuu.kg', 'en', '203.0.113.51')).statusCode).toBe(200);
    await app.forgotMail.settled();
  });
});
