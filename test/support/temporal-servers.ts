// Where the tests find the real Temporal servers: TEMPORAL_TEST_SERVER / TEMPORAL_BINARY when set, else the builds
// of `npm run temporal:install` (scripts/temporal-install.sh --locate prints their paths without building).
// Under CI=true a server that cannot be had fails the test file that needs it; elsewhere the file skips with one line.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime } from '@temporalio/worker';

const INSTALL = fileURLToPath(new URL('../../scripts/temporal-install.sh', import.meta.url));

let located: Record<string, string> | undefined;

function locate(): Record<string, string> {
  if (located) return located;
  located = {};
  try {
    const out = execFileSync('bash', [INSTALL, '--locate'], { encoding: 'utf8', timeout: 30_000 });
    for (const line of out.split('\n')) {
      const m = /^(TEMPORAL_[A-Z_]+)=(.+)$/.exec(line.trim());
      if (m) located[m[1]!] = m[2]!;
    }
  } catch {
    // no bash or no cache: nothing located
  }
  return located;
}

function executable(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

export type ServerFound = { available: true; path: string } | { available: false; reason: string };

const HOW = 'run `npm run temporal:install` (or set TEMPORAL_TEST_SERVER / TEMPORAL_BINARY)';

/** The time-skipping test server's launcher. */
export function testServer(): ServerFound {
  const path = executable(process.env.TEMPORAL_TEST_SERVER) ?? executable(locate().TEMPORAL_TEST_SERVER);
  return path
    ? { available: true, path }
    : { available: false, reason: `Temporal's time-skipping test server is not installed: ${HOW}` };
}

/** The Temporal CLI (dev server). */
export function devServerBinary(): ServerFound {
  const path = executable(process.env.TEMPORAL_BINARY) ?? executable(locate().TEMPORAL_BINARY);
  return path
    ? { available: true, path }
    : { available: false, reason: `the Temporal CLI (dev server) is not installed: ${HOW}` };
}

/**
 * Whether a file's server-backed tests run: under CI=true a missing server throws (the file fails), never skips.
 * Use as `describe.skipIf(!requireServer(found, 'name'))`.
 */
export function requireServer(found: ServerFound, what: string): boolean {
  if (found.available) return true;
  const line = `${what}: ${found.reason}`;
  if (process.env.CI === 'true') throw new Error(`${line} (CI=true: a missing server is a failure)`);
  console.log(`${line}; skipped`);
  return false;
}

/**
 * Workers log every state change at INFO; tests keep warnings and errors only (once per process). The SDK's core
 * logs errors only: its one warning here is that the Java test server does not advertise a heartbeat capability
 * (no workflow of ours heartbeats), once per worker; a failing workflow task still fails its test.
 */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    // already installed in this process: keep that one
  }
}
