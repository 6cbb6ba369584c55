// The payload codec every Temporal client and worker of the product uses: each payload (workflow and activity inputs
// and results, update and signal arguments, query answers, memos) is serialised whole, metadata included, and
// encrypted with AES-256-GCM before it leaves the process, so the server's history holds no phone, e-mail or birth
// date in clear.
//   metadata: encoding = binary/encrypted, encryption-key-id = the key's id (security/payload-keys.ts)
//   data:     a fresh 12-byte IV, the ciphertext, the 16-byte GCM tag; the key id is authenticated too (AAD)
//   plaintext: JSON {"m": {metadata key: base64 value}, "d": base64 data}
// A payload without the encrypted encoding (histories recorded before the codec existed) is decoded as it is.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import type { PayloadKeys } from './payload-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload the codec cannot decrypt: an unknown key id, or data altered or encrypted with another key. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

interface SerialisedPayload {
  m: Record<string, string>;
  d: string;
}

function serialise(payload: Payload): Buffer {
  const m: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload.metadata ?? {}))
    if (value) m[name] = Buffer.from(value).toString('base64');
  return Buffer.from(
    JSON.stringify({
      m,
      d: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
    } satisfies SerialisedPayload),
  );
}

function bytes(base64: string): Uint8Array {
  const b = Buffer.from(base64, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function deserialise(plain: Buffer): Payload {
  const { m, d } = JSON.parse(plain.toString('utf8')) as SerialisedPayload;
  return {
    metadata: Object.fromEntries(Object.entries(m).map(([name, value]) => [name, bytes(value)])),
    data: bytes(d),
  };
}

/** The result of `fn` as a promise, its error as a rejection. */
function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    return settled(() => payloads.map((payload) => this.encrypt(payload)));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return settled(() => payloads.map((payload) => this.decrypt(payload)));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.keys.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(utf8.encode(id));
    const plain = serialise(payload);
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(id) },
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!idBytes) throw new PayloadDecryptionError(`an encrypted payload has no ${KEY_ID_METADATA} in its metadata`);
    const id = fromUtf8.decode(idBytes);
    const entry = this.keys.byId.get(id);
    if (!entry) {
      throw new PayloadDecryptionError(
        `a payload is encrypted with the key "${id}", which is not among the configured keys (${[...this.keys.byId.keys()].join(', ')}): add it to JMEG_PAYLOAD_KEYS or the data directory's payload-keys file`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.byteLength < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError(`an encrypted payload (key "${id}") is too short to hold an IV and a tag`);
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.byteLength - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', entry.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(idBytes);
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.byteLength - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(
        `an encrypted payload (key "${id}") fails authentication: it was altered, or encrypted with another key of that id`,
      );
    }
    return deserialise(plain);
  }
}

/** The data converter of every client and worker: the SDK's default payload converter, then this codec. */
export function encryptingDataConverter(keys: PayloadKeys): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}
