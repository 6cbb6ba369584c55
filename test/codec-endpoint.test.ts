// The Temporal Web UI's remote codec (api/codec/routes.ts): POST /codec/decode and /codec/encode in the UI's protocol
// (`{ payloads: [...] }`, base64 fields), for staff of every council only, with CORS for the configured UI origins and
// the session cookie (the UI sends no CSRF token). Real Postgres; the codec is the tests' key.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app-types';
import { buildApp } from '../api/build-app';
import { loadConfig } from '../config/config';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { EncryptionCodec } from '../security/payload-codec';
import { testPayloadKeys } from './support/payload-test-keys';
import { createTestDatabase, type TestDatabase } from './support/pg';

const PASSWORD = 'correct horse battery';
const UI = 'http://127.0.0.1:8233';
const codec = new EncryptionCodec(testPayloadKeys);
const CANDIDATE = {
  fullName: 'Асанов Бакыт',
  phone: '0555 123 456',
  email: 'b.asanov@ayil.kg',
  birthDate: '12.03.1980',
};
let t: TestDatabase;
let app: App;

const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const fromWire = (w: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(w.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(w.data, 'base64')),
});

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
  await createAccount(t.db, { email: 'admin@kenesh.kg', password: PASSWORD, role: 'staff', councilId: null });
  await createAccount(t.db, { email: 'staff@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
  app = buildApp({
    db: t.db,
    config: loadConfig({ JMEG_TEMPORAL_UI_ORIGINS: `${UI}, https://temporal.example.kg/` }),
    payloadCodec: codec,
  });
}, 60_000);

afterAll(async () => {
  await app.close();
  await t.drop();
});

async function cookieOf(email: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jmeg_session')!;
  return `jmeg_session=${cookie.value}`;
}

describe('the codec endpoint of the Temporal Web UI', () => {
  it('decodes what the product encrypted and encodes back, for staff of every council with the session cookie and no CSRF token', async () => {
    const cookie = await cookieOf('admin@kenesh.kg');
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(CANDIDATE)]);
    const plainOne = defaultPayloadConverter.toPayload('already in clear');
    const decoded = await app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: { cookie, origin: UI, 'x-namespace': 'default' },
      payload: { payloads: [toWire(encrypted!), toWire(plainOne)] },
    });
    expect(decoded.statusCode).toBe(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(UI);
    expect(decoded.headers['access-control-allow-credentials']).toBe('true');
    expect(decoded.headers['cache-control']).toBe('no-store');
    const payloads = decoded
      .json<{ payloads: { metadata: Record<string, string>; data: string }[] }>()
      .payloads.map(fromWire);
    expect(payloads.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([CANDIDATE, 'already in clear']);

    const encoded = await app.inject({
      method: 'POST',
      url: '/codec/encode',
      headers: { cookie, origin: UI },
      payload: { payloads: [toWire(defaultPayloadConverter.toPayload(CANDIDATE))] },
    });
    expect(encoded.statusCode).toBe(200);
    const [again] = encoded
      .json<{ payloads: { metadata: Record<string, string>; data: string }[] }>()
      .payloads.map(fromWire);
    expect(Buffer.from(again!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(again!.data!).toString('latin1')).not.toContain('0555');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([again!]))[0]!)).toEqual(CANDIDATE);
  });

  it('refuses anyone else: 401 without a session, 403 for a council staff member, with CORS headers so the UI can read why', async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(CANDIDATE)]);
    const body = { payloads: [toWire(encrypted!)] };
    const anonymous = await app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: { origin: UI },
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['access-control-allow-origin']).toBe(UI);
    expect(anonymous.body).not.toContain('0555');
    const councilStaff = await app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: { origin: UI, cookie: await cookieOf('staff@aksuu.kg') },
      payload: body,
    });
    expect(councilStaff.statusCode).toBe(403);
    expect(councilStaff.body).not.toContain('0555');
  });

  it('answers the preflight for the configured UI origins only, and gives other origins no CORS header', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/codec/decode',
      headers: {
        origin: 'https://temporal.example.kg',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://temporal.example.kg');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-namespace');
    const foreign = await app.inject({
      method: 'OPTIONS',
      url: '/codec/encode',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const post = await app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: { origin: 'https://evil.example', cookie: await cookieOf('admin@kenesh.kg') },
      payload: { payloads: [] },
    });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a payload it cannot decrypt (tampered, or an unknown key) as a 400 (rule decryptable), and bad shapes as 400s', async () => {
    const cookie = await cookieOf('admin@kenesh.kg');
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(CANDIDATE)]);
    const wire = toWire(encrypted!);
    const unknownKey = {
      ...wire,
      metadata: { ...wire.metadata, 'encryption-key-id': Buffer.from('k-retired').toString('base64') },
    };
    const res = await app.inject({
      method: 'POST',
      url: '/codec/decode?lang=en',
      headers: { cookie },
      payload: { payloads: [unknownKey] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid-input', field: 'payloads', rule: 'decryptable' } });
    const flipped = Buffer.from(wire.data, 'base64');
    flipped[20] = flipped[20]! ^ 1;
    const tampered = await app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: { cookie },
      payload: { payloads: [{ ...wire, data: flipped.toString('base64') }] },
    });
    expect(tampered.statusCode).toBe(400);
    const bad = await app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: { cookie },
      payload: { payloads: [{ data: { bytes: 1 } }] },
    });
    expect(bad.statusCode).toBe(400);
    const missing = await app.inject({ method: 'POST', url: '/codec/encode', headers: { cookie }, payload: {} });
    expect(missing.statusCode).toBe(400);
  });
});
