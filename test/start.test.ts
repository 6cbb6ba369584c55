import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, NO_TEMPORAL, startJmeg, stopJmeg, type Started } from './support/start-process';
import { devServerBinary, requireServer } from './support/temporal-servers';
import { addDays, bishkekDateOf } from '../domain/dates';
import { canConnect, LOCAL_TEMPORAL_PORT, TEMPORAL_FIX } from '../worker/obtain-temporal';

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('`jmeg start` without a Temporal server serves the API from the database and keeps running', () => {
  let dataDir: string;
  let run: Started;
  let url: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-start-'));
    run = startJmeg({ JMEG_DATA_DIR: dataDir, PORT: '0', TEMPORAL_ADDRESS: NO_TEMPORAL });
    url = (await run.line(/^API: (http:\/\/127\.0\.0\.1:\d+) \(docs: \/docs\)$/m))[1]!;
    await run.line(/^Temporal: .*$/m, 'stderr');
  }, 180_000);
  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints where data and mail go, then the API on the real port (PORT=0)', () => {
    expect(lines(run.stdout())).toEqual([
      `Starting jmeg: data directory ${dataDir}, opening the database…`,
      `Data: PGlite ${dataDir}/pglite (data directory ${dataDir})`,
      `Mail: .eml files in ${dataDir}/outbox, from jmeg@localhost`,
      expect.stringMatching(/^API: http:\/\/127\.0\.0\.1:[1-9]\d* \(docs: \/docs\)$/),
      // No account and no JMEG_ADMIN_*: the one-time setup link (test/start-setup.test.ts follows it).
      expect.stringMatching(
        /^Setup: no account yet; open http:\/\/127\.0\.0\.1:[1-9]\d*\/setup\?token=[\w-]{43} to create the first staff account \(works once, until this process stops\)$/,
      ),
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
    expect(((await response.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty(
      '/api/calendar/{year}',
    );
  });

  it('stops on SIGTERM with exit code 0, and the port is closed', async () => {
    expect(await stopJmeg(run)).toBe(0);
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
    expect(errors).toEqual([
      `PORT ${port} is in use: set PORT=another port (e.g. PORT=${port + 1}) or stop what listens on 127.0.0.1:${port}`,
    ]);
    expect(run.stdout()).not.toContain('API: ');
  }, 180_000);
});

const devServer = devServerBinary();

describe.skipIf(!requireServer(devServer, '`jmeg start` on the dev server'))(
  '`jmeg start` with the Temporal CLI runs the whole product on a local dev server',
  () => {
    const binary = devServer.available ? devServer.path : '';
    let dataDir: string;
    let run: Started;
    let api: string;
    let cookie = '';
    let csrf = '';
    beforeAll(async () => {
      if (await canConnect('127.0.0.1', LOCAL_TEMPORAL_PORT))
        throw new Error(
          `something already listens on 127.0.0.1:${LOCAL_TEMPORAL_PORT}: this test starts the dev server there`,
        );
      dataDir = await mkdtemp(path.join(tmpdir(), 'jmeg-start-dev-'));
      run = startJmeg({ JMEG_DATA_DIR: dataDir, PORT: '0', TEMPORAL_BINARY: binary });
      api = (await run.line(/^API: (http:\/\/127\.0\.0\.1:\d+) \(docs: \/docs\)$/m))[1]!;
      await run.line(/^Worker: running /m);
    }, 300_000);
    afterAll(async () => {
      if (run) await stopJmeg(run);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }, 180_000);

    async function call<T = Record<string, unknown>>(
      method: 'GET' | 'POST',
      route: string,
      body?: unknown,
    ): Promise<{ status: number; json: T }> {
      const headers: Record<string, string> = { cookie };
      if (method === 'POST') headers['x-csrf-token'] = csrf;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${api}${route}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, json: (text === '' ? null : JSON.parse(text)) as T };
    }

    it('starts the dev server with its history under the data directory and prints its gRPC and Web UI addresses', async () => {
      const out = lines(run.stdout());
      expect(out).toContain(
        `Temporal: local dev server 127.0.0.1:${LOCAL_TEMPORAL_PORT} (${binary}; history in ${dataDir}/temporal.db), namespace default, task queue jmeg`,
      );
      expect(out).toContain('Temporal UI: http://127.0.0.1:8233');
      expect(existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
      const ui = await fetch('http://127.0.0.1:8233/');
      expect(ui.status).toBe(200);
      expect(run.stderr()).not.toMatch(/^Temporal: /m);
    });

    it('setup link, council, executive body, formation, its notice (5.4.1), an act issued and mailed to the .eml outbox', async () => {
      const setup = /^Setup: no account yet; open (\S+\/setup\?token=([\w-]{43})) /m.exec(run.stdout());
      expect(setup).not.toBeNull();
      const created = await fetch(`${api}/setup?lang=en`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          token: setup![2]!,
          email: 'admin@aksuu.kg',
          password: 'the first password',
          passwordAgain: 'the first password',
        }).toString(),
        redirect: 'manual',
      });
      expect(created.status).toBe(303);
      cookie = created.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const session = await call<{ csrfToken: string }>('GET', '/api/session');
      expect(session.status).toBe(200);
      csrf = session.json.csrfToken;

      const council = await call<{ councilId: string }>('POST', '/api/councils', {
        nameKy: 'Ак-Суу айылдык кеңеши',
        nameRu: 'Ак-Суйский айылный кенеш',
        email: 'kenesh@aksuu.kg',
      });
      expect(council.status).toBe(201);
      const councilId = council.json.councilId;
      const body = await call('POST', `/api/councils/${councilId}/objects`, {
        kind: 'executive_body',
        name: { ky: 'Ак-Суу айыл өкмөтү', ru: 'Ак-Суйский айыл окмоту' },
        emails: ['okmot@aksuu.kg'],
      });
      expect(body.status).toBe(201);
      const school = await call<{ id: string }>('POST', `/api/councils/${councilId}/objects`, {
        kind: 'municipal_institution',
        name: { ky: 'Ак-Суу мектеби', ru: 'Ак-Суйская школа' },
        emails: ['mektep@aksuu.kg'],
      });
      expect(school.status).toBe(201);

      const today = bishkekDateOf(Date.now());
      const formation = await call<{ groupId: string }>('POST', `/api/councils/${councilId}/formations`, {
        formedOn: addDays(today, -10),
      });
      expect(formation.status).toBe(201);
      const groupId = formation.json.groupId;
      // The procedure answers its state query once the worker has run its first task.
      await eventually('the formation procedure running', async () =>
        (await call('GET', `/api/groups/${groupId}/formation`)).status === 200 ? true : null,
      );
      const notice = await call('POST', `/api/groups/${groupId}/formation/formation-notice`, {
        publishedOn: today,
        channels: ['website'],
      });
      expect(notice.status).toBe(200);
      const state = await call('GET', `/api/groups/${groupId}/formation`);
      expect(state.json).toMatchObject({ groupId, formationNotice: { publishedOn: today } });

      // 8.1, 5.4.5: a group still forming issues no act (409, before anything else is checked).
      const refused = await call<{ id: string }>('POST', `/api/groups/${groupId}/acts`, { objectId: school.json.id });
      expect(refused.status).toBe(201);
      expect((await call('POST', `/api/acts/${refused.json.id}/issue`)).status).toBe(409);
      // The act is issued by the group of a neighbouring council, created earlier and taken on by staff (its
      // resolution published 20 days ago, its term running), about that council's school.
      const other = await call<{ councilId: string }>('POST', '/api/councils', {
        nameKy: 'Кара-Суу айылдык кеңеши',
        nameRu: 'Кара-Суйский айылный кенеш',
        email: 'kenesh@karasuu.kg',
      });
      expect(other.status).toBe(201);
      const otherId = other.json.councilId;
      for (const [kind, ky, ru, email] of [
        ['executive_body', 'Кара-Суу айыл өкмөтү', 'Кара-Суйский айыл окмоту', 'okmot@karasuu.kg'],
        ['municipal_institution', 'Кара-Суу мектеби', 'Кара-Суйская школа', 'mektep@aksuu.kg'],
      ] as const)
        expect(
          (await call('POST', `/api/councils/${otherId}/objects`, { kind, name: { ky, ru }, emails: [email] })).status,
        ).toBe(201);
      const objects = await call<{ objects: { id: string; kind: string }[] }>(
        'GET',
        `/api/councils/${otherId}/objects`,
      );
      const otherSchool = objects.json.objects.find((o) => o.kind === 'municipal_institution')!;
      const adopted = await call<{ groupId: string }>('POST', `/api/councils/${otherId}/groups/adopt`, {
        decisionNumber: '7/2',
        decidedOn: addDays(today, -30),
        publishedOn: addDays(today, -20),
        chair: 'Абдыкадыров Тилек Эсенович',
        csv: await readFile(path.join(import.meta.dirname, 'fixtures', 'roster', 'valid-13.csv'), 'utf8'),
      });
      expect(adopted.status, JSON.stringify(adopted.json)).toBe(201);
      const actsGroupId = adopted.json.groupId;
      const draft = await call<{ id: string; missing: unknown[] }>('POST', `/api/groups/${actsGroupId}/acts`, {
        objectId: otherSchool.id,
        title: 'Суу боюнча акт',
        content: {
          purpose: 'Ичүүчү суунун сапатын баалоо',
          subject: 'Ичүүчү суу менен камсыздоо программасы',
          place: 'Ак-Суу айылы',
          periodStart: addDays(today, -10),
          periodEnd: today,
          findings: [{ kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' }],
          recommendations: ['Суу берүү графигин жарыялоо'],
          annexes: [{ title: 'Сүрөт', kind: 'photo' }],
        },
      });
      expect(draft.status).toBe(201);
      expect(draft.json.missing).toEqual([]);
      const actId = draft.json.id;
      const issued = await call('POST', `/api/acts/${actId}/issue`);
      expect(issued.status).toBe(200);
      expect(issued.json).toMatchObject({ delivery: 'started', act: { status: 'issued', issuedOn: today } });

      // The act's procedure runs on the dev server: its delivery activity writes the mail to the outbox.
      const outbox = path.join(dataDir, 'outbox');
      const mail = await eventually('the act mail in the outbox', async () => {
        const names = existsSync(outbox) ? await readdir(outbox) : [];
        return names.find((name) => name.startsWith(`act_${actId}_delivery`) && name.endsWith('.eml')) ?? null;
      });
      const parsed = await simpleParser(await readFile(path.join(outbox, mail)));
      expect(parsed.to).toMatchObject({ text: 'mektep@aksuu.kg' });
      // The mail carries the object's response link; opening it shows the act and records nothing, its "I have
      // received it" button records the receipt (4.3).
      const link = new RegExp(`${api.replace(/[.]/g, '\\.')}(/acts/${actId}/respond\\?t=[\\w.-]+)`).exec(
        parsed.text ?? '',
      )?.[1];
      expect(link, parsed.text).toBeDefined();
      expect((await fetch(`${api}${link!}`)).status).toBe(200);
      const pressed = await fetch(`${api}${link!.replace('/respond?', '/respond/receipt?')}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(pressed.status).toBe(303);
      const received = await eventually('the receipt in the act state', async () => {
        const act = await call<{ receipt?: unknown } | null>('GET', `/api/acts/${actId}/state`);
        return act.json?.receipt ? act.json : null;
      });
      expect(received).toMatchObject({ step: 'awaiting-responses', receipt: { receivedOn: today, via: 'link' } });
    });

    it('stops on SIGTERM with exit code 0, the dev server with it', async () => {
      expect(await stopJmeg(run)).toBe(0);
      expect(lines(run.stdout())).toContain('Worker: stopped');
      expect(await canConnect('127.0.0.1', LOCAL_TEMPORAL_PORT)).toBe(false);
      expect(existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
    });
  },
);
