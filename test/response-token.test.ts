// The object's response link: signed for one act, expiring, and refused with a reason the page can state.
import { mkdtempSync, rmSync, statSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import {
  createResponseToken,
  DEFAULT_RESPONSE_LINK_DAYS,
  RESPONSE_TOKEN_MESSAGES,
  ResponseTokenError,
  responseTokenExpiry,
  verifyResponseToken,
  type ResponseTokenErrorCode,
} from '../security/response-token';
import { loadOrCreateSecret, responseLinkSecret, secretFileOf } from '../security/server-secret';

const SECRET = 'k'.repeat(16) + 'S'.repeat(16) + '-test-secret';
const ISSUED = Date.UTC(2026, 2, 2, 4, 0); // 2 March 2026, 10:00 Bishkek
const DAY = 24 * 60 * 60 * 1000;
const payload = { actId: 'act-1', objectId: 'obj-1', expiresAtMs: responseTokenExpiry(ISSUED) };

function refusal(fn: () => unknown): ResponseTokenErrorCode | 'accepted' {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    if (error instanceof ResponseTokenError) return error.code;
    throw error;
  }
}

/** Replaces one base64url character at `index` with another valid one. */
function flip(text: string, index: number): string {
  const c = text[index]!;
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('a response link is a signed, expiring token for one act', () => {
  const token = createResponseToken(payload, SECRET);

  it('opens the act it was made for, naming the act, the object and the expiry', () => {
    expect(verifyResponseToken(token, SECRET, { nowMs: ISSUED, actId: 'act-1' })).toEqual(payload);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it(`lives ${DEFAULT_RESPONSE_LINK_DAYS} days by default: valid the millisecond before, expired at the expiry`, () => {
    expect(payload.expiresAtMs - ISSUED).toBe(60 * DAY);
    expect(refusal(() => verifyResponseToken(token, SECRET, { nowMs: payload.expiresAtMs - 1 }))).toBe('accepted');
    expect(refusal(() => verifyResponseToken(token, SECRET, { nowMs: payload.expiresAtMs }))).toBe('expired');
    expect(refusal(() => verifyResponseToken(token, SECRET, { nowMs: ISSUED + 61 * DAY }))).toBe('expired');
  });

  it('a payload changed to another act keeps the old signature and is refused as tampered', () => {
    const [, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, a: 'act-2', o: 'obj-1', e: payload.expiresAtMs })).toString(
      'base64url',
    );
    expect(refusal(() => verifyResponseToken(`${forged}.${signature}`, SECRET, { nowMs: ISSUED }))).toBe('tampered');
  });

  it('a payload with a later expiry is refused as tampered, not accepted', () => {
    const [, signature] = token.split('.');
    const longer = Buffer.from(
      JSON.stringify({ v: 1, a: 'act-1', o: 'obj-1', e: payload.expiresAtMs + 365 * DAY }),
    ).toString('base64url');
    expect(refusal(() => verifyResponseToken(`${longer}.${signature}`, SECRET, { nowMs: ISSUED + 100 * DAY }))).toBe(
      'tampered',
    );
  });

  it('a changed signature, a cut signature, or another server secret are refused as tampered', () => {
    const dot = token.indexOf('.');
    expect(refusal(() => verifyResponseToken(flip(token, dot + 5), SECRET, { nowMs: ISSUED }))).toBe('tampered');
    expect(refusal(() => verifyResponseToken(token.slice(0, -4), SECRET, { nowMs: ISSUED }))).toBe('tampered');
    expect(refusal(() => verifyResponseToken(token, SECRET + 'x', { nowMs: ISSUED }))).toBe('tampered');
  });

  it('a genuine link used on another act is refused as wrong-act', () => {
    expect(refusal(() => verifyResponseToken(token, SECRET, { nowMs: ISSUED, actId: 'act-2' }))).toBe('wrong-act');
  });

  it.each([
    ['an empty string', ''],
    ['no dot', 'abcdef'],
    ['three parts', 'a.b.c'],
    ['characters outside base64url', 'ab+c.def/'],
    ['an empty signature', 'abc.'],
  ])('%s is refused as malformed', (_name, bad) => {
    expect(refusal(() => verifyResponseToken(bad, SECRET, { nowMs: ISSUED }))).toBe('malformed');
  });

  it('has a message for every refusal in Kyrgyz, Russian and English', () => {
    for (const code of ['malformed', 'tampered', 'expired', 'wrong-act', 'wrong-party', 'revoked'] as const) {
      for (const lang of ['ky', 'ru', 'en'] as const)
        expect(RESPONSE_TOKEN_MESSAGES[code][lang].length).toBeGreaterThan(20);
    }
    expect(new Set(Object.values(RESPONSE_TOKEN_MESSAGES).map((m) => m.en)).size).toBe(6);
  });

  it('a re-sent link carries its generation, signed; the first link carries none (its bytes are unchanged)', () => {
    // The first link's payload is exactly the one mailed before links could be re-sent.
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'))).toEqual({
      v: 1,
      a: 'act-1',
      o: 'obj-1',
      e: payload.expiresAtMs,
    });
    const fresh = createResponseToken({ ...payload, generation: 2 }, SECRET);
    expect(verifyResponseToken(fresh, SECRET, { nowMs: ISSUED, actId: 'act-1' })).toEqual({
      ...payload,
      generation: 2,
    });
    // The generation cannot be changed without the secret: a lowered one is refused as tampered.
    const [body, signature] = fresh.split('.') as [string, string];
    const lowered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString('utf8')), g: 1 }),
    ).toString('base64url');
    expect(refusal(() => verifyResponseToken(`${lowered}.${signature}`, SECRET, { nowMs: ISSUED }))).toBe('tampered');
    expect(() => createResponseToken({ ...payload, generation: -1 }, SECRET)).toThrow(RangeError);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createResponseToken(payload, 'short')).toThrow(/at least 32/);
  });
});

describe('the server secret', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'jmeg-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is generated once per data directory, readable by its owner only, and the same on the next start', () => {
    const dir = scratch();
    const first = loadOrCreateSecret(dir);
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(statSync(secretFileOf(dir)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(dir)).toBe(first);
    expect(loadOrCreateSecret(scratch())).not.toBe(first);
  });

  it('a secret file left readable by others is tightened to 0600', () => {
    const dir = scratch();
    writeFileSync(secretFileOf(dir), 'x'.repeat(40));
    chmodSync(secretFileOf(dir), 0o644);
    expect(loadOrCreateSecret(dir)).toBe('x'.repeat(40));
    expect(statSync(secretFileOf(dir)).mode & 0o777).toBe(0o600);
  });

  it('JMEG_SECRET wins over the file; a short one is refused when the configuration is read', () => {
    const dir = scratch();
    const config = loadConfig({ JMEG_SECRET: 'z'.repeat(44), JMEG_DATA_DIR: dir });
    expect(responseLinkSecret(config)).toBe('z'.repeat(44));
    expect(() => readFileSync(secretFileOf(dir))).toThrow();
    expect(() => loadConfig({ JMEG_SECRET: 'too-short' })).toThrow(/JMEG_SECRET: 9 bytes, at least 32/);
    expect(responseLinkSecret(loadConfig({ JMEG_DATA_DIR: dir }))).toBe(loadOrCreateSecret(dir));
  });

  it('the link lifetime is a setting (JMEG_RESPONSE_LINK_DAYS), 60 days by default', () => {
    expect(loadConfig({}).responseLinkDays).toBe(60);
    expect(loadConfig({ JMEG_RESPONSE_LINK_DAYS: '90' }).responseLinkDays).toBe(90);
    expect(() => loadConfig({ JMEG_RESPONSE_LINK_DAYS: 'soon' })).toThrow(/JMEG_RESPONSE_LINK_DAYS/);
  });
});
