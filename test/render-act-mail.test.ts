// The act's delivery mail states the period the recipient owes under 4.3, in Kyrgyz and Russian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActActivities } from '../activities/acts/act-activities';
import { groupName, renderActDelivery, renderForwardedResponse } from '../activities/acts/render-act-mail';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const mail = (isExecutiveBody: boolean) =>
  renderActDelivery({
    number: '7',
    title: 'Water supply',
    issuedOn: '2026-06-01',
    object: { ky: 'Суу', ru: 'Вода' },
    isExecutiveBody,
    link: 'https://example.org/acts/a-7/respond?t=x',
    linkExpiresAt: '2026-07-01T00:00:00.000Z',
  });

describe('4.3: the delivery mail names the recipient’s period', () => {
  it('an object: 10 working days to inform the executive body (4.3(3))', () => {
    const { text } = mail(false);
    expect(text).toContain('объект 10 жумуш күнүнүн ичинде');
    expect(text).toContain('объект в течение 10 рабочих дней');
    expect(text).not.toContain('30 календар');
  });
  it('the executive body: 30 calendar days to inform the council (4.3(4)); 4.3(3) does not apply to it', () => {
    const { text } = mail(true);
    expect(text).toContain('айыл өкмөтү 30 календардык күндүн ичинде');
    expect(text).toContain('в течение 30 календарных дней');
    expect(text).not.toContain('10 рабочих дней');
  });
});

describe('issue 12, point 7: the act mail names the council, the group and the act’s title', () => {
  const sender = {
    council: { ky: 'Терек-Суу айылдык кеңеши', ru: 'Терек-Суйский айылный кенеш' },
    groupCreatedOn: '2026-03-02' as const,
  };
  const named = renderActDelivery({
    number: '7',
    title: 'Ичүүчү суу',
    issuedOn: '2026-06-01',
    object: { ky: 'Суу', ru: 'Вода' },
    isExecutiveBody: false,
    link: 'https://example.org/acts/a-7/respond?t=x',
    linkExpiresAt: '2026-07-01T00:00:00.000Z',
    sender,
  });
  it('the subject: both languages, the council and the title', () => {
    expect(named.subject).toBe(
      'Мониторинг жана баалоо актысы (Терек-Суу айылдык кеңеши) / Акт мониторинга и оценки (Терек-Суйский айылный кенеш): № 7 «Ичүүчү суу»',
    );
  });
  it('the body: the council, the group by its creation date, the title, in Kyrgyz and in Russian', () => {
    expect(named.text).toContain('Терек-Суу айылдык кеңеши: 02.03.2026 түзүлгөн БМжБ тобу');
    expect(named.text).toContain('Айылдык кеңеш: Терек-Суу айылдык кеңеши');
    expect(named.text).toContain('Топ: 02.03.2026 түзүлгөн БМжБ тобу');
    expect(named.text).toContain(
      'Акт мониторинга и оценки № 7 «Ичүүчү суу» направляет группа СМиО, созданная 02.03.2026 (Терек-Суйский айылный кенеш).',
    );
    expect(named.text).toContain('Группа: группа СМиО, созданная 02.03.2026');
    expect(named.html).toContain('<section lang="ru">');
  });
  it('a group still forming is named so', () => {
    expect(groupName({ ...sender, groupCreatedOn: null })).toEqual({
      ky: 'түзүлүп жаткан БМжБ тобу',
      ru: 'формируемая группа СМиО',
    });
  });
  it('the forwarded answer names the files without carrying them, and the sender', () => {
    const forwarded = renderForwardedResponse({
      number: '7',
      title: 'Ичүүчү суу',
      object: { ky: 'Мектеп', ru: 'Школа' },
      respondedOn: '2026-06-05',
      late: false,
      text: 'Насос алмаштырылат.',
      link: 'https://example.org/manage/acts/a-7',
      files: ['plan.pdf'],
      sender,
    });
    expect(forwarded.subject).toBe(
      'Объекттин актыга жообу (Терек-Суу айылдык кеңеши) / Ответ объекта на акт (Терек-Суйский айылный кенеш): № 7 «Ичүүчү суу»',
    );
    expect(forwarded.text).toContain('Жооптун файлдары (актынын барагында): plan.pdf');
    expect(forwarded.text).toContain('Файлы ответа (на странице акта): plan.pdf');
    expect(forwarded.text).toContain('Насос алмаштырылат.');
  });
});

describe('the act mail through the SMTP server (real PostgreSQL): sent by the delivery activity', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@ayil.kg' });
  });
  afterAll(async () => {
    transport.close();
    await Promise.all([database.drop(), smtp.stop()]);
  });

  it('the object reads the council, the group and the title in the subject and the body', async () => {
    const db = database.db;
    const councilId = await registerCouncil(
      db,
      { name: { ky: 'Тоң айылдык кеңеши', ru: 'Тонский айылный кенеш' }, email: 'ton@ayil.kg' },
      'test',
    );
    const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
    await record(db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'group.created',
          payload: { groupId, createdOn: '2026-03-02', resolutionNumber: '12', termEnd: '2030-03-02' },
        },
      ],
    });
    const object = await registerObject(
      db,
      {
        councilId,
        kind: 'municipal_institution',
        name: { ky: 'Тоң мектеби', ru: 'Тонская школа' },
        emails: ['school@ton.kg'],
      },
      'test',
    );
    const actId = 'act-mail-1';
    await record(db, {
      stream: streams.act(actId),
      actor: 'test',
      events: [
        {
          type: 'act.drafted',
          payload: { actId, groupId, objectId: object.id, title: 'Мектептин ашканасы', content: {} },
        },
        { type: 'act.issued', payload: { actId, number: '3', issuedOn: '2026-06-01', content: {} } },
      ],
    });
    const activities = createActActivities({
      db,
      transport,
      config: { responseLinkSecret: 'x'.repeat(32), publicBaseUrl: 'https://jmeg.example.kg' },
      clock: () => new Date('2026-06-01T04:00:00Z'),
    });
    await activities.deliverAct({ actId });
    const mail = smtp.received.find((m) => m.envelopeTo.includes('school@ton.kg'));
    expect(mail?.parsed.subject).toBe(
      'Мониторинг жана баалоо актысы (Тоң айылдык кеңеши) / Акт мониторинга и оценки (Тонский айылный кенеш): № 3 «Мектептин ашканасы»',
    );
    expect(mail?.parsed.text).toContain('Тоң айылдык кеңеши: 02.03.2026 түзүлгөн БМжБ тобу');
    expect(mail?.parsed.text).toContain('направляет группа СМиО, созданная 02.03.2026 (Тонский айылный кенеш)');
    expect(mail?.parsed.text).toContain('№ 3: Мектептин ашканасы');
  });

  it('4.3(3): the forwarded answer carries its text, names its files and links to the act’s page, without attachments', async () => {
    const db = database.db;
    const act = await db
      .selectFrom('acts')
      .select(['group_id', 'object_id'])
      .where('id', '=', 'act-mail-1')
      .executeTakeFirstOrThrow();
    const councilId = (
      await db.selectFrom('groups').select('council_id').where('id', '=', act.group_id).executeTakeFirstOrThrow()
    ).council_id;
    await registerObject(
      db,
      {
        councilId,
        kind: 'executive_body',
        name: { ky: 'Тоң айыл өкмөтү', ru: 'Тонский айыл окмоту' },
        emails: ['okmot@ton.kg'],
      },
      'test',
    );
    await db
      .withTables<{
        response_files: {
          id: string;
          act_id: string;
          response_id: string;
          file_name: string;
          media_type: string;
          size_bytes: number;
          storage_key: string;
          uploaded_by: string;
          uploaded_at: Date;
        };
      }>()
      .insertInto('response_files')
      .values({
        id: 'rf-1',
        act_id: 'act-mail-1',
        response_id: 'resp-1',
        file_name: 'chara-plan.pdf',
        media_type: 'application/pdf',
        size_bytes: 2048,
        storage_key: 'a'.repeat(64),
        uploaded_by: 'object:x',
        uploaded_at: new Date('2026-06-05T04:00:00Z'),
      })
      .execute();
    const activities = createActActivities({
      db,
      transport,
      config: { responseLinkSecret: 'x'.repeat(32), publicBaseUrl: 'https://jmeg.example.kg' },
      clock: () => new Date('2026-06-05T05:00:00Z'),
    });
    const { to } = await activities.forwardResponse({
      actId: 'act-mail-1',
      responseId: 'resp-1',
      respondedOn: '2026-06-05',
      late: false,
      text: 'Ашкана июлда оңдолот.',
    });
    expect(to).toEqual(['okmot@ton.kg']);
    const mail = smtp.received.find((m) => m.envelopeTo.includes('okmot@ton.kg'));
    expect(mail?.parsed.subject).toBe(
      'Объекттин актыга жообу (Тоң айылдык кеңеши) / Ответ объекта на акт (Тонский айылный кенеш): № 3 «Мектептин ашканасы»',
    );
    const text = mail?.parsed.text ?? '';
    expect(text).toContain('Ашкана июлда оңдолот.');
    expect(text).toContain('Жооптун файлдары (актынын барагында): chara-plan.pdf');
    expect(text).toContain('Файлы ответа (на странице акта): chara-plan.pdf');
    expect(text).toContain('https://jmeg.example.kg/manage/acts/act-mail-1');
    expect(mail?.parsed.attachments).toEqual([]);
  });
});
