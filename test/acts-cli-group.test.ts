// `jmeg act annex-remove` and `jmeg act issue` for a group that does not stand, run as a user runs them against a
// fresh Postgres database (issue 12, point 3: 8.1, 5.4.5, 5.3.1). No Temporal server: the refusals come first.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftAct, findAct, issueAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { dumpTable } from './support/db-dump';
import { decideGroupCreation } from './support/group-created';
import { createTestDatabase, type TestDatabase } from './support/pg';

const run = promisify(execFile);
let t: TestDatabase;
let dir: string;
let groupId: string;
let formingGroupId: string;
let objectId: string;

const COMPLETE = parseActDraft({
  purpose: 'Суунун сапатын баалоо',
  subject: 'Суу менен камсыздоо',
  place: 'Ак-Суу',
  periodStart: '2026-02-02',
  periodEnd: '2026-02-20',
  findings: [{ kind: 'fact', text: 'Суу жумасына эки күн берилет', method: 'site_visit' }],
  recommendations: ['Графикти жарыялоо'],
  annexes: [{ title: 'Протокол', kind: 'protocol' }],
});

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'jmeg-acts-cli-group-'));
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  groupId = await openGroup(t.db, { councilId }, 'test');
  await decideGroupCreation(t.db, groupId);
  formingGroupId = await openGroup(t.db, { councilId }, 'test');
  objectId = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водхоз' }, emails: ['suu@aksuu.kg'] },
      'test',
    )
  ).id;
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

describe('jmeg act annex-remove; jmeg act issue for a group that does not stand', () => {
  it('annex-remove takes a draft’s file off; an unknown annex and an issued act are refused, writing nothing', async () => {
    const act = await draftAct(t.db, { groupId, objectId, draft: COMPLETE }, 'test');
    const pdf = join(dir, 'protocol.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const attached = await jmeg('act', 'attach', act.id, pdf);
    expect(attached.code).toBe(0);
    const annexId = attached.stdout.split('\t')[0]!;
    expect((await findAct(t.db, act.id))!.annexes.map((a) => a.id)).toEqual([annexId]);
    // `act show` names each file's id, the one annex-remove takes.
    const shown = (await jmeg('act', 'show', act.id)).stdout;
    expect(shown).toContain('protocol.pdf (application/pdf, 15 B, sha256:');
    expect(shown).toContain(`id ${annexId}`);

    const removed = await jmeg('act', 'annex-remove', act.id, annexId);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`${annexId}\tprotocol.pdf\n`);
    expect((await findAct(t.db, act.id))!.annexes).toEqual([]);

    const again = await jmeg('act', 'annex-remove', act.id, annexId, '--lang', 'ru');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`нет приложения ${annexId}. [unknown-annex]`);

    // Once issued, the act keeps its annexes.
    expect((await jmeg('act', 'attach', act.id, pdf)).code).toBe(0);
    await issueAct(t.db, act.id, { on: '2026-03-02', actor: 'test' });
    const kept = (await findAct(t.db, act.id))!.annexes;
    const before = await dumpTable(t.db, 'act_annexes');
    const refused = await jmeg('act', 'annex-remove', act.id, kept[0]!.id, '--lang', 'en');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('an issued act does not change. [not-a-draft]');
    expect(await dumpTable(t.db, 'act_annexes')).toEqual(before);
  }, 120_000);

  it('act issue for a group still forming: exit 1 naming 5.4.5 in the chosen language, the act stays a draft', async () => {
    const act = await draftAct(t.db, { groupId: formingGroupId, objectId, draft: COMPLETE }, 'test');
    const refused = await jmeg('act', 'issue', act.id, '--on', '2026-03-02', '--lang', 'ru');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('act issue: refused: Группа СМиО ещё формируется');
    expect(refused.stderr).toContain('(п. 5.4.5)');
    expect(refused.stderr).toContain('[group-forming]');
    expect((await findAct(t.db, act.id))!.status).toBe('draft');
  }, 60_000);
});
