// The HTTP API on a real Temporal server (the dev server of `npm run temporal:install`, or TEMPORAL_ADDRESS): the
// same engine `npm start` uses (TemporalEngine with a real client), a worker with the real activities, Postgres and
// SMTP. It checks what only a server shows: that a real server's refusal reaches the API as a 409 with the
// workflow's problems, and that the state query and a step go through. Without a server it skips with one line;
// under CI=true it fails.
import { describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { TemporalEngine } from '../procedures/temporal-engine';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { registerObject } from '../db/objects';
import { addDays, bishkekDateOf } from '../domain/dates';
import { detectLiveTemporal, liveWorker, requireLive, useLiveRig } from './support/live-temporal';
import { quietTemporalRuntime } from './support/temporal-servers';

quietTemporalRuntime();
const live = await detectLiveTemporal();
if (live.available) console.log(`live Temporal (API): running against ${live.description}`);

describe.skipIf(!requireLive(live, 'live Temporal (API)'))('the formation API on a live Temporal server', () => {
  const rig = useLiveRig(live);

  it('starts a formation, records a step, refuses it twice with 409 and the problems, and answers 503 once the server is gone', async () => {
    const db = rig.database.db;
    const today = bishkekDateOf(Date.now());
    const councilId = await registerCouncil(
      db,
      { name: { ky: 'Live кеңеш', ru: 'Live кенеш' }, email: 'kenesh@live.kg' },
      'test',
    );
    await registerObject(
      db,
      { councilId, name: { ky: 'Live өкмөт', ru: 'Live окмоту' }, kind: 'executive_body', emails: ['okmot@live.kg'] },
      'test',
    );
    await createAccount(db, { email: 'staff@live.kg', password: 'live staff password', role: 'staff', councilId });
    const { worker, taskQueue, transport } = await liveWorker(rig, 'api-live');
    const engine = new TemporalEngine(taskQueue);
    engine.setClient(rig.env.client);
    const app: App = buildApp({ db, config: loadConfig({}), engine });
    try {
      await worker.runUntil(async () => {
        const login = await app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { email: 'staff@live.kg', password: 'live staff password' },
        });
        const cookie = `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`;
        const headers = { cookie, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken };
        const started = await app.inject({
          method: 'POST',
          url: `/api/councils/${councilId}/formations`,
          headers,
          payload: { formedOn: addDays(today, -10) },
        });
        expect(started.statusCode).toBe(201);
        const { groupId } = started.json<{ groupId: string }>();
        // The state query answers once the worker has run the procedure's first task.
        const until = performance.now() + 120_000;
        while (
          (await app.inject({ method: 'GET', url: `/api/groups/${groupId}/formation`, headers: { cookie } }))
            .statusCode !== 200
        ) {
          if (performance.now() > until)
            throw new Error('the formation procedure did not answer its state query within 120 s');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const notice = { publishedOn: today, channels: ['website'] };
        const first = await app.inject({
          method: 'POST',
          url: `/api/groups/${groupId}/formation/formation-notice`,
          headers,
          payload: notice,
        });
        expect(first.statusCode).toBe(200);
        const again = await app.inject({
          method: 'POST',
          url: `/api/groups/${groupId}/formation/formation-notice?lang=ru`,
          headers,
          payload: notice,
        });
        expect(again.statusCode).toBe(409);
        expect(again.json<{ error: { problems: { rule: string }[] } }>().error.problems.map((p) => p.rule)).toContain(
          'already-published',
        );
        const state = await app.inject({ method: 'GET', url: `/api/groups/${groupId}/formation`, headers: { cookie } });
        expect(state.json()).toMatchObject({ groupId, formationNotice: { publishedOn: today } });
        engine.setClient(null);
        const down = await app.inject({
          method: 'POST',
          url: `/api/groups/${groupId}/formation/formation-notice`,
          headers,
          payload: notice,
        });
        expect(down.statusCode).toBe(503);
      });
    } finally {
      transport.close();
      await app.close();
    }
  }, 300_000);
});
