// The obligation workflow's mail activities against real Postgres and a real SMTP server.
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { buildTransport, messageIdFor, type MailTransport } from '../activities/mail/build-transport';
import { escalationKey, reminderKey } from '../activities/mail/obligation-mail-activities';
import { createAccount } from '../db/accounts';
import { MailSendError } from '../activities/mail/send-via-outbox';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { record } from '../db/record';
import type { EscalationInput, ReminderInput } from '../workflows/obligation/activities-contract';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const MAIL_FROM = 'jmeg@ayil.kg';
/** The escalation runs on 2026-02-23 at 10:00 Bishkek time. */
const NOW = new Date('2026-02-23T04:00:00Z');

describe('reminders and escalations of an obligation', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let activities: ReturnType<typeof createActivities>;
  let councilId: string;
  let groupId: string;

  async function openObligation(obligationId: string, party: string): Promise<void> {
    await record(database.db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'obligation.opened',
          payload: {
            obligationId,
            groupId,
            actId: null,
            key: 'formation-notice',
            clause: '5.4.1',
            party,
            anchorDate: '2026-01-15',
            dueDate: '2026-02-16',
          },
        },
      ],
    });
  }

  function notice(obligationId: string, party = 'executive-body'): EscalationInput {
    return {
      obligationId,
      key: 'formation-notice',
      clause: '5.4.1',
      party,
      anchor: '2026-01-15',
      due: '2026-02-16',
      dueInstant: '2026-02-16T17:59:59.999Z',
    };
  }

  function reminder(
    obligationId: string,
    rung: ReminderInput['rung'],
    workingDaysBefore: number,
    party = 'executive-body',
  ): ReminderInput {
    return { ...notice(obligationId, party), rung, workingDaysBefore };
  }

  const mailsWith = (key: string) => smtp.received.filter((m) => m.parsed.messageId === messageIdFor(key, MAIL_FROM));

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    activities = createActivities({ db: database.db, transport, config: { mailFrom: MAIL_FROM }, clock: () => NOW });
    councilId = await registerCouncil(
      database.db,
      { name: { ky: 'Жыргалаң айылдык кеңеши', ru: 'Джыргаланский айылный кенеш' }, email: 'kenesh@ayil.kg' },
      'test',
    );
    groupId = await openGroup(database.db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
    await record(database.db, {
      stream: streams.object('ao'),
      actor: 'test',
      events: [
        {
          type: 'object.registered',
          payload: {
            objectId: 'ao',
            councilId,
            name: 'Жыргалаң айыл өкмөтү',
            kind: 'executive_body',
            contacts: ['+996555000111', 'aiyl-okmotu@ayil.kg'],
          },
        },
      ],
    });
  });
  afterAll(async () => {
    transport.close();
    await Promise.all([database.drop(), smtp.stop()]);
  });

  it('a reminder rung retried after success reaches the executive body once, in Kyrgyz and Russian with working days left', async () => {
    await openObligation('ob-1', 'executive-body');
    await activities.sendReminder(reminder('ob-1', 'due-3', 3));
    await activities.sendReminder(reminder('ob-1', 'due-3', 3));

    const mails = mailsWith(reminderKey('ob-1', 'due-3'));
    expect(mails).toHaveLength(1);
    const { envelopeTo, parsed } = mails[0]!;
    expect(envelopeTo).toEqual(['aiyl-okmotu@ayil.kg']);
    expect(parsed.subject).toBe(
      '[5.4.1] Эскертүү: БМжБ тобун түзүү жол-жобосунун башталышы тууралуу жарыя — 16.02.2026 / ' +
        'Напоминание: Объявление о начале процедуры формирования группы — 16.02.2026',
    );
    expect(parsed.text).toContain('Мөөнөтүнө 3 жумуш күнү калды.');
    expect(parsed.text).toContain('Осталось 3 рабочих дня.');
    expect(parsed.text).toContain('Урматтуу Айыл өкмөтү (аткаруу органы)!');
  });

  it('each rung is its own message', async () => {
    await activities.sendReminder(reminder('ob-1', 'due-1', 1));
    await activities.sendReminder(reminder('ob-1', 'due-0', 0));
    expect(mailsWith(reminderKey('ob-1', 'due-1'))).toHaveLength(1);
    expect(mailsWith(reminderKey('ob-1', 'due-0'))[0]?.parsed.text).toContain('Срок истекает сегодня.');
  });

  it('an escalation retried after success mails the council once and records one status change and one notice', async () => {
    await openObligation('ob-2', 'executive-body');
    await activities.escalate(notice('ob-2'));
    await activities.escalate(notice('ob-2'));

    const mails = mailsWith(escalationKey('ob-2'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.envelopeTo).toEqual(['kenesh@ayil.kg']);
    expect(mails[0]!.parsed.subject).toContain('[5.4.1] Мөөнөтү өттү: ');
    expect(mails[0]!.parsed.text).toContain('Урматтуу Жыргалаң айылдык кеңеши!');
    // Due 2026-02-16, escalated 2026-02-23: 7 calendar days overdue.
    expect(mails[0]!.parsed.text).toContain('Срок истёк 7 календарных дней назад.');

    const obligation = await database.db
      .selectFrom('obligations')
      .selectAll()
      .where('id', '=', 'ob-2')
      .executeTakeFirstOrThrow();
    expect(obligation.status).toBe('escalated');
    const changes = await database.db
      .selectFrom('obligation_status_changes')
      .select('status')
      .where('obligation_id', '=', 'ob-2')
      .orderBy('seq')
      .execute();
    expect(changes.map((c) => c.status)).toEqual(['open', 'escalated']);
    const notices = await database.db.selectFrom('notices').selectAll().where('id', '=', 'escalation-ob-2').execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text_ky).toContain('Жобонун 5.4.1-пункту');
    expect(notices[0]!.text_ru).toContain('пункт 5.4.1 Положения');
    // A public notice writes its dates as dd.mm.yyyy, never ISO.
    expect(notices[0]!.text_ky).toContain('мөөнөтү 16.02.2026');
    expect(notices[0]!.text_ru).toContain('срок 16.02.2026');
    expect(notices[0]!.channels).toEqual(['website']);
  });

  it("an escalation also reaches the council's deputies who have an account (they receive escalations), in one mail", async () => {
    await createAccount(database.db, {
      email: 'Deputy.Two@ayil.kg',
      password: 'deputy password 1',
      role: 'deputy',
      councilId,
    });
    await createAccount(database.db, {
      email: 'deputy.one@ayil.kg',
      password: 'deputy password 1',
      role: 'deputy',
      councilId,
    });
    const otherCouncil = await registerCouncil(database.db, { name: { ky: 'Башка', ru: 'Другой' } }, 'test');
    await createAccount(database.db, {
      email: 'deputy@other.kg',
      password: 'deputy password 1',
      role: 'deputy',
      councilId: otherCouncil,
    });
    await openObligation('ob-deputies', 'executive-body');
    await activities.escalate(notice('ob-deputies'));
    const mails = mailsWith(escalationKey('ob-deputies'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.envelopeTo).toEqual(['kenesh@ayil.kg', 'deputy.one@ayil.kg', 'deputy.two@ayil.kg']);
    await database.db.deleteFrom('accounts').where('role', '=', 'deputy').execute();
  });

  it('refuses, without retries, an obligation that was never recorded', async () => {
    const failure = await activities.sendReminder(reminder('ob-missing', 'due-3', 3)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).nonRetryable).toBe(true);
    expect((failure as ApplicationFailure).type).toBe('ObligationNotFound');
  });

  it.each([
    ['chair', 'no e-mail address on record'],
    ['mayor', 'unknown party'],
  ])('refuses, without retries, a party with no address (%s)', async (party, message) => {
    await openObligation(`ob-${party}`, party);
    const failure = await activities.sendReminder(reminder(`ob-${party}`, 'due-3', 3, party)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).nonRetryable).toBe(true);
    expect((failure as ApplicationFailure).type).toBe('NoRecipient');
    expect((failure as Error).message).toContain(message);
  });

  it('a mail server outage is a retryable error, and the retry delivers the reminder once', async () => {
    await openObligation('ob-3', 'aiyl-okmotu@ayil.kg');
    await smtp.stop();
    let failure: unknown;
    try {
      failure = await activities
        .sendReminder(reminder('ob-3', 'due-3', 3, 'aiyl-okmotu@ayil.kg'))
        .catch((e: unknown) => e);
    } finally {
      await smtp.start();
    }
    expect(failure).toBeInstanceOf(MailSendError);
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    await activities.sendReminder(reminder('ob-3', 'due-3', 3, 'aiyl-okmotu@ayil.kg'));
    expect(mailsWith(reminderKey('ob-3', 'due-3'))).toHaveLength(1);
  });
});
