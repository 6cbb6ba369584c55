// `jmeg formation`, spawned as staff run it. With no Temporal server here, every step ends in the one line that
// says how to point at one (exit 1); argument and file errors are found first (exit 2). The happy path needs a
// server (test/formation-live.test.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli/cli-error';
import { run } from '../cli/commands/formation';
import { FORMATION_STEP_NAMES } from '../procedures/formation/steps';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Nothing listens on port 1: the probe fails at once. */
const NO_SERVER = { TEMPORAL_ADDRESS: '127.0.0.1:1' };

function jmeg(
  args: string[],
  env: Record<string, string> = NO_SERVER,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'formation', ...args], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const FIX =
  'Set TEMPORAL_ADDRESS=host:7233 (see docker-compose.yml) or TEMPORAL_BINARY=/path/to/temporal (the Temporal CLI) and run again.';

/** The command in this process: the CliError it ends with (its exit code and message). */
async function fails(args: string[]): Promise<{ exitCode: number; message: string }> {
  const error = await run(args).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return { exitCode: error.exitCode, message: error.message };
}

describe('jmeg formation, spawned', () => {
  it('status with no Temporal server: exactly one line on stderr, exit 1', async () => {
    const { code, stdout, stderr } = await jmeg(['status', '--group', 'g-1']);
    expect([code, stdout, stderr]).toEqual([1, '', `Temporal: no server reachable at 127.0.0.1:1. ${FIX}\n`]);
  });

  it('a bad date: one line naming the option and the rule, exit 2', async () => {
    const { code, stderr } = await jmeg(['decision', '--group', 'g-1', '--date', '2026-13-01', '--resolution', '1']);
    expect(code).toBe(2);
    expect(stderr).toBe('formation decision: --date "2026-13-01" is not a date YYYY-MM-DD\n');
  });
});

describe('jmeg formation', () => {
  beforeAll(() => {
    vi.stubEnv('TEMPORAL_ADDRESS', NO_SERVER.TEMPORAL_ADDRESS);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['status', ['status', '--group', 'g-1']],
    ['start', ['start', '--council', 'c-1', '--formed-on', '2026-01-15']],
    ['decision', ['decision', '--group', 'g-1', '--date', '2026-02-18', '--resolution', '12-3']],
    [
      'first-meeting',
      [
        'first-meeting',
        '--group',
        'g-1',
        '--date',
        '2026-02-26',
        '--present',
        '6',
        '--chair',
        'Сыдыкова Жамила',
        '--votes-for',
        '5',
      ],
    ],
  ])('%s with no Temporal server: the one line naming the address and the fix, exit 1', async (_name, args) => {
    expect(await fails(args)).toEqual({ exitCode: 1, message: `Temporal: no server reachable at 127.0.0.1:1. ${FIX}` });
  });

  it.each([
    [
      'a missing resolution',
      ['decision', '--group', 'g-1', '--date', '2026-02-18'],
      'formation decision: --resolution NUMBER is required; usage: jmeg formation decision --group ID --date YYYY-MM-DD --resolution NUMBER [--chair NAME] [--chair-candidate ID] [--lang ky|ru|en]',
    ],
    [
      'a meeting without quorum without the members present',
      [
        'move-first-meeting',
        '--group',
        'g-1',
        '--date',
        '2026-04-07',
        '--time',
        '10:00',
        '--place',
        'клуб',
        '--no-quorum-on',
        '2026-03-27',
      ],
      'formation move-first-meeting: --no-quorum-on DATE and --present N go together',
    ],
    [
      'present not a number',
      [
        'first-meeting',
        '--group',
        'g-1',
        '--date',
        '2026-02-26',
        '--present',
        'six',
        '--chair',
        'A',
        '--votes-for',
        '4',
      ],
      'formation first-meeting: --present "six" is not a whole number',
    ],
    [
      "a time of 25 o'clock",
      ['meeting', '--group', 'g-1', '--date', '2026-02-26', '--time', '25:00', '--place', 'клуб'],
      'formation meeting: --time "25:00" is not HH:MM',
    ],
    [
      'an unknown channel',
      ['publish-notice', '--group', 'g-1', '--date', '2026-02-02', '--channels', 'radio'],
      'formation publish-notice: --channels "radio" is not website or notice_board',
    ],
    [
      'a votes cell that is not a number',
      [
        'gathering',
        'test/fixtures/formation/gathering-bad-votes.csv',
        '--group',
        'g-1',
        '--date',
        '2026-02-12',
        '--participants',
        '90',
        '--protocol',
        '1',
      ],
      'test/fixtures/formation/gathering-bad-votes.csv: row 2: votes "many" is not a whole number',
    ],
    [
      'a deputy in the staff list',
      ['staff-candidates', 'test/fixtures/formation/staff-with-deputy.csv', '--group', 'g-1', '--date', '2026-02-10'],
      'formation staff-candidates: test/fixtures/formation/staff-with-deputy.csv row 2: category "deputy", expected municipal_employee',
    ],
    [
      'a missing file',
      ['deputies', 'test/fixtures/formation/none.csv', '--group', 'g-1', '--date', '2026-02-10'],
      'test/fixtures/formation/none.csv: cannot read the file (no such file)',
    ],
    [
      'an unknown step',
      ['elect'],
      `formation: unknown subcommand "elect"; subcommands: start, status, ${FORMATION_STEP_NAMES.join(', ')}, publish-notice, deputies; run "jmeg formation --help"`,
    ],
  ])('%s: exit 2 before any connection, with the field and the rule', async (_name, args, message) => {
    const { exitCode, message: text } = await fails(args);
    expect([exitCode, text.split('\n')[0]]).toEqual([2, message]);
  });
});
