// `jmeg formation` offers every step of the formation under the API's names (procedures/formation/steps.ts), spawned
// as staff run it against a real Postgres and Temporal's real time-skipping test server with the real formation
// workflow: start, the 5.4.1 notice, a candidate added, replaced and removed; a refused step says the API's words
// (the same Problem through POST /api/groups/:groupId/formation/<step>), and the older name `publish-notice` is the
// same step.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../cli/cli-error';
import { run } from '../cli/commands/formation';
import { FORMATION_STEP_NAMES } from '../procedures/formation/steps';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { requireServer, testServer } from './support/temporal-servers';

const server = testServer();
const runs = requireServer(server, 'jmeg formation steps');
const START = '2026-03-02T04:00:00.000Z'; // Monday 2 March 2026, 10:00 in Bishkek
const HEADER = 'full_name,sex,birth_date,category,workplace,village,phone,email';

let w: CliWorld;

beforeAll(async () => {
  if (!server.available) return;
  w = await createCliWorld({ serverPath: server.path, startTime: START });
  writeFileSync(
    join(w.dataDir, 'first.csv'),
    `${HEADER}\nАсанов Бакыт,M,12.03.1985,municipal_employee,Айыл өкмөтү,Терек-Суу,0700 123 456,\n`,
  );
  writeFileSync(
    join(w.dataDir, 'second.csv'),
    `${HEADER}\nТоктогулова Айгүл,F,05.07.1990,municipal_employee,Айыл өкмөтү,Терек-Суу,,\n`,
  );
}, 180_000);

afterAll(async () => {
  await w?.close();
});

const jmeg = (...args: string[]) => w.jmeg('formation', ...args);

describe('jmeg formation knows every step of the API', () => {
  it.each(FORMATION_STEP_NAMES)('%s is a step of the command (a usage error, not an unknown step)', async (step) => {
    const error = await run([step]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).not.toContain('unknown subcommand');
    expect((error as CliError).message).toContain(`formation ${step}`);
  });
});

describe.skipIf(!runs)('jmeg formation on the time-skipping test server', () => {
  let groupId = '';

  it('starts a formation and records the 5.4.1 notice', async () => {
    const started = await jmeg('start', '--council', w.councilId, '--formed-on', '2026-02-27');
    expect([started.code, started.stderr]).toEqual([0, '']);
    groupId = started.stdout.trim();
    const notice = await jmeg('formation-notice', '--group', groupId, '--date', '2026-03-02');
    expect([notice.code, notice.stderr]).toEqual([0, '']);
    expect(JSON.parse(notice.stdout)).toMatchObject({ publishedOn: '2026-03-02' });
  });

  it('adds a candidate, replaces them and removes the replacement', async () => {
    const added = await jmeg('add-candidate', join(w.dataDir, 'first.csv'), '--group', groupId, '--date', '2026-03-02');
    expect([added.code, added.stderr]).toEqual([0, '']);
    const first = JSON.parse(added.stdout) as { candidateId: string; fullName: string; category: string };
    expect(first).toMatchObject({ fullName: 'Асанов Бакыт', category: 'municipal_employee' });

    const replaced = await jmeg(
      'replace-candidate',
      join(w.dataDir, 'second.csv'),
      '--group',
      groupId,
      '--candidate',
      first.candidateId,
      '--reason',
      'Башка ишке өттү',
      '--date',
      '2026-03-02',
    );
    expect([replaced.code, replaced.stderr]).toEqual([0, '']);
    const second = JSON.parse(replaced.stdout) as { candidateId: string; fullName: string };
    expect(second.fullName).toBe('Токтогулова Айгүл');

    const removed = await jmeg(
      'remove-candidate',
      '--group',
      groupId,
      '--candidate',
      second.candidateId,
      '--reason',
      'Баш тартты',
    );
    expect([removed.code, removed.stderr]).toEqual([0, '']);
    expect(JSON.parse(removed.stdout)).toEqual({ candidateId: second.candidateId, removed: true });

    const status = await jmeg('status', '--group', groupId);
    expect(status.stdout).toContain('candidates (0):');
  });

  it('a refused step says the words of the API, under the new name and the old one', async () => {
    const api = await w.staff('POST', `/api/groups/${groupId}/formation/formation-notice?lang=en`, {
      publishedOn: '2026-03-02',
      channels: ['website'],
    });
    expect(api.statusCode).toBe(409);
    const problems = api.json<{ error: { problems: { message: string }[] } }>().error.problems;
    const words = problems.map((p) => p.message).join('; ');
    expect(words).not.toBe('');

    for (const name of ['formation-notice', 'publish-notice']) {
      const cli = await jmeg(name, '--group', groupId, '--date', '2026-03-02', '--channels', 'website', '--lang', 'en');
      expect({ code: cli.code, stdout: cli.stdout, stderr: cli.stderr }).toEqual({
        code: 1,
        stdout: '',
        stderr: `formation ${name}: refused: ${words}\n`,
      });
    }
  });
});
