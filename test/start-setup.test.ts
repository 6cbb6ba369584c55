// `npm start` on a fresh data directory (no account, no JMEG_ADMIN_*): one line with the one-time setup link, a new
// link at each start while no account exists, none once the link has made the first account. The real command,
// spawned like test/start.test.ts does, on embedded PGlite, with no Temporal server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TEMPORAL, startJmeg, stopJmeg, type Started } from './support/start-process';

const SETUP_LINE =
  /^Setup: no account yet; open (http:\/\/127\.0\.0\.1:(\d+)\/setup\?token=([\w-]{43})) to create the first staff account \(works once, until this process stops\)$/m;

/** Starts, waits until the API is up and the Temporal line came (the setup line, if any, comes between them). */
async function startAndSettle(env: Record<string, string>): Promise<{ run: Started; api: string }> {
  const run = startJmeg(env);
  const api = (await run.line(/^API: (http:\/\/127\.0\.0\.1:\d+) \(docs: \/docs\)$/m))[1]!;
  await run.line(/^Temporal: /m, 'stderr');
  return { run, api };
}

async function stop(run: Started): Promise<void> {
  expect(await stopJmeg(run)).toBe(0);
}

const setupLines = (text: string) => text.split('\n').filter((line) => line.startsWith('Setup:'));

describe('`jmeg start` with no account and no JMEG_ADMIN_*', () => {
  let dataDir: string;
  const running: Started[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-start-setup-'));
  });
  afterAll(async () => {
    for (const run of running) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints one setup line after the API line; a new link at the next start; none once the first account exists', async () => {
    const env = { JMEG_DATA_DIR: dataDir, PORT: '0', TEMPORAL_ADDRESS: NO_TEMPORAL };

    const first = await startAndSettle(env);
    running.push(first.run);
    expect(setupLines(first.run.stdout())).toHaveLength(1);
    const [, link1, port1, token1] = SETUP_LINE.exec(first.run.stdout()) ?? [];
    expect(link1).toBeDefined();
    expect(first.api).toBe(`http://127.0.0.1:${port1}`);
    const lines = first.run.stdout().split('\n');
    expect(lines.findIndex((l) => l.startsWith('Setup:'))).toBe(lines.findIndex((l) => l.startsWith('API:')) + 1);
    // The token is in this process only: the link works while it runs...
    expect((await fetch(link1!)).status).toBe(200);
    await stop(first.run);

    const second = await startAndSettle(env);
    running.push(second.run);
    const [, link2, , token2] = SETUP_LINE.exec(second.run.stdout()) ?? [];
    expect(token2).toMatch(/^[\w-]{43}$/);
    expect(token2).not.toBe(token1);
    // ...and not in another one.
    expect((await fetch(`${second.api}/setup?token=${token1}`)).status).toBe(404);
    const form = await fetch(link2!);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`name="token" value="${token2}"`);
    const created = await fetch(`${second.api}/setup?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: token2!,
        email: 'admin@kenesh.kg',
        password: 'the first password',
        passwordAgain: 'the first password',
      }).toString(),
      redirect: 'manual',
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/manage?lang=en');
    expect((await fetch(link2!)).status).toBe(410);
    const login = await fetch(`${second.api}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kenesh.kg', password: 'the first password' }),
    });
    expect(login.status).toBe(200);
    await stop(second.run);

    const third = await startAndSettle(env);
    running.push(third.run);
    expect(setupLines(third.run.stdout())).toEqual([]);
    // The used link after a restart: an account exists, and the page says so and links to the login.
    const used = await fetch(`${third.api}/setup?token=${token2}&lang=en`);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('This setup link has been used: an account exists. Please log in.');
    await stop(third.run);
  }, 600_000);
});

describe('`jmeg start` with JMEG_ADMIN_EMAIL and JMEG_ADMIN_PASSWORD', () => {
  let dataDir: string;
  let run: Started | null = null;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-start-admin-'));
  });
  afterAll(async () => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints no setup link and the configured account logs in', async () => {
    const started = await startAndSettle({
      JMEG_DATA_DIR: dataDir,
      PORT: '0',
      TEMPORAL_ADDRESS: NO_TEMPORAL,
      JMEG_ADMIN_EMAIL: 'admin@kenesh.kg',
      JMEG_ADMIN_PASSWORD: 'a long first password',
    });
    run = started.run;
    expect(setupLines(run.stdout())).toEqual([]);
    const login = await fetch(`${started.api}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kenesh.kg', password: 'a long first password' }),
    });
    expect(login.status).toBe(200);
    await stop(run);
  }, 300_000);
});
