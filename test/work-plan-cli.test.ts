// `jmeg plan show` and `jmeg plan approve` spawned against a real Postgres: an approval before the plan's submission
// is refused naming 7.3.1 (exit 1, nothing written); after it, recorded (exit 0) and shown.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { findPlan } from '../db/plans';
import { bishkekDateOf } from '../domain/dates';
import { addPlanItem, draftPlan, submitPlan } from '../procedures/plans/plans';
import { createTestDatabase, type TestDatabase } from './support/pg';

const root = fileURLToPath(new URL('..', import.meta.url));
let t: TestDatabase;
let planId: string;

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

const deps = () => ({ db: t.db, now: Date.now });

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'k@aksuu.kg' }, 'test');
  const groupId = await openGroup(t.db, { councilId }, 'test');
  const objectId = (
    await registerObject(
      t.db,
      { councilId, kind: 'municipal_enterprise', name: { ky: 'Суу чарба', ru: 'Водоканал' }, emails: ['s@aksuu.kg'] },
      'test',
    )
  ).id;
  planId = (await draftPlan(deps(), { groupId, title: 'Иш планы', actor: 'test' })).planId;
  await addPlanItem(deps(), {
    planId,
    objectId,
    subject: 'Суунун сапаты',
    from: '2027-01-01',
    to: '2027-02-01',
    method: 'observation',
    actor: 'test',
  });
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe('jmeg plan', () => {
  const today = bishkekDateOf(Date.now());
  const approve = () =>
    jmeg('plan', 'approve', planId, '--session', today, '--decision', '7', '--text', 'Бекитилсин', '--lang', 'ru');

  it('refuses an approval before submission, naming 7.3.1, with nothing written', async () => {
    const refused = await approve();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('7.3.1');
    expect((await findPlan(t.db, planId))!.status).toBe('draft');
  }, 60_000);

  it('records the approval of the submitted plan and shows it', async () => {
    await submitPlan(deps(), { planId, actor: 'test' });
    const done = await approve();
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect((await findPlan(t.db, planId))!.approval?.decisionNumber).toBe('7');
    const shown = await jmeg('plan', 'show', planId, '--lang', 'ru');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Иш планы: утверждён кенешем');
    expect(shown.stdout).toContain('1. Водоканал');
    expect(shown.stdout).toContain('наблюдение');
  }, 60_000);
});
