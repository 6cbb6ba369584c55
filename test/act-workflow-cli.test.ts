// `jmeg act receive|respond|close`: updates of the running act workflow. Usage errors are found before connecting
// (exit 2); with no Temporal server each ends in the one line that says how to point at one (exit 1).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli/cli-error';
import { run } from '../cli/commands/act';

const root = fileURLToPath(new URL('..', import.meta.url));
const NO_SERVER = { TEMPORAL_ADDRESS: '127.0.0.1:1' };
const FIX =
  'Set TEMPORAL_ADDRESS=host:7233 (see docker-compose.yml) or TEMPORAL_BINARY=/path/to/temporal (the Temporal CLI) and run again.';

function jmeg(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'act', ...args], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...NO_SERVER },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function fails(args: string[]): Promise<{ exitCode: number; message: string }> {
  const error = await run(args).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return { exitCode: error.exitCode, message: error.message.split('\n')[0]! };
}

describe('jmeg act receive/respond/close', () => {
  beforeAll(() => vi.stubEnv('TEMPORAL_ADDRESS', NO_SERVER.TEMPORAL_ADDRESS));
  afterAll(() => vi.unstubAllEnvs());

  it('spawned with no Temporal server: exactly one line on stderr, exit 1', async () => {
    const { code, stdout, stderr } = await jmeg(['receive', 'a-1', '--on', '2026-06-02']);
    expect([code, stdout, stderr]).toEqual([1, '', `Temporal: no server reachable at 127.0.0.1:1. ${FIX}\n`]);
  });

  it.each([
    ['receive', ['receive', 'a-1', '--on', '2026-06-02', '--via', 'link']],
    ['respond', ['respond', 'a-1', '--obligation', 'object-response', '--on', '2026-06-10', '--text', 'Жооп']],
    ['close', ['close', 'a-1', '--on', '2026-06-26', '--reason', 'Кеңеш карады']],
  ])('%s, well formed, reaches the server check (exit 1)', async (_name, args) => {
    expect(await fails(args)).toEqual({ exitCode: 1, message: `Temporal: no server reachable at 127.0.0.1:1. ${FIX}` });
  });

  it.each([
    [['receive', 'a-1', '--on', '2026-02-30'], 'act receive: --on "2026-02-30" is not a date YYYY-MM-DD'],
    [['receive', 'a-1', '--on', '2026-06-02', '--via', 'fax'], 'act receive: --via "fax" must be staff or link'],
    [
      ['respond', 'a-1', '--obligation', 'report', '--on', '2026-06-10', '--text', 'x'],
      'act respond: --obligation "report" must be object-response or executive-report (4.3)',
    ],
    [
      ['respond', 'a-1', '--obligation', 'object-response', '--on', '2026-06-10'],
      'act respond: give the response as --text TEXT or --file TEXT.txt (one of them)',
    ],
    [
      ['close', 'a-1', '--on', '2026-06-26'],
      'act close: --reason TEXT is required; usage: jmeg act close ACT_ID --on YYYY-MM-DD --reason TEXT [--lang ky|ru|en]',
    ],
    [
      ['close', '--on', '2026-06-26', '--reason', 'x'],
      'act close: ACT_ID is required; usage: jmeg act close ACT_ID --on YYYY-MM-DD --reason TEXT [--lang ky|ru|en]',
    ],
  ])('%j is a usage error before connecting (exit 2)', async (args, message) => {
    expect(await fails(args)).toEqual({ exitCode: 2, message });
  });
});
