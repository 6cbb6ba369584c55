// The Temporal payload codec (security/payload-codec.ts) and its keys (security/payload-keys.ts): a round trip through
// the SDK's default converter, rotation (the newest key encrypts, an older one still decrypts), tampering and unknown
// keys refused with a clear error, unencrypted payloads passed through, and the key file made 0600 on first use.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  PayloadDecryptionError,
} from '../security/payload-codec';
import {
  loadOrCreatePayloadKeyFile,
  parsePayloadKeys,
  payloadKeyFileOf,
  payloadKeysOf,
} from '../security/payload-keys';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const OLD = parsePayloadKeys(`k1:${key(1)}`, 'test');
const ROTATED = parsePayloadKeys(`k2:${key(2)}, k1:${key(1)}`, 'test');
const CANDIDATE = {
  fullName: 'Айгүл Токтосунова',
  phone: '+996 555 123 456',
  email: 'aigul@mail.kg',
  birthDate: '1987-04-09',
};
const text = (p: Payload) => Buffer.from(p.data ?? new Uint8Array()).toString('latin1') + JSON.stringify(p.metadata);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the payload codec', () => {
  it('encrypts a payload (binary/encrypted, the key id in the metadata, nothing in clear) and decodes it back', async () => {
    const codec = new EncryptionCodec(OLD);
    const plain = defaultPayloadConverter.toPayload(CANDIDATE);
    const [encrypted] = await codec.encode([plain]);
    expect(Buffer.from(encrypted!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encrypted!.metadata![KEY_ID_METADATA]!).toString()).toBe('k1');
    for (const value of Object.values(CANDIDATE)) expect(text(encrypted!)).not.toContain(value);
    expect(text(encrypted!)).not.toContain('json/plain');
    const [decoded] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(CANDIDATE);
    expect(Buffer.from(decoded!.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('uses a fresh IV for every payload: the same value twice gives two different ciphertexts', async () => {
    const codec = new EncryptionCodec(OLD);
    const plain = defaultPayloadConverter.toPayload(CANDIDATE);
    const [a, b] = await codec.encode([plain, plain]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
  });

  it('after rotation encrypts with the newest key and still decrypts what the old key encrypted', async () => {
    const [byOld] = await new EncryptionCodec(OLD).encode([defaultPayloadConverter.toPayload(CANDIDATE)]);
    const rotated = new EncryptionCodec(ROTATED);
    const [byNew] = await rotated.encode([defaultPayloadConverter.toPayload(CANDIDATE)]);
    expect(Buffer.from(byNew!.metadata![KEY_ID_METADATA]!).toString()).toBe('k2');
    const [a, b] = await rotated.decode([byOld!, byNew!]);
    expect(defaultPayloadConverter.fromPayload(a!)).toEqual(CANDIDATE);
    expect(defaultPayloadConverter.fromPayload(b!)).toEqual(CANDIDATE);
  });

  it('refuses a payload whose key id it does not have, naming the key', async () => {
    const [byNew] = await new EncryptionCodec(ROTATED).encode([defaultPayloadConverter.toPayload(CANDIDATE)]);
    const error = await new EncryptionCodec(OLD).decode([byNew!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadDecryptionError);
    expect((error as Error).message).toContain(
      'encrypted with the key "k2", which is not among the configured keys (k1)',
    );
  });

  it('refuses tampered ciphertext, a tampered key id and a payload cut short', async () => {
    const codec = new EncryptionCodec(ROTATED);
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(CANDIDATE)]);
    const flipped = Buffer.from(encrypted!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...encrypted!, data: new Uint8Array(flipped) }])).rejects.toThrow(
      /fails authentication/,
    );
    // The same bytes claimed for the other key: the key id is authenticated.
    const otherId = {
      ...encrypted!,
      metadata: { ...encrypted!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('k1') },
    };
    await expect(codec.decode([otherId])).rejects.toThrow(/fails authentication/);
    await expect(codec.decode([{ ...encrypted!, data: new Uint8Array(10) }])).rejects.toThrow(/too short/);
    const noId = { ...encrypted!, metadata: { encoding: encrypted!.metadata!.encoding! } };
    await expect(codec.decode([noId])).rejects.toThrow(PayloadDecryptionError);
  });

  it('passes payloads without the encrypted encoding through as they are (histories recorded before the codec)', async () => {
    const plain = defaultPayloadConverter.toPayload(CANDIDATE);
    const [decoded] = await new EncryptionCodec(OLD).decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('round-trips through the SDK with binary data and empty payloads', async () => {
    const codec = new EncryptionCodec(OLD);
    const payloads = [
      defaultPayloadConverter.toPayload(new Uint8Array([0, 255, 7])),
      defaultPayloadConverter.toPayload(undefined),
      defaultPayloadConverter.toPayload(null),
    ];
    const decoded = await codec.decode(await codec.encode(payloads));
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      new Uint8Array([0, 255, 7]),
      undefined,
      null,
    ]);
  });
});

describe('the payload keys', () => {
  it('parses id:base64key entries newest first, separated by commas or lines, with comments', () => {
    const keys = parsePayloadKeys(`# rotated in March\nk3:${key(3)}\nk2:${key(2)},k1:${key(1)}\n`, 'test');
    expect(keys.current.id).toBe('k3');
    expect([...keys.byId.keys()]).toEqual(['k3', 'k2', 'k1']);
  });

  it('refuses keys that are not 32 bytes, ids that are not ids, repeated ids and an empty list, naming JMEG_PAYLOAD_KEYS', () => {
    const bad = (text: string) => () => parsePayloadKeys(text, 'JMEG_PAYLOAD_KEYS');
    expect(bad(`k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(
      /JMEG_PAYLOAD_KEYS: the key "k1" must be 32 bytes/,
    );
    expect(bad(key(1))).toThrow(/not id:base64key/);
    expect(bad(`k 1:${key(1)}`)).toThrow(ConfigError);
    expect(bad(`k1:${key(1)},k1:${key(2)}`)).toThrow(/listed twice/);
    expect(bad(' , ')).toThrow(/no key/);
  });

  it('takes JMEG_PAYLOAD_KEYS when set, else makes <dataDir>/payload-keys (0600) once and keeps it', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'jmeg-payload-keys-'));
    dirs.push(dataDir);
    expect(payloadKeysOf(loadConfig({ JMEG_DATA_DIR: dataDir, JMEG_PAYLOAD_KEYS: `env:${key(9)}` })).current.id).toBe(
      'env',
    );
    const first = payloadKeysOf(loadConfig({ JMEG_DATA_DIR: dataDir }));
    const file = payloadKeyFileOf(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.current.key.length).toBe(32);
    const again = loadOrCreatePayloadKeyFile(dataDir);
    expect(again.current.id).toBe(first.current.id);
    expect(again.current.key.equals(first.current.key)).toBe(true);
    // Rotation in the file: a new entry in front.
    writeFileSync(file, `k-new:${key(5)}\n${readFileSync(file, 'utf8')}`);
    const rotated = loadOrCreatePayloadKeyFile(dataDir);
    expect(rotated.current.id).toBe('k-new');
    expect(rotated.byId.has(first.current.id)).toBe(true);
  });
});
