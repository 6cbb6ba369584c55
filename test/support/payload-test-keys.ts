// The fixed payload key of the tests: the time-skipping engine encrypts every payload with it, as production does with
// its own keys, and the replay of recorded histories decrypts those recorded since the codec exists with it.
import type { DataConverter, Payload } from '@temporalio/common';
import { EncryptionCodec, encryptingDataConverter } from '../../security/payload-codec';
import { parsePayloadKeys } from '../../security/payload-keys';

/** JMEG_PAYLOAD_KEYS of the tests (32 fixed bytes; never a production key). */
export const TEST_PAYLOAD_KEYS = `test-2026:${Buffer.from('jmeg test payload key, 32 bytes!').toString('base64')}`;

export const testPayloadKeys = parsePayloadKeys(TEST_PAYLOAD_KEYS, 'TEST_PAYLOAD_KEYS');

/** The data converter of every test client and worker. */
export const testDataConverter: DataConverter = encryptingDataConverter(testPayloadKeys);

const ENCRYPTED = new TextEncoder().encode('binary/encrypted');

function isEncryptedPayload(value: object): value is Payload {
  const metadata = (value as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return false;
  const encoding = (metadata as Record<string, unknown>).encoding;
  return (
    encoding instanceof Uint8Array &&
    Buffer.from(encoding).equals(Buffer.from(ENCRYPTED)) &&
    (value as { data?: unknown }).data instanceof Uint8Array
  );
}

/**
 * Decrypts, in place, every payload of `history` (or any message holding payloads) that the tests' codec encrypted,
 * so assertions read inputs, results and update arguments as a worker does. Other payloads stay as they are.
 */
export async function decodePayloadsIn<T extends object>(history: T): Promise<T> {
  const codec = new EncryptionCodec(testPayloadKeys);
  const found: Payload[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return;
    if (isEncryptedPayload(value)) {
      found.push(value);
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) walk(child);
  };
  walk(history);
  const decoded = await codec.decode(found);
  found.forEach((payload, i) => {
    payload.metadata = decoded[i]!.metadata;
    payload.data = decoded[i]!.data;
  });
  return history;
}
