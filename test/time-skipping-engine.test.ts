// The time-skipping engine itself (test/support/time-skipping-engine.ts) on Temporal's real test server: the
// server starts on the instant asked for, weeks pass in one call, the reminders of a missed 5.4.1 deadline go out
// on their exact Bishkek dates, and the app's clock follows the server's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import * as f from '../workflows/formation/contract';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();

describe.skipIf(!requireServer(server, 'time-skipping engine'))(
  'the time-skipping engine on the real test server',
  () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let transport: MailTransport;
    beforeAll(async () => {
      [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
      transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@ayil.kg' });
    });
    afterAll(async () => {
      transport?.close();
      await Promise.all([database?.drop(), smtp?.stop()]);
    });

    it('starts on the given instant; the 5.4.1 reminders of a missed deadline arrive on their dates; time skips weeks', async () => {
      if (!server.available) return;
      const db = database.db;
      const councilId = await registerCouncil(
        db,
        { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
        'test',
      );
      await registerObject(
        db,
        {
          councilId,
          name: { ky: 'Ак-Суу айыл өкмөтү', ru: 'Ак-Суйский айыл окмоту' },
          kind: 'executive_body',
          emails: ['okmot@aksuu.kg'],
        },
        'test',
      );
      const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
      const engine = await createTimeSkippingEngine({
        serverPath: server.path,
        db,
        transport,
        mailFrom: 'jmeg@ayil.kg',
        startTime: '2026-01-16T04:00:00Z',
      });
      try {
        expect(new Date(engine.now()).toISOString().slice(0, 10)).toBe('2026-01-16');
        const workflowId = f.formationWorkflowId(groupId);
        expect(
          await engine.start('formationWorkflow', workflowId, [
            { councilId, groupId, formedOn: '2026-01-15' } satisfies f.FormationInput,
          ]),
        ).toBe('started');
        const state = await engine.query(workflowId, f.formationStateQuery);
        expect(state.obligations.map((o) => [o.key, o.due])).toEqual([['formation-notice', '2026-02-16']]);
        const wallBefore = Date.now();
        await engine.advanceTo('2026-02-18T06:00:00Z');
        expect(Date.now() - wallBefore).toBeLessThan(60_000);
        expect(new Date(engine.now()).toISOString().slice(0, 10)).toBe('2026-02-18');
        const dates = smtp.received
          .filter((m) => m.envelopeTo.includes('okmot@aksuu.kg') || m.envelopeTo.includes('kenesh@aksuu.kg'))
          .map((m) => [m.envelopeTo.join(','), m.parsed.date?.toISOString().slice(0, 10)]);
        // 3 working days before (11.02), 1 before (13.02), on the day (16.02), then one escalation to the council (17.02).
        expect(dates).toEqual([
          ['okmot@aksuu.kg', '2026-02-11'],
          ['okmot@aksuu.kg', '2026-02-13'],
          ['okmot@aksuu.kg', '2026-02-16'],
          ['kenesh@aksuu.kg', '2026-02-17'],
        ]);
      } finally {
        await engine.close();
      }
    });
  },
);
