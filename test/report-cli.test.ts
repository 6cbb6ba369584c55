// `jmeg report show` and `jmeg report decide` spawned against a real Postgres: a decision on a recommendation the
// report does not have, or on a report not yet submitted, is refused naming the rule (exit 1, nothing written); a
// submitted report's decisions are recorded once (exit 0) and shown with the yearly report's annual gathering (7.2.4).
// The command reads the real clock: the dates are in 2025-2026, before any day the suite runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { record } from '../db/record';
import { reportStream } from '../db/report-events';
import { createTestDatabase, type TestDatabase } from './support/pg';

const root = fileURLToPath(new URL('..', import.meta.url));
let t: TestDatabase;

function jmeg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url, NODE_NO_WARNINGS: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const decisionsRecorded = async () =>
  Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('type', '=', 'report.council-considered')
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'k@aksuu.kg' }, 'test');
  const groupId = await openGroup(t.db, { councilId }, 'test');
  const texts = { events: '', results: 'r', conclusions: 'c', recommendations: ['Графикти жарыялоо', 'Чатырды оңдоо'] };
  const drafted = (reportId: string, period: string, start: string): NewEvent[] => [
    {
      type: 'report.drafted',
      payload: { reportId, groupId, councilId, period, start, end: '2025-12-31', due: '2026-01-30' },
    },
    { type: 'report.edited', payload: { reportId, texts } },
  ];
  await record(t.db, {
    stream: reportStream('cli-year'),
    actor: 'test',
    events: [
      ...drafted('cli-year', '2025', '2025-01-01'),
      {
        type: 'report.submitted',
        payload: {
          reportId: 'cli-year',
          submittedOn: '2026-01-15',
          texts,
          facts: {
            period: { start: '2025-01-01', end: '2025-12-31' },
            meetings: { held: 0, quorate: 0, notQuorate: 0, cancelled: 0 },
            acts: { issued: 0, byObject: [] },
            objectAnswers: { 'answered-on-time': 0, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 },
            executiveReports: {
              'answered-on-time': 0,
              'answered-late': 0,
              unanswered: 0,
              pending: 0,
              'not-started': 0,
            },
            requests: { 'answered-on-time': 0, 'answered-late': 0, refused: 0, unanswered: 0, pending: 0 },
            countedOn: '2026-01-15',
          },
          noticeId: null,
        },
      },
    ],
  });
  await record(t.db, {
    stream: reportStream('cli-h2'),
    actor: 'test',
    events: drafted('cli-h2', '2025-H2', '2025-07-01'),
  });
  await record(t.db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [
      {
        type: 'meeting.scheduled',
        payload: {
          meetingId: 'cli-g',
          groupId,
          kind: 'annual-gathering',
          date: '2026-03-20',
          time: '10:00',
          place: 'Клуб',
        },
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe('jmeg report', () => {
  it('a recommendation the report does not have is refused in Russian naming it; exit 1, nothing written', async () => {
    const r = await jmeg(
      'report',
      'decide',
      'cli-year',
      '--session',
      '2026-02-25',
      '--agenda',
      '3',
      '--decide',
      '3=accepted',
      '--lang',
      'ru',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('В отчёте нет рекомендации № 3 (рекомендаций: 2)');
    expect(await decisionsRecorded()).toBe(0);
  });

  it('a report not yet submitted is refused (8.1); exit 1, nothing written', async () => {
    const r = await jmeg(
      'report',
      'decide',
      'cli-h2',
      '--session',
      '2026-02-25',
      '--agenda',
      '3',
      '--decide',
      '1=accepted',
      '--lang',
      'en',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The report has not been submitted');
    expect(await decisionsRecorded()).toBe(0);
  });

  it('records the decisions once and shows them with the annual gathering', async () => {
    const args = [
      'report',
      'decide',
      'cli-year',
      '--session',
      '2026-02-25',
      '--agenda',
      '3',
      '--decide',
      '1=accepted',
      '--decide',
      '2=rejected:Каражат жок',
    ];
    const first = await jmeg(...args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe('recorded');
    const again = await jmeg(...args);
    expect(again.stdout.trim()).toBe('already recorded');
    expect(await decisionsRecorded()).toBe(1);
    const shown = await jmeg('report', 'show', 'cli-year', '--lang', 'ru');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      [
        '2025 год: отправлен 15.01.2026',
        '1. Графикти жарыялоо',
        '   25.02.2026 (3): принята',
        '2. Чатырды оңдоо',
        '   25.02.2026 (3): отклонена: Каражат жок',
        '7.2.4: 20.03.2026, Клуб',
        '',
      ].join('\n'),
    );
  });
});
