// Finds a Temporal server within seconds: TEMPORAL_ADDRESS, or one already on localhost:7233, or a local dev server
// started from a `temporal` binary (TEMPORAL_BINARY, the build of `npm run temporal:install`, PATH), or, with no
// binary at all, from the SDK's own cached download of the Temporal CLI, bounded by a short time limit.
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, openSync, closeSync } from 'node:fs';
import { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../config/config';
import { installRuntime } from './install-runtime';

export const LOCAL_TEMPORAL_HOST = '127.0.0.1';
export const LOCAL_TEMPORAL_PORT = 7233;
export const LOCAL_TEMPORAL_UI_PORT = 8233;
const PROBE_TIMEOUT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** How long `scripts/temporal-install.sh --locate` may take (it only tests two files). */
const LOCATE_TIMEOUT_MS = 10_000;
/** How long the SDK's download of the dev server may take before it counts as unavailable. */
export const DOWNLOAD_TIMEOUT_MS = 15_000;

const INSTALL_SCRIPT = fileURLToPath(new URL('../scripts/temporal-install.sh', import.meta.url));

export const TEMPORAL_FIX =
  'Set TEMPORAL_ADDRESS=host:7233 (see docker-compose.yml) or TEMPORAL_BINARY=/path/to/temporal (the Temporal CLI) and run again.';

/** No Temporal server can be had: the message is the one line to show, with the fix. */
export class TemporalUnavailableError extends Error {
  constructor(reason: string) {
    super(`Temporal: ${reason}. ${TEMPORAL_FIX}`);
    this.name = 'TemporalUnavailableError';
  }
}

export interface TemporalServer {
  connection: NativeConnection;
  namespace: string;
  address: string;
  /** The Web UI of a dev server started here; null for a server found elsewhere. */
  uiUrl: string | null;
  /** One line for humans: which server this is. */
  description: string;
  close(): Promise<void>;
}

/** Whether a TCP connection to host:port opens within the timeout. */
export function canConnect(host: string, port: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** Splits "host:port" (also "[::1]:7233"); the port defaults to 7233. */
export function parseAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(address.trim());
  if (!match) throw new TemporalUnavailableError(`TEMPORAL_ADDRESS "${address}" is not host:port`);
  return { host: match[1] ?? match[2]!, port: match[3] === undefined ? LOCAL_TEMPORAL_PORT : Number(match[3]) };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `temporal` on the search path (a PATH-style list), or null. */
export function findTemporalBinary(searchPath: string | undefined): string | null {
  return findBinary('temporal', searchPath);
}

function findBinary(name: string, searchPath: string | undefined): string | null {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * The `temporal` binary built by `npm run temporal:install`, or null: asks `scripts/temporal-install.sh --locate`,
 * which builds nothing and answers at once. `env` is the environment the script sees (its cache is under HOME,
 * XDG_CACHE_HOME or JMEG_TEMPORAL_CACHE).
 */
export function locateInstalledTemporal(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [INSTALL_SCRIPT, '--locate'],
      { env, timeout: LOCATE_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout) => {
        if (error && stdout === '') return resolve(null);
        const found = /^TEMPORAL_BINARY=(.+)$/m.exec(stdout)?.[1]?.trim();
        resolve(found !== undefined && isExecutable(found) ? found : null);
      },
    );
  });
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** The SDK's download error without its URLs and repeated parts, e.g. "dns error: failed to lookup address information". */
function downloadFailure(error: unknown): string {
  const parts = oneLine(error)
    .replace(/\s*\(?https?:\/\/[^\s)]*\)?/g, '')
    .split(': ')
    .map((part) => part.trim())
    .filter((part, i, all) => part !== '' && part !== all[i - 1] && !/^failed to start ephemeral server$/i.test(part));
  return parts.slice(-3).join(': ');
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function connectTo(address: string, namespace: string, description: string): Promise<TemporalServer> {
  const { NativeConnection } = await import('@temporalio/worker');
  installRuntime();
  let connection: NativeConnection;
  try {
    connection = await withTimeout(NativeConnection.connect({ address }), CONNECT_TIMEOUT_MS, 'connecting');
  } catch (error) {
    throw new TemporalUnavailableError(
      `${address} accepts connections but is not a Temporal frontend (${oneLine(error)})`,
    );
  }
  return { connection, namespace, address, uiUrl: null, description, close: () => connection.close() };
}

/** Where a dev server started here listens: gRPC and the Web UI. */
export interface LocalPorts {
  port: number;
  uiPort: number;
}

const DEFAULT_LOCAL: LocalPorts = { port: LOCAL_TEMPORAL_PORT, uiPort: LOCAL_TEMPORAL_UI_PORT };

type Executable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

async function createDevServer(
  executable: Executable,
  config: Pick<AppConfig, 'dataDir' | 'temporalNamespace'>,
  local: LocalPorts,
  dbFilename: string,
): Promise<TestWorkflowEnvironment> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  installRuntime();
  mkdirSync(path.dirname(dbFilename), { recursive: true });
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      dbFilename,
      namespace: config.temporalNamespace,
      ip: LOCAL_TEMPORAL_HOST,
      port: local.port,
      ui: true,
      uiPort: local.uiPort,
    },
  });
}

function devServer(
  env: TestWorkflowEnvironment,
  config: Pick<AppConfig, 'temporalNamespace'>,
  local: LocalPorts,
  dbFilename: string,
  from: string,
): TemporalServer {
  const uiUrl = `http://${LOCAL_TEMPORAL_HOST}:${local.uiPort}`;
  return {
    connection: env.nativeConnection,
    namespace: env.namespace ?? config.temporalNamespace,
    address: env.address,
    uiUrl,
    description: `local dev server ${env.address} (${from}; history in ${dbFilename})`,
    close: () => env.teardown(),
  };
}

async function startDevServer(
  binary: string,
  config: Pick<AppConfig, 'dataDir' | 'temporalNamespace'>,
  local: LocalPorts,
): Promise<TemporalServer> {
  const dbFilename = path.join(config.dataDir, 'temporal.db');
  try {
    const env = await createDevServer({ type: 'existing-path', path: binary }, config, local, dbFilename);
    return devServer(env, config, local, dbFilename, binary);
  } catch (error) {
    throw new TemporalUnavailableError(`could not start a dev server with ${binary} (${oneLine(error)})`);
  }
}

/**
 * The SDK's own dev server (it downloads the Temporal CLI into its cache on first use), within `timeoutMs`; the
 * reason it failed otherwise. A download that finishes after the time limit is torn down at once.
 */
async function downloadDevServer(
  config: Pick<AppConfig, 'dataDir' | 'temporalNamespace'>,
  local: LocalPorts,
  timeoutMs: number,
): Promise<TemporalServer | string> {
  const dbFilename = path.join(config.dataDir, 'temporal.db');
  const starting = createDevServer({ type: 'cached-download' }, config, local, dbFilename);
  try {
    const env = await withTimeout(starting, timeoutMs, 'the download');
    return devServer(env, config, local, dbFilename, "the SDK's downloaded Temporal CLI");
  } catch (error) {
    starting.then((late) => late.teardown()).catch(() => undefined);
    return downloadFailure(error);
  }
}

/** A build of the dev server started by `npm start` itself: where it logs, and whether it ended with a binary. */
export interface BackgroundInstall {
  log: string;
  done: Promise<boolean>;
}

/**
 * Starts `scripts/temporal-install.sh` in the background when Go is on the search path (the dev server is a Go
 * module; the first build takes minutes), logging to `${dataDir}/temporal-install.log`; null without Go.
 */
export function installTemporalInBackground(
  config: Pick<AppConfig, 'dataDir'>,
  searchPath: string | undefined,
  baseEnv: NodeJS.ProcessEnv = process.env,
): BackgroundInstall | null {
  const go = findBinary('go', searchPath);
  if (go === null) return null;
  mkdirSync(config.dataDir, { recursive: true });
  const log = path.join(config.dataDir, 'temporal-install.log');
  const fd = openSync(log, 'a', 0o600);
  const env = { ...baseEnv, PATH: [path.dirname(go), baseEnv.PATH ?? ''].filter(Boolean).join(path.delimiter) };
  const child = spawn('bash', [INSTALL_SCRIPT], { stdio: ['ignore', fd, fd], env });
  closeSync(fd);
  const done = new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
  return { log, done };
}

export interface ObtainOptions {
  /** Ports of a dev server started here (default 7233 and 8233); a server already on `port` is used instead. */
  local?: LocalPorts;
  /** Finds the build of `npm run temporal:install` (default: locateInstalledTemporal). */
  locateInstalled?: () => Promise<string | null>;
  /** Time limit of the SDK's download when no binary is found (default 15 s); 0 tries no download. */
  downloadTimeoutMs?: number;
}

/**
 * The Temporal server to work against:
 * 1. TEMPORAL_ADDRESS when set (it must answer within 2 s);
 * 2. otherwise a server already listening on 127.0.0.1:7233 (e.g. `temporal server start-dev`);
 * 3. otherwise a dev server on 127.0.0.1:7233 with its Web UI on 8233 and its history in `${dataDir}/temporal.db`,
 *    started from the first `temporal` binary of: TEMPORAL_BINARY, the build of `npm run temporal:install`, the
 *    search path; with none, from the SDK's cached download of the Temporal CLI if it can be had within 15 s.
 * Throws TemporalUnavailableError (a one-line message with the fix) when none can be had.
 */
export async function obtainTemporal(
  config: Pick<AppConfig, 'temporalAddress' | 'temporalNamespace' | 'temporalBinary' | 'dataDir'>,
  searchPath: string | undefined,
  options: ObtainOptions = {},
): Promise<TemporalServer> {
  if (config.temporalAddress !== null) {
    const { host, port } = parseAddress(config.temporalAddress);
    if (!(await canConnect(host, port)))
      throw new TemporalUnavailableError(`no server reachable at ${config.temporalAddress}`);
    return connectTo(config.temporalAddress, config.temporalNamespace, `Temporal ${config.temporalAddress}`);
  }
  const local = options.local ?? DEFAULT_LOCAL;
  const address = `${LOCAL_TEMPORAL_HOST}:${local.port}`;
  if (await canConnect(LOCAL_TEMPORAL_HOST, local.port))
    return connectTo(address, config.temporalNamespace, `Temporal ${address} (already running)`);
  if (config.temporalBinary !== null) {
    if (!isExecutable(config.temporalBinary))
      throw new TemporalUnavailableError(`TEMPORAL_BINARY ${config.temporalBinary} is not an executable file`);
    return startDevServer(config.temporalBinary, config, local);
  }
  const found = (await (options.locateInstalled ?? locateInstalledTemporal)()) ?? findTemporalBinary(searchPath);
  if (found !== null) return startDevServer(found, config, local);
  const timeoutMs = options.downloadTimeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const downloaded = timeoutMs > 0 ? await downloadDevServer(config, local, timeoutMs) : 'not tried';
  if (typeof downloaded !== 'string') return downloaded;
  throw new TemporalUnavailableError(
    `no server reachable (TEMPORAL_ADDRESS is not set, nothing listens on ${address}, no \`temporal\` binary in TEMPORAL_BINARY, from \`npm run temporal:install\` or on PATH, and the SDK's download of one failed: ${downloaded}); \`npm run temporal:install\` builds it`,
  );
}
