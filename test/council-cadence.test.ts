// A council's reading of 7.2.2 on real Postgres: the literal one ("not more than once a quarter") until staff choose,
// chosen over JSON and on the page, restored by replaying its event (council.cadence-reading-set) through the projections,
// read by the term procedure through councilCadenceReading; a reading that is neither is refused naming `reading`,
// with nothing written; a deputy may read it but not change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { councilCadenceReading, registerCouncil } from '../db/councils';
import { readStream } from '../db/event-store';
import { streams } from '../db/events';
import { project } from '../db/projections';
import { createAccounts } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let app: App;
let councilId: string;
const PASSWORD = 'cadence test password';
const NOW = Date.parse('2026-12-07T04:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' } },
    'test',
  );
  await createAccounts(t.db, PASSWORD, [
    ['staff@kenesh.kg', 'staff', { councilId }],
    ['deputy@kenesh.kg', 'deputy', { councilId }],
  ]);
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function login(email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session');
  return { cookie: `jmeg_session=${cookie?.value ?? ''}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

const events = async () =>
  Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('type', '=', 'council.cadence-reading-set')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("a council's reading of 7.2.2", () => {
  it('is the literal reading until the council chooses', async () => {
    expect(await councilCadenceReading(t.db, councilId)).toBe('at-most-once-per-quarter');
    const deputy = await login('deputy@kenesh.kg');
    const res = await app.inject({
      method: 'GET',
      url: `/api/councils/${councilId}/cadence-reading?lang=en`,
      headers: { cookie: deputy.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reading: 'at-most-once-per-quarter', clause: '7.2.2' });
    expect(res.json<{ text: { en: string } }>().text.en).toBe(
      'at most once a quarter (the literal Kyrgyz text of 7.2.2)',
    );
  });

  it('refuses a reading that is neither, naming the field, and writes nothing', async () => {
    const staff = await login('staff@kenesh.kg');
    const res = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/cadence-reading?lang=ru`,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      payload: { reading: 'twice-a-year' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { field: string } }>().error.field).toBe('reading');
    const page = await app.inject({
      method: 'POST',
      url: `/manage/councils/${councilId}/cadence?lang=ru`,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: staff.csrf, reading: 'twice-a-year' }).toString(),
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Выберите одно из двух прочтений (7.2.2).');
    expect(await events()).toBe(0);
  });

  it('a deputy may not change it', async () => {
    const deputy = await login('deputy@kenesh.kg');
    const res = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/cadence-reading`,
      headers: { cookie: deputy.cookie, 'x-csrf-token': deputy.csrf },
      payload: { reading: 'at-least-once-per-quarter' },
    });
    expect(res.statusCode).toBe(403);
    expect(await events()).toBe(0);
  });

  it('staff choose "at least once" on the page; choosing it again records nothing', async () => {
    const staff = await login('staff@kenesh.kg');
    const form = (reading: string) =>
      app.inject({
        method: 'POST',
        url: `/manage/councils/${councilId}/cadence?lang=ky`,
        headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: staff.csrf, reading }).toString(),
      });
    const res = await form('at-least-once-per-quarter');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/manage/councils/${councilId}/cadence?lang=ky&done=saved`);
    expect(await councilCadenceReading(t.db, councilId)).toBe('at-least-once-per-quarter');
    expect((await form('at-least-once-per-quarter')).statusCode).toBe(303);
    expect(await events()).toBe(1);
    const page = await app.inject({
      method: 'GET',
      url: `/manage/councils/${councilId}/cadence?lang=ky&done=saved`,
      headers: { cookie: staff.cookie },
    });
    expect(page.body).toContain('Азыр: кварталда кеминде бир жолу (текстин болжолдуу максаты)');
  });

  it("is an event: replaying the council's stream through the projections restores it", async () => {
    // The council's own stream (not a full rebuild, which truncates tables other features' rows refer to).
    await t.db.updateTable('councils').set({ cadence_reading: 'at-most-once-per-quarter' }).execute();
    expect(await councilCadenceReading(t.db, councilId)).toBe('at-most-once-per-quarter');
    const stored = await readStream(t.db, streams.council(councilId));
    expect(stored.map((e) => e.type)).toEqual(['council.registered', 'council.cadence-reading-set']);
    await t.db.transaction().execute(async (trx) => {
      for (const e of stored) if (e.type !== 'council.registered') await project(trx, e);
    });
    expect(await councilCadenceReading(t.db, councilId)).toBe('at-least-once-per-quarter');
  });

  it('back to the literal reading over JSON', async () => {
    const staff = await login('staff@kenesh.kg');
    const res = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/cadence-reading`,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      payload: { reading: 'at-most-once-per-quarter' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reading: 'at-most-once-per-quarter', changed: true });
    expect(await councilCadenceReading(t.db, councilId)).toBe('at-most-once-per-quarter');
  });
});
