// `jmeg start` as a child process, the way a person runs it, for the tests of its output and its life cycle.
// Waits are driven by the process's own events: a wait is checked again on each chunk of output and fails at once
// when the process exits; its time limit is a generous ceiling for a loaded machine, never the expected duration.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
/** Only node's own directory: no `temporal` binary can be found on it. */
export const NODE_ONLY_PATH = path.dirname(process.execPath);
/** Nothing listens on port 1: "no Temporal server" is found at once. */
export const NO_TEMPORAL = '127.0.0.1:1';
/** The ceiling of a wait for a line: far above what a busy 2-core machine needs. */
export const LINE_CEILING_MS = 120_000;

export interface Started {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /**
   * Resolves with `probe`'s first non-null answer, checked now and after each chunk of output; rejects when the
   * process exits first or after `timeoutMs`, with what the process printed.
   */
  until: <T>(what: string, probe: () => T | null, timeoutMs?: number) => Promise<T>;
  /** The first match of `pattern` in stdout (or stderr), waited for like `until`. */
  line: (pattern: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number) => Promise<RegExpExecArray>;
}

/** Spawns `jmeg start` with only `env` (plus a PATH without `temporal` and a HOME without its build). */
export function startJmeg(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [TSX, 'cli/main.ts', 'start'], {
    cwd: ROOT,
    env: { PATH: NODE_ONLY_PATH, HOME: tmpdir(), ...env },
  });
  let stdout = '';
  let stderr = '';
  let exitCode: number | null | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exitCode = code;
      resolve(code);
      notify();
    }),
  );
  const until = <T>(what: string, probe: () => T | null, timeoutMs = LINE_CEILING_MS): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const printed = () => `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no ${what} within ${timeoutMs / 1000} s${printed()}`))),
        timeoutMs,
      );
      function check(): void {
        let value: T | null;
        try {
          value = probe();
        } catch (error) {
          return finish(() => reject(error instanceof Error ? error : new Error(String(error))));
        }
        if (value !== null) return finish(() => resolve(value));
        if (exitCode !== undefined)
          finish(() => reject(new Error(`the process exited (code ${exitCode}) before ${what}${printed()}`)));
      }
      listeners.add(check);
      check();
    });
  const line = (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout', timeoutMs = LINE_CEILING_MS) =>
    until(
      `a line matching ${pattern} on ${stream}`,
      () => pattern.exec(stream === 'stdout' ? stdout : stderr),
      timeoutMs,
    );
  return { child, stdout: () => stdout, stderr: () => stderr, exited, until, line };
}

/** Stops the process with SIGTERM and waits for its exit code (SIGKILL after the ceiling, so a test never hangs). */
export async function stopJmeg(run: Started, ceilingMs = LINE_CEILING_MS): Promise<number | null> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return run.exited;
  run.child.kill('SIGTERM');
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ceilingMs);
  try {
    return await run.exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves with `probe`'s first non-null answer for a state outside the process (a file, a row): checked every
 * 200 ms until the ceiling, then fails naming `what`.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null>,
  ceilingMs = LINE_CEILING_MS,
): Promise<T> {
  const until = performance.now() + ceilingMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (performance.now() > until) throw new Error(`no ${what} within ${ceilingMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
