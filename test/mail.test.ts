import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, emlFileName, messageIdFor, type OutgoingMail } from '../activities/mail/build-transport';
import { renderObligationMail, type ObligationMailInput } from '../activities/mail/render-obligation-mail';
import { MailSendError, sendViaOutbox } from '../activities/mail/send-via-outbox';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const MAIL_FROM = 'Айыл кеңеши <jmeg@ayil.kg>';

const formationNotice: ObligationMailInput = {
  kind: 'reminder',
  title: {
    ky: 'Топту түзүү жөнүндө кулактандыруу <жарыялоо> & башка',
    ru: 'Объявление о формировании группы <публикация> & прочее',
  },
  clause: '5.4.1',
  party: { ky: 'Айыл өкмөтүнүн аппараты', ru: 'Аппарат айыл окмоту' },
  dueDate: '2026-03-23',
  daysLeft: 3,
  recipient: { ky: 'Айгүл Асанова', ru: 'Айгуль Асанова' },
  links: [
    {
      label: { ky: 'Милдетти ачуу', ru: 'Открыть обязательство' },
      url: 'https://jmeg.example/obligations/42?lang=ky&x="1"',
    },
  ],
};

function outgoing(businessKey: string, input: ObligationMailInput = formationNotice): OutgoingMail {
  return { businessKey, to: ['staff@ayil.kg'], ...renderObligationMail(input) };
}

describe('an obligation mail is bilingual: Kyrgyz first, then Russian, with the clause and the due date in each', () => {
  const mail = renderObligationMail(formationNotice);

  it('writes the due date as dd.mm.yyyy in each language, as the pages and notices do', () => {
    expect(mail.text).not.toContain('2026-03-23');
    expect(mail.text.match(/23\.03\.2026/g)).toHaveLength(2);
  });

  it('puts Kyrgyz before Russian in the subject, the text and the HTML', () => {
    for (const part of [mail.subject, mail.text, mail.html]) {
      const ky = part.indexOf('Топту түзүү');
      const ru = part.indexOf('Объявление о формировании');
      expect(ky).toBeGreaterThanOrEqual(0);
      expect(ru).toBeGreaterThan(ky);
    }
    expect(mail.subject).toBe(
      '[5.4.1] Эскертүү: Топту түзүү жөнүндө кулактандыруу <жарыялоо> & башка — 23.03.2026 / Напоминание: Объявление о формировании группы <публикация> & прочее — 23.03.2026',
    );
  });

  it('names the clause and the due date in each language of the text', () => {
    expect(mail.text).toContain('Негиз: Жобонун 5.4.1-пункту');
    expect(mail.text).toContain('Аткаруу мөөнөтү: 23.03.2026');
    expect(mail.text).toContain('Основание: пункт 5.4.1 Положения');
    expect(mail.text).toContain('Срок исполнения: 23.03.2026');
    expect(mail.text).toContain('Урматтуу Айгүл Асанова!');
    expect(mail.text).toContain('Здравствуйте, Айгуль Асанова!');
    expect(mail.text).toContain('Милдеттүү тарап: Айыл өкмөтүнүн аппараты');
  });

  it('escapes every interpolated value in the HTML', () => {
    expect(mail.html).not.toContain('<жарыялоо>');
    expect(mail.html).toContain('&lt;жарыялоо&gt; &amp; башка');
    expect(mail.html).toContain('&lt;публикация&gt; &amp; прочее');
    expect(mail.html).toContain('href="https://jmeg.example/obligations/42?lang=ky&amp;x=&quot;1&quot;"');
    expect(mail.html).toContain('<section lang="ky">');
    expect(mail.html).toContain('<section lang="ru">');
  });

  it('never turns a non-web link into a clickable href', () => {
    const html = renderObligationMail({
      ...formationNotice,
      links: [{ label: { ky: 'x', ru: 'x' }, url: 'javascript:alert(1)' }],
    }).html;
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('javascript:alert(1)');
  });

  it.each([
    [3, 'Мөөнөтүнө 3 календардык күн калды.', 'Осталось 3 календарных дня.'],
    [1, 'Мөөнөтүнө 1 календардык күн калды.', 'Остался 1 календарный день.'],
    [5, 'Мөөнөтүнө 5 календардык күн калды.', 'Осталось 5 календарных дней.'],
    [21, 'Мөөнөтүнө 21 календардык күн калды.', 'Остался 21 календарный день.'],
    [0, 'Мөөнөт бүгүн аяктайт.', 'Срок истекает сегодня.'],
    [-1, 'Мөөнөт 1 календардык күн мурун өтүп кеткен.', 'Срок истёк 1 календарный день назад.'],
    [-12, 'Мөөнөт 12 календардык күн мурун өтүп кеткен.', 'Срок истёк 12 календарных дней назад.'],
  ])('%i days left reads "%s" / "%s"', (daysLeft, ky, ru) => {
    const { text, html } = renderObligationMail({ ...formationNotice, daysLeft });
    expect(text).toContain(ky);
    expect(text).toContain(ru);
    expect(html).toContain(ru);
  });

  it.each([
    [3, 'Мөөнөтүнө 3 жумуш күнү калды.', 'Осталось 3 рабочих дня.'],
    [1, 'Мөөнөтүнө 1 жумуш күнү калды.', 'Остался 1 рабочий день.'],
    [0, 'Мөөнөт бүгүн аяктайт.', 'Срок истекает сегодня.'],
    [-5, 'Мөөнөт 5 жумуш күнү мурун өтүп кеткен.', 'Срок истёк 5 рабочих дней назад.'],
  ])('%i working days left reads "%s" / "%s"', (daysLeft, ky, ru) => {
    const { text } = renderObligationMail({ ...formationNotice, daysLeft, dayUnit: 'working' });
    expect(text).toContain(ky);
    expect(text).toContain(ru);
  });

  it('says in both languages that an escalation went to the council', () => {
    const escalation = renderObligationMail({
      ...formationNotice,
      kind: 'escalation',
      daysLeft: -1,
      recipient: { ky: 'Жыргалаң айылдык кеңеши', ru: 'Джыргаланский айылный кенеш' },
    });
    expect(escalation.subject.startsWith('[5.4.1] Мөөнөтү өттү: ')).toBe(true);
    expect(escalation.subject).toContain(' / Срок пропущен: ');
    expect(escalation.text).toContain('Маселе айылдык кеңешке кароого жиберилди.');
    expect(escalation.text).toContain('Вопрос передан на рассмотрение айылного кенеша.');
  });
});

describe('the SMTP transport (SMTP_URL set) delivers to a real SMTP server', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it('delivers one bilingual message with text and HTML, and a Message-ID derived from the business key', async () => {
    const transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    expect(transport.kind).toBe('smtp');
    expect(transport.description).toBe(`SMTP ${smtp.url}`);
    const before = smtp.received.length;
    const result = await transport.send(outgoing('obligation:42:rung:3wd'));
    transport.close();

    expect(smtp.received.length).toBe(before + 1);
    const { envelopeTo, parsed } = smtp.received[before]!;
    expect(envelopeTo).toEqual(['staff@ayil.kg']);
    expect(parsed.messageId).toBe(messageIdFor('obligation:42:rung:3wd', MAIL_FROM));
    expect(result.messageId).toBe(parsed.messageId);
    expect(parsed.from?.value[0]?.address).toBe('jmeg@ayil.kg');
    expect(parsed.subject).toContain('Эскертүү: Топту түзүү');
    expect(parsed.subject).toContain('Напоминание: Объявление о формировании');
    expect(parsed.text).toContain('Жобонун 5.4.1-пункту');
    expect(parsed.text).toContain('пункт 5.4.1 Положения');
    expect(parsed.text).toContain('Аткаруу мөөнөтү: 23.03.2026');
    expect(parsed.text).toContain('Срок исполнения: 23.03.2026');
    expect(parsed.html).toContain('&lt;публикация&gt; &amp; прочее');
    expect(parsed.html).not.toContain('<публикация>');
  });

  it("derives one Message-ID per business key, in the sender's domain", () => {
    expect(messageIdFor('a', MAIL_FROM)).toBe(messageIdFor('a', MAIL_FROM));
    expect(messageIdFor('a', MAIL_FROM)).not.toBe(messageIdFor('b', MAIL_FROM));
    expect(messageIdFor('a', MAIL_FROM)).toMatch(/^<[0-9a-f]{32}@ayil\.kg>$/);
    expect(messageIdFor('a', 'nobody')).toMatch(/@jmeg\.local>$/);
  });
});

describe('the .eml outbox (no SMTP_URL) writes one file per business key', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-mail-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes an RFC 822 file named after the key, and a second send with the same key writes nothing', async () => {
    const transport = buildTransport({ smtpUrl: null, dataDir, mailFrom: MAIL_FROM });
    expect(transport.kind).toBe('eml');
    expect(transport.description).toBe(`.eml files in ${path.join(dataDir, 'outbox')}`);

    const first = await transport.send(outgoing('obligation/42:rung 3wd'));
    const again = await transport.send(outgoing('obligation/42:rung 3wd', { ...formationNotice, daysLeft: 1 }));
    const other = await transport.send(outgoing('obligation/42:rung 1wd'));

    expect(first.written).toBe(true);
    expect(again).toEqual({ ...first, written: false });
    expect(other.written).toBe(true);
    const files = (await readdir(path.join(dataDir, 'outbox'))).sort();
    expect(files).toEqual([emlFileName('obligation/42:rung 1wd'), emlFileName('obligation/42:rung 3wd')].sort());
    expect(emlFileName('obligation/42:rung 3wd')).toMatch(/^obligation_42_rung_3wd-[0-9a-f]{12}\.eml$/);

    const parsed = await simpleParser(await readFile(first.file!));
    expect(parsed.messageId).toBe(messageIdFor('obligation/42:rung 3wd', MAIL_FROM));
    expect(parsed.text).toContain('Осталось 3 календарных дня.');
    expect(parsed.html).toContain('<section lang="ky">');
  });

  it('gives keys that sanitise alike different files', () => {
    expect(emlFileName('a/b')).not.toBe(emlFileName('a:b'));
    expect(emlFileName('../../etc/passwd')).not.toContain('/');
    expect(emlFileName('../../etc/passwd').startsWith('.')).toBe(false);
  });
});

describe('the outbox (real Postgres, real SMTP server) sends each business key once', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  });
  afterAll(async () => {
    await Promise.all([database.drop(), smtp.stop()]);
  });

  const transport = () => buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  const row = (key: string) =>
    database.db.selectFrom('mail_outbox').selectAll().where('business_key', '=', key).executeTakeFirstOrThrow();
  const deliveredWith = (key: string) =>
    smtp.received.filter((m) => m.parsed.messageId === messageIdFor(key, MAIL_FROM));

  it('an activity retried twice after a successful send delivers one message', async () => {
    const key = 'obligation:retried:rung:before-3';
    const t = transport();
    const results = [];
    for (let attempt = 0; attempt < 3; attempt++) results.push(await sendViaOutbox(database.db, t, outgoing(key)));
    t.close();

    expect(results.map((r) => r.outcome)).toEqual(['sent', 'already-sent', 'already-sent']);
    expect(deliveredWith(key)).toHaveLength(1);
    const stored = await row(key);
    expect(stored.status).toBe('sent');
    expect(stored.attempts).toBe(1);
    expect(stored.sent_at).toBeInstanceOf(Date);
    expect(stored.recipients).toEqual(['staff@ayil.kg']);
  });

  it('concurrent attempts for one key deliver one message', async () => {
    const key = 'obligation:concurrent:rung:due-day';
    const t = transport();
    const results = await Promise.all([1, 2, 3].map(() => sendViaOutbox(database.db, t, outgoing(key))));
    t.close();
    expect(results.map((r) => r.outcome).sort()).toEqual(['already-sent', 'already-sent', 'sent']);
    expect(deliveredWith(key)).toHaveLength(1);
  });

  it('sends what was first recorded under a key, whatever a later attempt passes', async () => {
    const key = 'obligation:first-wins:rung:before-1';
    const t = transport();
    const [first, second] = [outgoing(key), { ...outgoing(key), subject: 'changed', to: ['other@ayil.kg'] }];
    await database.db
      .insertInto('mail_outbox')
      .values({
        business_key: key,
        recipients: JSON.stringify(first.to),
        subject: first.subject,
        text_body: first.text,
        html_body: first.html,
      })
      .execute();
    await sendViaOutbox(database.db, t, second);
    t.close();
    const [delivered] = deliveredWith(key);
    expect(delivered?.parsed.subject).toBe(first.subject);
    expect(delivered?.envelopeTo).toEqual(['staff@ayil.kg']);
  });

  it('with the SMTP server down the send fails and stays pending; once it is back, the retry delivers exactly one', async () => {
    const key = 'obligation:smtp-down:escalation';
    const t = transport();
    await smtp.stop();
    try {
      const failure = await sendViaOutbox(database.db, t, outgoing(key)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MailSendError);
      expect((failure as Error).message).toContain(`mail "${key}" not sent:`);
      const pending = await row(key);
      expect(pending.status).toBe('pending');
      expect(pending.attempts).toBe(1);
      expect(pending.sent_at).toBeNull();
      expect(pending.last_error).toMatch(/ECONNREFUSED|connect/);
    } finally {
      await smtp.start();
    }

    const retried = await sendViaOutbox(database.db, t, outgoing(key));
    const again = await sendViaOutbox(database.db, t, outgoing(key));
    t.close();
    expect([retried.outcome, again.outcome]).toEqual(['sent', 'already-sent']);
    expect(deliveredWith(key)).toHaveLength(1);
    const sent = await row(key);
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBe(2);
    expect(sent.last_error).toBeNull();
  });
});
