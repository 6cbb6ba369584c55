// Runs the `jmeg` command as a user does (tsx cli/main.ts) against a given database, and returns its exit code and
// output instead of throwing on a non-zero exit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `jmeg ...args` with DATABASE_URL set to `databaseUrl`. */
export function jmegOn(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  return jmegWith({ DATABASE_URL: databaseUrl }, ...args);
}

/** `jmeg ...args` with `env` added to the environment (DATABASE_URL, TEMPORAL_ADDRESS, JMEG_PAYLOAD_KEYS...). */
export async function jmegWith(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['cli/main.ts', ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
