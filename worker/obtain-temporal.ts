// Finds a Temporal server within seconds: TEMPORAL_ADDRESS, or one already on localhost:7233, or a local
// dev server started from an existing `temporal` binary. Never downloads anything.
import { accessSync, constants } from 'node:fs';
import { Socket } from 'node:net';
import path from 'node:path';
import type { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../config/config';
import { installRuntime } from './install-runtime';

export const LOCAL_TEMPORAL_HOST = '127.0.0.1';
export const LOCAL_TEMPORAL_PORT = 7233;
export const LOCAL_TEMPORAL_UI_PORT = 8233;
const PROBE_TIMEOUT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 10_000;

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

/** The first executable `temporal` on the search path (a PATH-style list), or null. */
export function findTemporalBinary(searchPath: string | undefined): string | null {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'temporal');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return null;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms)))]);
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
    throw new TemporalUnavailableError(`${address} accepts connections but is not a Temporal frontend (${oneLine(error)})`);
  }
  return { connection, namespace, address, description, close: () => connection.close() };
}

async function startDevServer(binary: string, config: Pick<AppConfig, 'dataDir' | 'temporalNamespace'>): Promise<TemporalServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  installRuntime();
  const dbFilename = path.join(config.dataDir, 'temporal.db');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: binary },
        dbFilename,
        namespace: config.temporalNamespace,
        ip: LOCAL_TEMPORAL_HOST,
        port: LOCAL_TEMPORAL_PORT,
        ui: true,
        uiPort: LOCAL_TEMPORAL_UI_PORT,
      },
    });
    return {
      connection: env.nativeConnection,
      namespace: env.namespace ?? config.temporalNamespace,
      address: env.address,
      description: `local dev server ${env.address} (history in ${dbFilename}, UI http://${LOCAL_TEMPORAL_HOST}:${LOCAL_TEMPORAL_UI_PORT})`,
      close: () => env.teardown(),
    };
  } catch (error) {
    throw new TemporalUnavailableError(`could not start a dev server with ${binary} (${oneLine(error)})`);
  }
}

/**
 * The Temporal server to work against:
 * 1. TEMPORAL_ADDRESS when set (it must answer within 2 s);
 * 2. otherwise a server already listening on 127.0.0.1:7233 (e.g. `temporal server start-dev`);
 * 3. otherwise a dev server on 127.0.0.1:7233 started from TEMPORAL_BINARY or a `temporal` on the search path,
 *    keeping its history in `${dataDir}/temporal.db`.
 * Throws TemporalUnavailableError (a one-line message with the fix) when none can be had.
 */
export async function obtainTemporal(
  config: Pick<AppConfig, 'temporalAddress' | 'temporalNamespace' | 'temporalBinary' | 'dataDir'>,
  searchPath: string | undefined,
): Promise<TemporalServer> {
  if (config.temporalAddress !== null) {
    const { host, port } = parseAddress(config.temporalAddress);
    if (!(await canConnect(host, port))) throw new TemporalUnavailableError(`no server reachable at ${config.temporalAddress}`);
    return connectTo(config.temporalAddress, config.temporalNamespace, `Temporal ${config.temporalAddress}`);
  }
  const local = `${LOCAL_TEMPORAL_HOST}:${LOCAL_TEMPORAL_PORT}`;
  if (await canConnect(LOCAL_TEMPORAL_HOST, LOCAL_TEMPORAL_PORT)) return connectTo(local, config.temporalNamespace, `Temporal ${local} (already running)`);
  if (config.temporalBinary !== null) {
    try {
      accessSync(config.temporalBinary, constants.X_OK);
    } catch {
      throw new TemporalUnavailableError(`TEMPORAL_BINARY ${config.temporalBinary} is not an executable file`);
    }
    return startDevServer(config.temporalBinary, config);
  }
  const found = findTemporalBinary(searchPath);
  if (found !== null) return startDevServer(found, config);
  throw new TemporalUnavailableError('no server reachable (TEMPORAL_ADDRESS is not set, nothing listens on 127.0.0.1:7233, no `temporal` binary on PATH)');
}
