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
import {
  canConnect,
  findTemporalBinary,
  installTemporalInBackground,
  locateInstalledTemporal,
  obtainTemporal,
  parseAddress,
  TEMPORAL_FIX,
  TemporalUnavailableError,
} from '../worker/obtain-temporal';
import { createWorker, WORKFLOWS_PATH } from '../worker/run-worker';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { devServerBinary, requireServer } from './support/temporal-servers';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
/** Only node's own directory: no `temporal` binary can be found on it. */
const NODE_ONLY_PATH = path.dirname(process.execPath);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function jmeg(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, 'cli/main.ts', ...args], {
      cwd: ROOT,
      env: { PATH: NODE_ONLY_PATH, HOME: tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
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

describe('without a Temporal server, `jmeg worker` says so in one line with the fix and exits 1', () => {
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
  });

  it('TEMPORAL_ADDRESS pointing at something that is not Temporal', async () => {
    const impostor = await listenOn((socket) => socket.end());
    const { port } = impostor.address() as AddressInfo;
    try {
      const run = await jmeg(['worker'], { JMEG_DATA_DIR: dataDir, TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
      expectOneLineWithFix(run);
      expect(run.stderr).toContain(`127.0.0.1:${port} accepts connections but is not a Temporal frontend`);
    } finally {
      impostor.close();
    }
  });
});

/** A dev server's ports nothing listens on, so that no server found on this machine stands in for one. */
async function freeLocal(): Promise<{ port: number; uiPort: number }> {
  return { port: await closedPort(), uiPort: await closedPort() };
}

/** An executable `temporal` that exits at once: starting a dev server with it fails, naming it. */
async function fakeTemporal(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'temporal');
  await writeFile(file, '#!/bin/sh\nexit 3\n');
  await chmod(file, 0o755);
  return file;
}

describe('where the dev server comes from: TEMPORAL_BINARY, the build of `npm run temporal:install`, PATH, the SDK download', () => {
  let dir: string;
  const config = (temporalBinary: string | null) => ({
    ...loadConfig({}),
    dataDir: path.join(dir, 'data'),
    temporalBinary,
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable('a dev server started'),
      (error: unknown) => {
        expect(error).toBeInstanceOf(TemporalUnavailableError);
        const message = (error as Error).message;
        expect(message.split('\n')).toHaveLength(1);
        expect(message.endsWith(TEMPORAL_FIX)).toBe(true);
        return message;
      },
    );
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jmeg-find-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('`scripts/temporal-install.sh --locate` names the cached build, and nothing for an empty cache', async () => {
    const cache = path.join(dir, 'cache');
    expect(await locateInstalledTemporal({ PATH: process.env.PATH, JMEG_TEMPORAL_CACHE: cache })).toBeNull();
    const built = await fakeTemporal(path.join(cache, 'cli-1.5.1'));
    expect(await locateInstalledTemporal({ PATH: process.env.PATH, JMEG_TEMPORAL_CACHE: cache })).toBe(built);
  });

  it('TEMPORAL_BINARY first, then the installed build, then PATH', async () => {
    const fromEnv = await fakeTemporal(path.join(dir, 'env'));
    const installed = await fakeTemporal(path.join(dir, 'installed'));
    const onPath = await fakeTemporal(path.join(dir, 'path'));
    const options = {
      local: await freeLocal(),
      locateInstalled: () => Promise.resolve(installed),
      downloadTimeoutMs: 0,
    };
    expect(await failure(obtainTemporal(config(fromEnv), path.dirname(onPath), options))).toContain(
      `could not start a dev server with ${fromEnv} `,
    );
    expect(await failure(obtainTemporal(config(null), path.dirname(onPath), options))).toContain(
      `could not start a dev server with ${installed} `,
    );
    const notInstalled = { ...options, locateInstalled: () => Promise.resolve(null) };
    expect(await failure(obtainTemporal(config(null), path.dirname(onPath), notInstalled))).toContain(
      `could not start a dev server with ${onPath} `,
    );
  });

  it("no server and Go at hand: `npm start` builds the dev server with the project's install script in the background, logging to the data directory", async () => {
    const cache = path.join(dir, 'auto-cache');
    const goDir = path.join(dir, 'go-bin');
    await mkdir(goDir, { recursive: true });
    // A stand-in for the Go toolchain: `go install` puts a `temporal` where GOBIN says, as the real one does.
    await writeFile(
      path.join(goDir, 'go'),
      '#!/bin/sh\nprintf \'#!/bin/sh\\necho temporal\\n\' > "$GOBIN/temporal" && chmod +x "$GOBIN/temporal"\n',
    );
    await chmod(path.join(goDir, 'go'), 0o755);
    const env = { ...process.env, JMEG_TEMPORAL_CACHE: cache };
    expect(installTemporalInBackground(config(null), NODE_ONLY_PATH, env)).toBeNull();
    const install = installTemporalInBackground(config(null), [goDir, NODE_ONLY_PATH].join(path.delimiter), env);
    expect(install?.log).toBe(path.join(dir, 'data', 'temporal-install.log'));
    expect(await install!.done).toBe(true);
    expect(await locateInstalledTemporal(env)).toBe(path.join(cache, 'cli-1.5.1', 'temporal'));
  }, 180_000);

  it('TEMPORAL_BINARY naming a file that does not exist', async () => {
    const message = await failure(
      obtainTemporal(config('/nonexistent/temporal'), NODE_ONLY_PATH, {
        local: await freeLocal(),
        downloadTimeoutMs: 0,
      }),
    );
    expect(message).toContain('TEMPORAL_BINARY /nonexistent/temporal is not an executable file');
  });

  it('no binary anywhere: the SDK download is tried within its time limit, then one line says `npm run temporal:install`', async () => {
    const local = await freeLocal();
    let found: Awaited<ReturnType<typeof obtainTemporal>> | null = null;
    try {
      found = await obtainTemporal(config(null), NODE_ONLY_PATH, {
        local,
        locateInstalled: () => Promise.resolve(null),
      });
    } catch (error) {
      expect(error).toBeInstanceOf(TemporalUnavailableError);
      const message = (error as Error).message;
      expect(message).toContain(
        `no server reachable (TEMPORAL_ADDRESS is not set, nothing listens on 127.0.0.1:${local.port}, no \`temporal\` binary`,
      );
      expect(message).toContain("the SDK's download of one failed: ");
      expect(message).toContain('`npm run temporal:install` builds it');
      expect(message).not.toMatch(/https?:\/\//);
      expect(message.endsWith(TEMPORAL_FIX)).toBe(true);
    }
    // Where a download site is reachable, the SDK's own dev server is what is found.
    if (found !== null) {
      expect(found.uiUrl).toBe(`http://127.0.0.1:${local.uiPort}`);
      await found.close();
    }
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
      env: {
        PATH: NODE_ONLY_PATH,
        HOME: tmpdir(),
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
        JMEG_DATA_DIR: '/tmp/jmeg-start-test',
        PORT: '0',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no Temporal line within 120 s:\n${stdout}\n${stderr}`)),
          120_000,
        );
        const check = () => {
          if (stderr.includes('Temporal: ')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stderr.on('data', check);
        child.on('close', () => reject(new Error(`exited before the Temporal line:\n${stdout}\n${stderr}`)));
        check();
      });
      expect(child.exitCode).toBeNull();
      const errors = stderr.split('\n').filter((line) => line.trim() !== '');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`Temporal: no server reachable at 127.0.0.1:${port}. ${TEMPORAL_FIX}`);
      expect(errors[0]).toContain('the API keeps serving reads');
      expect(stdout.split('\n').filter(Boolean)).toEqual([
        'Starting jmeg: data directory /tmp/jmeg-start-test, opening the database…',
        `Data: Postgres 127.0.0.1:5432/${database.name} (data directory /tmp/jmeg-start-test)`,
        'Mail: .eml files in /tmp/jmeg-start-test/outbox, from jmeg@localhost',
        expect.stringMatching(/^API: http:\/\/127\.0\.0\.1:\d+ \(docs: \/docs\)$/),
        expect.stringMatching(/^Setup: no account yet; open http:\/\/127\.0\.0\.1:\d+\/setup\?token=[\w-]{43} /),
      ]);
      const tables = await sql<{
        n: number;
      }>`select count(*)::int as n from information_schema.tables where table_name = 'mail_outbox'`.execute(
        database.db,
      );
      expect(tables.rows[0]?.n).toBe(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
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
    expect(bundle.code).toContain('formationWorkflow');
    expect(bundle.code).toContain('actWorkflow');
  });
});

const devServer = devServerBinary();

describe.skipIf(!requireServer(devServer, 'the worker on a dev server'))(
  'the worker on a dev server started by obtainTemporal',
  () => {
    it('starts the dev server from TEMPORAL_BINARY with its history in the data directory and its Web UI, polls it and stops cleanly', async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-worker-dev-'));
      const local = await freeLocal();
      const config = { ...loadConfig({}), dataDir, temporalBinary: devServer.available ? devServer.path : null };
      const temporal = await obtainTemporal(config, NODE_ONLY_PATH, { local });
      const database = await createTestDatabase();
      const transport = buildTransport({ smtpUrl: null, dataDir, mailFrom: config.mailFrom });
      try {
        expect(temporal.address).toBe(`127.0.0.1:${local.port}`);
        expect(temporal.uiUrl).toBe(`http://127.0.0.1:${local.uiPort}`);
        expect(temporal.description).toContain(`history in ${dataDir}/temporal.db`);
        expect((await fetch(temporal.uiUrl!)).status).toBe(200);
        const worker = await createWorker({
          config: { ...config, temporalTaskQueue: `jmeg-test-${database.name}` },
          temporal,
          db: database.db,
          transport,
        });
        await worker.runUntil(() => {
          expect(worker.getState()).toBe('RUNNING');
          return Promise.resolve();
        });
        expect(worker.getState()).toBe('STOPPED');
      } finally {
        transport.close();
        await temporal.close();
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    }, 300_000);
  },
);

const silent = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
