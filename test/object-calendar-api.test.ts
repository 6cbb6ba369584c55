// Staff mark a monitored object as following the Cabinet's transfers (4.2): on the registration page's checkbox or
// through PUT /api/councils/:councilId/objects/:objectId/calendar; the list names each object's calendar.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { findObjectById } from '../db/objects';
import { createTestDatabase, type TestDatabase } from './support/pg';

const PASSWORD = 'correct horse battery';

describe('the calendar of a monitored object', () => {
  let t: TestDatabase;
  let app: App;
  let councilId: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    app = buildApp({ db: t.db, config: { ...loadConfig({}), dataDir: mkdtempSync(join(tmpdir(), 'jmeg-objcal-')) } });
    await app.ready();
    councilId = await registerCouncil(t.db, { name: { ky: 'Кеңеш', ru: 'Кенеш' }, email: 'k@ayil.kg' }, 'test');
    await createAccount(t.db, { email: 'staff-cal@ayil.kg', password: PASSWORD, role: 'staff', councilId });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'staff-cal@ayil.kg', password: PASSWORD },
    });
    cookie = `jmeg_session=${login.cookies.find((c) => c.name === 'jmeg_session')!.value}`;
    csrf = login.json<{ csrfToken: string }>().csrfToken;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('a supplier registered on the page with the checkbox counts with the transfers; the list says so', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/manage/councils/${councilId}/objects?lang=en`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        kind: 'procurement_supplier',
        nameKy: 'Курулуш ЖЧК',
        nameRu: 'ОсОО Курулуш',
        emails: 'kurulush@ayil.kg',
        followsTransfers: 'yes',
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    const list = await app.inject({ method: 'GET', url: `/api/councils/${councilId}/objects`, headers: { cookie } });
    expect(list.json<{ objects: unknown[] }>().objects).toEqual([
      expect.objectContaining({ kind: 'procurement_supplier', followsTransfers: true, calendarKind: 'with-transfers' }),
    ]);
    const page = await app.inject({
      method: 'GET',
      url: `/manage/councils/${councilId}/objects?lang=en`,
      headers: { cookie },
    });
    expect(page.body).toContain('working-day calendar with the Cabinet');
  });

  it('PUT .../calendar unmarks it: the Labour Code calendar; an unknown object is a 404; a bad body a 400', async () => {
    const list = await app.inject({ method: 'GET', url: `/api/councils/${councilId}/objects`, headers: { cookie } });
    const id = list.json<{ objects: { id: string }[] }>().objects[0]!.id;
    const put = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/objects/${id}/calendar`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { followsTransfers: false },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ followsTransfers: false, calendarKind: 'labour-code' });
    expect((await findObjectById(t.db, id))!.calendarKind).toBe('labour-code');
    const missing = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/objects/nobody/calendar`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { followsTransfers: true },
    });
    expect(missing.statusCode).toBe(404);
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/councils/${councilId}/objects/${id}/calendar`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { followsTransfers: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { field: string } }>().error.field).toBe('followsTransfers');
  });
});
