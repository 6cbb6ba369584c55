// `jmeg start` as a child process, the way a person runs it, for the tests of its output and its life cycle.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
/** Only node's own directory: no `temporal` binary can be found on it. */
const NODE_ONLY_PATH = path.dirname(process.execPath);
/** Nothing listens on port 1: "no Temporal server" is found at once. */
export const NO_TEMPORAL = '127.0.0.1:1';

export interface Started {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Spawns `jmeg start` with only `env` (plus a PATH without `temporal` and a HOME). */
export function startJmeg(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [TSX, 'cli/main.ts', 'start'], { cwd: ROOT, env: { PATH: NODE_ONLY_PATH, HOME: tmpdir(), ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Polls `probe` every 100 ms until it returns a value, or fails naming `what`. */
export async function waitFor<T>(what: string, probe: () => T | null, timeoutMs: number): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
