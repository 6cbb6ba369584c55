import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflowCode } from '@temporalio/worker';
import { buildTransport } from '../activities/mail/build-transport';
import { loadConfig } from '../config/config';
import { canConnect, findTemporalBinary, LOCAL_TEMPORAL_PORT, obtainTemporal, parseAddress, TEMPORAL_FIX } from '../worker/obtain-temporal';
import { createWorker, WORKFLOWS_PATH } from '../worker/run-worker';
import { createTestDatabase, type TestDatabase } from './support/pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
/** Only node's own directory: no `temporal` binary can be found on it. */
const NODE_ONLY_PATH = path.dirname(process.execPath);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function jmeg(args: string[], env: Record<string, string>): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, 'cli/main.ts', ...args], { cwd: ROOT, env: { PATH: NODE_ONLY_PATH, HOME: tmpdir(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

function listenOn(handler: (socket: import('node:net').Socket) => void): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function closedPort(): Promise<number> {
  const server = await listenOn(() => undefined);
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Exactly one line, carrying the fix, and no stack trace. */
function expectOneLineWithFix(run: Run): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]!.startsWith('Temporal: ')).toBe(true);
  expect(lines[0]!.endsWith(TEMPORAL_FIX)).toBe(true);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('without a Temporal server, `jmeg worker` says so in one line with the fix and exits 1 within seconds', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-worker-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('TEMPORAL_ADDRESS pointing at a closed port', async () => {
    const port = await closedPort();
    const run = await jmeg(['worker'], { JMEG_DATA_DIR: dataDir, TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expectOneLineWithFix(run);
    expect(run.stderr).toContain(`no server reachable at 127.0.0.1:${port}`);
    expect(run.stdout).toBe('');
    expect(run.ms).toBeLessThan(10_000);
  });

  it('TEMPORAL_ADDRESS pointing at something that is not Temporal', async () => {
    const impostor = await listenOn((socket) => socket.end());
    const { port } = impostor.address() as AddressInfo;
    try {
      const run = await jmeg(['worker'], { JMEG_DATA_DIR: dataDir, TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
      expectOneLineWithFix(run);
      expect(run.stderr).toContain(`127.0.0.1:${port} accepts connections but is not a Temporal frontend`);
      expect(run.ms).toBeLessThan(15_000);
    } finally {
      impostor.close();
    }
  });

  it('TEMPORAL_ADDRESS unset and no `temporal` binary on PATH', async (ctx) => {
    if (await canConnect('127.0.0.1', LOCAL_TEMPORAL_PORT)) ctx.skip(`something listens on 127.0.0.1:${LOCAL_TEMPORAL_PORT}; the no-server path cannot be shown here`);
    const run = await jmeg(['worker'], { JMEG_DATA_DIR: dataDir });
    expectOneLineWithFix(run);
    expect(run.stderr).toContain('TEMPORAL_ADDRESS is not set, nothing listens on 127.0.0.1:7233, no `temporal` binary on PATH');
    expect(run.ms).toBeLessThan(10_000);
  });

  it('TEMPORAL_BINARY naming a file that does not exist', async (ctx) => {
    if (await canConnect('127.0.0.1', LOCAL_TEMPORAL_PORT)) ctx.skip(`something listens on 127.0.0.1:${LOCAL_TEMPORAL_PORT}`);
    const run = await jmeg(['worker'], { JMEG_DATA_DIR: dataDir, TEMPORAL_BINARY: '/nonexistent/temporal' });
    expectOneLineWithFix(run);
    expect(run.stderr).toContain('TEMPORAL_BINARY /nonexistent/temporal is not an executable file');
  });
});

describe('without a Temporal server, `jmeg start` migrates the database, says where data and mail go, and keeps serving the API', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('leaves a migrated database behind, prints one line per destination, and stops on SIGTERM with exit 0', async () => {
    const port = await closedPort();
    const child = spawn(process.execPath, [TSX, 'cli/main.ts', 'start'], {
      cwd: ROOT,
      env: { PATH: NODE_ONLY_PATH, HOME: tmpdir(), DATABASE_URL: database.url, TEMPORAL_ADDRESS: `127.0.0.1:${port}`, JMEG_DATA_DIR: '/tmp/jmeg-start-test', PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const until = performance.now() + 30_000;
      while (!stderr.includes('Temporal: ') && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(child.exitCode).toBeNull();
      const errors = stderr.split('\n').filter((line) => line.trim() !== '');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`Temporal: no server reachable at 127.0.0.1:${port}. ${TEMPORAL_FIX}`);
      expect(errors[0]).toContain('the API keeps serving reads');
      expect(stdout.split('\n').filter(Boolean)).toEqual([
        `Data: Postgres 127.0.0.1:5432/${database.name} (data directory /tmp/jmeg-start-test)`,
        'Mail: .eml files in /tmp/jmeg-start-test/outbox, from jmeg@localhost',
        expect.stringMatching(/^API: http:\/\/127\.0\.0\.1:\d+ \(docs: \/docs\)$/),
        expect.stringMatching(/^Setup: no account yet; open http:\/\/127\.0\.0\.1:\d+\/setup\?token=[\w-]{43} /),
      ]);
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'mail_outbox'`.execute(database.db);
      expect(tables.rows[0]?.n).toBe(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 45_000);
});

describe('finding a Temporal server', () => {
  it.each([
    ['temporal:7233', { host: 'temporal', port: 7233 }],
    ['127.0.0.1:17233', { host: '127.0.0.1', port: 17233 }],
    ['[::1]:7233', { host: '::1', port: 7233 }],
    ['temporal', { host: 'temporal', port: 7233 }],
  ])('TEMPORAL_ADDRESS %s is host and port %o', (address, expected) => {
    expect(parseAddress(address)).toEqual(expected);
  });

  it('finds an executable `temporal` on the search path, and nothing when there is none', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jmeg-bin-'));
    try {
      await mkdir(path.join(dir, 'bin'));
      const binary = path.join(dir, 'bin', 'temporal');
      await writeFile(binary, '#!/bin/sh\n');
      expect(findTemporalBinary([NODE_ONLY_PATH, path.join(dir, 'bin')].join(path.delimiter))).toBeNull();
      await chmod(binary, 0o755);
      expect(findTemporalBinary([NODE_ONLY_PATH, path.join(dir, 'bin')].join(path.delimiter))).toBe(binary);
      expect(findTemporalBinary(undefined)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('tells an open port from a closed one', async () => {
    const open = await listenOn((socket) => socket.end());
    try {
      expect(await canConnect('127.0.0.1', (open.address() as AddressInfo).port)).toBe(true);
      expect(await canConnect('127.0.0.1', await closedPort())).toBe(false);
    } finally {
      open.close();
    }
  });
});

describe('the worker', () => {
  it('bundles the workflows of workflows/index.ts', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
    expect(WORKFLOWS_PATH).toBe(path.join(ROOT, 'workflows/index.ts'));
    expect(bundle.code).toContain('obligationWorkflow');
  });

  it('polls a real Temporal server and stops cleanly, when one is reachable', async (ctx) => {
    const config = loadConfig();
    const address = config.temporalAddress ?? `127.0.0.1:${LOCAL_TEMPORAL_PORT}`;
    const { host, port } = parseAddress(address);
    if (!(await canConnect(host, port))) ctx.skip(`no Temporal server at ${address} (set TEMPORAL_ADDRESS to run this)`);
    const temporal = await obtainTemporal({ ...config, temporalAddress: address }, undefined);
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-worker-'));
    const transport = buildTransport({ smtpUrl: null, dataDir, mailFrom: config.mailFrom });
    try {
      const worker = await createWorker({ config: { ...config, temporalTaskQueue: `jmeg-test-${database.name}` }, temporal, db: database.db, transport });
      await worker.runUntil(() => new Promise((resolve) => setTimeout(resolve, 500)));
      expect(worker.getState()).toBe('STOPPED');
    } finally {
      transport.close();
      await temporal.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

const silent = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
