// Personal data never reaches Temporal's history in clear (issue 16): a formation with candidates (phones, e-mails,
// birth dates) runs on the real time-skipping test server through the product's engine, whose client and worker
// encrypt every payload (security/payload-codec.ts, the tests' key). The history is then fetched by a client with NO
// codec, as anyone with access to the server would read it: its JSON holds none of those values, every payload is
// binary/encrypted; the same history decodes with the codec into the values sent, and replays with the data converter.
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTransport, type MailTransport } from '../activities/mail/build-transport';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import * as f from '../workflows/formation/contract';
import type { GatheringInput, PersonInput } from '../workflows/formation/contract';
import { decodePayloadsIn, testDataConverter } from './support/payload-test-keys';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { requireServer, testServer } from './support/temporal-servers';
import { createTimeSkippingEngine, workflowBundle, type TimeSkippingEngine } from './support/time-skipping-engine';

const server = testServer();
const START = '2026-01-16T04:00:00.000Z';
const SCENARIO_MS = 300_000;

const person = (
  fullName: string,
  sex: 'M' | 'F',
  birthDate: string,
  extra: Partial<PersonInput> = {},
): PersonInput => ({ fullName, sex, birthDate, village: 'Кара-Суу', ...extra });
const STAFF = [
  person('Асанов Бакыт', 'M', '12.03.1980', { phone: '0555 123 456', email: 'b.asanov@ayil.kg' }),
  person('Токтогулова Айгүл', 'F', '21.07.1987', { phone: '0777 654 321', email: 'aigul.t@ayil.kg' }),
];
const DEPUTIES = [person('Жумабеков Нурлан', 'M', '05.09.1975', { email: 'nurlan.deputy@kenesh.kg' })];
const CITIZENS: GatheringInput['candidates'] = [
  {
    ...person('Исакова Гүлмира', 'F', '04.11.1990', { phone: '0700 111 222', email: 'gulmira.isakova@mail.kg' }),
    votes: 61,
  },
  { ...person('Осмонов Талант', 'M', '1968'), votes: 58 },
  { ...person('Сыдыкова Жамила', 'F', '1995'), votes: 70 },
  { ...person('Мамытов Эрлан', 'M', '1982'), votes: 52 },
];
/** What must never be read in clear: every phone, e-mail and full birth date sent, in the forms the product may write them. */
const SECRETS = [...STAFF, ...DEPUTIES, ...CITIZENS].flatMap((p) => [
  ...(p.phone ? [p.phone, p.phone.replace(/\s/g, ''), p.phone.replace(/\s/g, '').slice(1)] : []),
  ...(p.email ? [p.email] : []),
  ...(typeof p.birthDate === 'string' && /^\d\d\.\d\d\.\d{4}$/.test(p.birthDate)
    ? [p.birthDate, p.birthDate.split('.').reverse().join('-')]
    : []),
]);

type History = Awaited<ReturnType<TimeSkippingEngine['rawHistory']>>;

/** The history as JSON, and each payload's data read as UTF-8 text (where a JSON payload in clear would show). */
function textOf(history: History): string {
  const datas: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (value instanceof Uint8Array) {
      datas.push(Buffer.from(value).toString('utf8'));
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) walk(child);
  };
  walk(history);
  return `${historyToJSON(history)}\n${datas.join('\n')}`;
}

let database: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let engine: TimeSkippingEngine | undefined;

describe.skipIf(!requireServer(server, 'payload encryption on the time-skipping server'))(
  'Temporal history of a formation with candidates',
  () => {
    beforeAll(async () => {
      [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer(), workflowBundle()]);
      transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@ayil.kg' });
    }, 120_000);
    afterAll(async () => {
      await engine?.close();
      transport?.close();
      await Promise.all([database?.drop(), smtp?.stop()]);
    });

    it(
      'holds no phone, e-mail or birth date in clear; every payload is encrypted and decodes with the codec',
      { timeout: SCENARIO_MS },
      async () => {
        if (!server.available) throw new Error('no test server');
        const db = database.db;
        const councilId = await registerCouncil(
          db,
          { name: { ky: 'Кара-Суу айылдык кеңеши', ru: 'Кара-Суйский айылный кенеш' }, email: 'kenesh@karasuu.kg' },
          'test',
        );
        await registerObject(
          db,
          {
            councilId,
            name: { ky: 'Кара-Суу айыл өкмөтү', ru: 'Кара-Суйский айыл окмоту' },
            kind: 'executive_body',
            emails: ['okmot@karasuu.kg'],
          },
          'test',
        );
        const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
        engine = await createTimeSkippingEngine({
          serverPath: server.path,
          db,
          transport,
          mailFrom: 'jmeg@ayil.kg',
          startTime: START,
        });
        const id = f.formationWorkflowId(groupId);

        expect(await engine.start('formationWorkflow', id, [{ councilId, groupId, formedOn: '2026-01-15' }])).toBe(
          'started',
        );
        await engine.advanceTo('2026-02-02T05:00:00Z');
        await engine.update(id, f.publishFormationNoticeUpdate, {
          publishedOn: '2026-02-02',
          channels: ['website', 'notice_board'],
        });
        await engine.advanceTo('2026-02-10T05:00:00Z');
        await engine.update(id, f.submitStaffCandidatesUpdate, { submittedOn: '2026-02-10', candidates: STAFF });
        await engine.update(id, f.approveDeputyMembersUpdate, { approvedOn: '2026-02-10', deputies: DEPUTIES });
        await engine.advanceTo('2026-02-12T11:00:00Z');
        await engine.update(id, f.recordGatheringProtocolUpdate, {
          heldOn: '2026-02-12',
          protocolRef: '№ 1',
          place: 'Кара-Суу, клуб',
          participants: 90,
          candidates: CITIZENS,
        });
        // The query answers through the codec: the state holds the candidates' data, decrypted for the product's client.
        const state = await engine.query(id, f.formationStateQuery);
        expect(state.candidates.length).toBe(7);
        expect(JSON.stringify(state)).toContain('b.asanov@ayil.kg');

        // A client with no codec: what the server keeps, as anyone reading it (the Web UI, tctl, a backup) gets it.
        const plainClient = new Client({
          connection: engine.env.connection,
          namespace: engine.env.namespace ?? 'default',
        });
        const raw = await plainClient.workflow.getHandle(id).fetchHistory();
        const rawText = textOf(raw);
        expect(SECRETS.length).toBeGreaterThan(15);
        expect(SECRETS.filter((secret) => rawText.includes(secret))).toEqual([]);
        expect(rawText).not.toContain('Асанов');

        // Every payload of the history says binary/encrypted and names the tests' key; the updates' and activities' among them.
        const encodings: string[] = [];
        const kinds = new Set<string>();
        for (const event of raw.events ?? []) {
          const payloads = [
            ...(event.workflowExecutionStartedEventAttributes?.input?.payloads ?? []),
            ...(event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? []),
            ...(event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads ?? []),
            ...(event.activityTaskScheduledEventAttributes?.input?.payloads ?? []),
            ...(event.activityTaskCompletedEventAttributes?.result?.payloads ?? []),
          ];
          if (event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.length)
            kinds.add('update-args');
          if (event.activityTaskScheduledEventAttributes?.input?.payloads?.length) kinds.add('activity-input');
          if (event.activityTaskCompletedEventAttributes?.result?.payloads?.length) kinds.add('activity-result');
          for (const p of payloads)
            encodings.push(
              `${Buffer.from(p.metadata!.encoding!).toString()} ${Buffer.from(p.metadata!['encryption-key-id'] ?? new Uint8Array()).toString()}`,
            );
        }
        expect([...kinds].sort()).toEqual(['activity-input', 'activity-result', 'update-args']);
        expect(encodings.length).toBeGreaterThan(10);
        expect(new Set(encodings)).toEqual(new Set(['binary/encrypted test-2026']));

        // The same history with the codec: the values sent are there, and it replays against the workflow code.
        const decodedText = textOf(await decodePayloadsIn(raw));
        for (const secret of [
          '0555 123 456',
          'b.asanov@ayil.kg',
          '12.03.1980',
          'gulmira.isakova@mail.kg',
          'Асанов Бакыт',
        ])
          expect(decodedText).toContain(secret);
        const fresh = await plainClient.workflow.getHandle(id).fetchHistory();
        await Worker.runReplayHistory(
          { workflowBundle: await workflowBundle(), replayName: 'encrypted', dataConverter: testDataConverter },
          fresh,
          id,
        );
      },
    );
  },
);
