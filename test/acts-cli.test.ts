// `jmeg object`, `jmeg act` and `jmeg pending` run as a user runs them, against a fresh Postgres database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCouncil } from '../db/councils';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { record } from '../db/record';
import { createTestDatabase, type TestDatabase } from './support/pg';

const run = promisify(execFile);
let t: TestDatabase;
let dir: string;
let councilId: string;
let groupId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'jmeg-acts-cli-'));
  councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  await decideGroupCreation(t.db, groupId); // 5.4.5: the group acts once created
});
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function jmeg(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['cli/main.ts', ...args], {
      env: { ...process.env, DATABASE_URL: t.url, JMEG_DATA_DIR: dir, TEMPORAL_ADDRESS: '127.0.0.1:1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('jmeg object / act / pending', () => {
  let objectId = '';
  let actId = '';

  it('object register prints the id; a bad e-mail is one line naming the field, exit 2', async () => {
    const bad = await jmeg(
      'object',
      'register',
      '--council',
      councilId,
      '--kind',
      'municipal_enterprise',
      '--name-ky',
      'Суу чарба',
      '--name-ru',
      'Водхоз',
      '--email',
      'suu@aksuu',
      '--lang',
      'en',
    );
    expect(bad).toMatchObject({
      code: 2,
      stderr:
        'object register: emails[0]: "suu@aksuu" is not a valid e-mail address (e.g. suu@ayil.kg). [invalid-email]\n',
    });
    const ok = await jmeg(
      'object',
      'register',
      '--council',
      councilId,
      '--kind',
      'municipal_enterprise',
      '--name-ky',
      'Суу чарба',
      '--name-ru',
      'Водхоз',
      '--email',
      'suu@aksuu.kg',
      '--email',
      'boss@aksuu.kg',
    );
    expect(ok.code).toBe(0);
    objectId = ok.stdout.trim();
    const listed = await jmeg('object', 'list', '--council', councilId, '--lang', 'ru');
    expect(listed.stdout).toBe(
      `${objectId}\tСуу чарба\tВодхоз\tмуниципальное предприятие\tsuu@aksuu.kg, boss@aksuu.kg\n`,
    );
  });

  it('act draft accepts an incomplete draft and lists what 8.1 still needs', async () => {
    const file = join(dir, 'act.json');
    writeFileSync(file, JSON.stringify({ purpose: 'Суунун сапатын баалоо', subject: 'Суу менен камсыздоо' }));
    const drafted = await jmeg(
      'act',
      'draft',
      '--group',
      groupId,
      '--object',
      objectId,
      '--file',
      file,
      '--lang',
      'en',
    );
    expect(drafted.code).toBe(0);
    actId = drafted.stdout.split('\n')[0]!;
    expect(drafted.stdout).toContain(
      'Still needed before issuing (8.1):\n  - place: The act lacks a mandatory item (8.1): place.',
    );
    const issue = await jmeg('act', 'issue', actId, '--on', '2026-03-02', '--lang', 'ru');
    expect(issue.code).toBe(1);
    expect(issue.stderr).toContain(
      '  - recommendations: В акте отсутствуют обязательные сведения (8.1): рекомендации и предложения.',
    );
    expect(issue.stderr).toContain('Акт не выдан.');
  });

  it('act update, attach and issue: the act gets its number and says which deadlines open on receipt', async () => {
    const file = join(dir, 'act-full.json');
    writeFileSync(
      file,
      JSON.stringify({
        purpose: 'Суунун сапатын баалоо',
        subject: 'Суу менен камсыздоо',
        place: 'Ак-Суу',
        periodStart: '2026-02-02',
        periodEnd: '2026-02-20',
        findings: [{ kind: 'evaluation', text: '62% канааттанбайт', method: 'questionnaire' }],
        recommendations: ['Графикти жарыялоо'],
      }),
    );
    expect((await jmeg('act', 'update', actId, '--file', file)).code).toBe(0);
    const pdf = join(dir, 'protocol.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const attached = await jmeg('act', 'attach', actId, pdf);
    expect(attached.stdout).toMatch(/\tprotocol\.pdf\tapplication\/pdf\t15\tsha256:[0-9a-f]{64}\n$/);
    const exe = join(dir, 'tool.exe');
    writeFileSync(exe, 'MZ');
    expect(await jmeg('act', 'attach', actId, exe, '--lang', 'en')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('allowed types: pdf, jpg, jpeg, png, docx, xlsx, odt') as string,
    });
    const issued = await jmeg('act', 'issue', actId, '--on', '2026-03-02', '--lang', 'en');
    // The issue is recorded; with no Temporal server the delivery (the act workflow) cannot start: one line says how.
    expect(issued).toMatchObject({ code: 1 });
    expect(issued.stdout).toBe(
      `Act issued: 2026-001, 02.03.2026\nDeadlines (4.3) open on receipt of the act: object-response (object:${objectId}), executive-report (executive-body)\n`,
    );
    expect(issued.stderr.trim().split('\n')).toHaveLength(1);
    expect(issued.stderr).toContain(
      `The act was not sent to the object yet: run "jmeg act issue ${actId}" again once Temporal runs.`,
    );
    expect(issued.stderr).toContain('TEMPORAL_ADDRESS');
    // Running it again records nothing new (the same number) and tries the delivery again.
    const again = await jmeg('act', 'issue', actId, '--on', '2026-03-05', '--lang', 'en');
    expect(again).toMatchObject({ code: 1 });
    expect(again.stdout).toContain('The act was already issued: 2026-001, 02.03.2026');
    const shown = await jmeg('act', 'show', actId, '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      id: actId,
      number: '2026-001',
      status: 'issued',
      path: `/acts/${actId}`,
      missing: [],
    });
  });

  it('pending prints overdue first in the chosen language, and --json gives the same items', async () => {
    await record(t.db, {
      stream: streams.act(actId),
      actor: 'test',
      events: [
        {
          type: 'obligation.opened',
          payload: {
            obligationId: 'ob-1',
            groupId,
            actId,
            key: 'object-response',
            clause: '4.3',
            party: `object:${objectId}`,
            anchorDate: '2026-03-02',
            dueDate: '2026-03-16',
          },
        },
        {
          type: 'obligation.opened',
          payload: {
            obligationId: 'ob-2',
            groupId,
            actId,
            key: 'executive-report',
            clause: '4.3',
            party: 'executive-body',
            anchorDate: '2026-03-02',
            dueDate: '2026-04-01',
          },
        },
        {
          type: 'obligation.reminder-sent',
          payload: { obligationId: 'ob-1', rung: 'due-3', recipients: ['suu@aksuu.kg'] },
          occurredAt: new Date('2026-03-11T03:00:00Z'),
        },
      ],
    });
    const text = await jmeg('pending', '--group', groupId, '--today', '2026-03-18', '--lang', 'en');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      'OVERDUE  Inform the executive body of the causes of the shortcomings and the measures planned (clause 4.3)  Overdue by 2 working days',
    );
    expect(text.stdout).toContain(
      '  Owed by: The monitored object (copy to the group) — Суу чарба; counted from 02.03.2026; due 16.03.2026',
    );
    expect(text.stdout).toContain('  Reminders: 3 working days before 11.03.2026');
    expect(text.stdout).toContain(`  act 2026-001 /acts/${actId}`);
    expect(text.stdout).toContain(
      'OPEN  Generalised information on the measures taken to remove the shortcomings (clause 4.3)  14 calendar days left',
    );
    const json = JSON.parse(
      (await jmeg('pending', '--group', groupId, '--today', '2026-03-18', '--overdue', '--json')).stdout,
    ) as { items: { obligationId: string }[] };
    expect(json.items.map((i) => i.obligationId)).toEqual(['ob-1']);
    expect(await jmeg('pending', '--group', groupId, '--overdue', '--week')).toMatchObject({
      code: 2,
      stderr: 'pending: give at most one of --overdue, --week, --object ID\n',
    });
    expect(await jmeg('pending', '--group', 'nope')).toMatchObject({
      code: 2,
      stderr: 'pending: no group with id nope\n',
    });
  });
});
