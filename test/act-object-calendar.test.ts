// An act's counts on the object's own calendar (4.2, 4.3) on Temporal's real time-skipping test server: the object's
// 10 working days run on the Labour Code calendar for a procurement supplier (Saturday 25 April 2026 is a day off)
// and on the calendar with the Cabinet's transfers for a municipal institution (25 April is worked). Both acts are issued on Wednesday 22 April 2026 and
// received on Friday 24 April.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { draftAct, issueAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import * as a from '../workflows/act/contract';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, type TimeSkippingEngine } from './support/time-skipping-engine';

const MAIL_FROM = 'jmeg@ayil.kg';
const START = '2026-04-22T04:00:00.000Z'; // Wednesday 22 April 2026, 10:00 in Bishkek
const server = testServer();

const DRAFT = {
  purpose: 'Жол курулушун баалоо',
  subject: 'Айылдык жолду оңдоо келишими',
  place: 'Кара-Суу айылы',
  periodStart: '2026-03-02',
  periodEnd: '2026-03-27',
  findings: [{ kind: 'fact', text: 'Асфальт келишимде көрсөтүлгөндөн жука.', method: 'site_visit' }],
  recommendations: ['Келишимдин шарттарын текшерүү'],
  annexes: [{ title: 'Өлчөөлөр', kind: 'other' }],
};

describe.skipIf(!requireServer(server, 'act counts on the object calendar'))(
  "an act's counts on the object's calendar (4.2, 4.3)",
  () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let transport: MailTransport;
    let n = 0;
    const open: TimeSkippingEngine[] = [];

    beforeAll(async () => {
      [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
      transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
    }, 60_000);
    afterEach(async () => {
      await Promise.all(open.splice(0).map((e) => e.close()));
    });
    afterAll(async () => {
      transport?.close();
      await Promise.all([database?.drop(), smtp?.stop()]);
    });

    it.each([
      ['procurement_supplier', 'labour-code', '2026-05-18'],
      ['municipal_institution', 'with-transfers', '2026-05-15'],
    ] as const)(
      'an act to a %s: the object answers on the %s calendar by %s',
      async (kind, calendar, due) => {
        const db = database.db;
        n++;
        const councilId = await registerCouncil(
          db,
          { name: { ky: `Кара-Суу кеңеши ${n}`, ru: `Кара-Суйский кенеш ${n}` }, email: `kenesh-c${n}@ayil.kg` },
          'test',
        );
        await registerObject(
          db,
          {
            councilId,
            name: { ky: `Айыл өкмөтү ${n}`, ru: `Айыл окмоту ${n}` },
            kind: 'executive_body',
            emails: [`okmot-c${n}@ayil.kg`],
          },
          'test',
        );
        const object = await registerObject(
          db,
          { councilId, name: { ky: `Объект ${n}`, ru: `Объект ${n}` }, kind, emails: [`object-c${n}@ayil.kg`] },
          'test',
        );
        const groupId = await openGroup(db, { councilId }, 'test');
        const act = await draftAct(db, { groupId, objectId: object.id, draft: parseActDraft(DRAFT) }, 'test');
        await issueAct(db, act.id, { on: '2026-04-22', actor: 'test' });
        const engine = await createTimeSkippingEngine({
          serverPath: server.available ? server.path : '',
          db,
          transport,
          mailFrom: MAIL_FROM,
          startTime: START,
          extraActivityConfig: {
            responseLinkSecret: 'act-object-calendar-secret-0123456789abcdef',
            publicBaseUrl: 'https://jmeg.example.kg',
          },
        });
        open.push(engine);
        const id = a.actWorkflowId(act.id);
        expect(await engine.start('actWorkflow', id, [{ actId: act.id, groupId, councilId }])).toBe('started');
        await engine.advanceTo('2026-04-24T05:00:00Z');
        await engine.update(id, a.recordReceiptUpdate, { receivedOn: '2026-04-24', via: 'staff' });
        await engine.advanceTo('2026-04-24T05:01:00Z');
        const state = await engine.query(id, a.actStateQuery);
        expect(state.obligations.map((o) => [o.key, o.due, o.calendarKind])).toContainEqual([
          'object-response',
          due,
          calendar,
        ]);
        const row = await db
          .selectFrom('obligations')
          .select('due_date')
          .where('id', '=', `${act.id}/object-response`)
          .executeTakeFirstOrThrow();
        expect(String(row.due_date).slice(0, 10)).toBe(due);
      },
      120_000,
    );
  },
);
