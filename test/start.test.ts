import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TEMPORAL, startJmeg, waitFor, type Started } from './support/start-process';
import { TEMPORAL_FIX } from '../worker/obtain-temporal';



const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('`jmeg start` without a Temporal server serves the API from the database and keeps running', () => {
  let dataDir: string;
  let run: Started;
  let url: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-start-'));
    run = startJmeg({ JMEG_DATA_DIR: dataDir, PORT: '0', TEMPORAL_ADDRESS: NO_TEMPORAL });
    url = await waitFor('the API line', () => /^API: (http:\/\/127\.0\.0\.1:\d+) \(docs: \/docs\)$/m.exec(run.stdout())?.[1] ?? null, 30_000);
    await waitFor('the Temporal line', () => (run.stderr().includes('Temporal: ') ? true : null), 10_000);
  }, 45_000);
  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints where data and mail go, then the API on the real port (PORT=0)', () => {
    expect(lines(run.stdout())).toEqual([
      `Data: PGlite ${dataDir}/pglite (data directory ${dataDir})`,
      `Mail: .eml files in ${dataDir}/outbox, from jmeg@localhost`,
      expect.stringMatching(/^API: http:\/\/127\.0\.0\.1:[1-9]\d* \(docs: \/docs\)$/),
      // No account and no JMEG_ADMIN_*: the one-time setup link (test/start-setup.test.ts follows it).
      expect.stringMatching(/^Setup: no account yet; open http:\/\/127\.0\.0\.1:[1-9]\d*\/setup\?token=[\w-]{43} to create the first staff account \(works once, until this process stops\)$/),
    ]);
  });

  it('says once, in one line with the fix, that Temporal is missing and the API keeps serving reads', () => {
    const errors = lines(run.stderr()).filter((line) => !line.startsWith('npm warn'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^Temporal: no server reachable at ${NO_TEMPORAL}\\. `));
    expect(errors[0]).toContain(TEMPORAL_FIX);
    expect(errors[0]).toContain('the API keeps serving reads; retrying every 30 s');
  });

  it('answers a read from the database: GET /api/calendar/2026 is 200 with JSON', async () => {
    const response = await fetch(`${url}/api/calendar/2026`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ year: 2026 });
  });

  it('serves the OpenAPI docs at /docs', async () => {
    const response = await fetch(`${url}/docs/json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/calendar/{year}');
  });

  it('stops on SIGTERM with exit code 0 within a few seconds, and the port is closed', async () => {
    const started = performance.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    await expect(fetch(`${url}/api/calendar/2026`)).rejects.toThrow();
  });
});

describe('`jmeg start` on a port already in use says so in one line and exits 1', () => {
  let dataDir: string;
  let busy: Server;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-start-busy-'));
    busy = await new Promise<Server>((resolve) => {
      const server = createServer(() => undefined);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  });
  afterAll(async () => {
    busy.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('PORT taken by another process', async () => {
    const { port } = busy.address() as AddressInfo;
    const run = startJmeg({ JMEG_DATA_DIR: dataDir, PORT: String(port), TEMPORAL_ADDRESS: NO_TEMPORAL });
    expect(await run.exited).toBe(1);
    const errors = lines(run.stderr()).filter((line) => !line.startsWith('npm warn'));
    expect(errors).toEqual([`PORT ${port} is in use: set PORT=another port (e.g. PORT=${port + 1}) or stop what listens on 127.0.0.1:${port}`]);
    expect(run.stdout()).not.toContain('API: ');
  }, 30_000);
});
