// The one way the product makes a Temporal client (the API's engine, the CLI's commands) and the data converter its
// worker shares: the same payload codec everywhere (security/payload-codec.ts), so what one encrypts the other reads.
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '../config/config';
import { encryptingDataConverter } from '../security/payload-codec';
import { payloadKeysOf } from '../security/payload-keys';

const converters = new Map<string, DataConverter>();

/** The data converter of this deployment's keys (JMEG_PAYLOAD_KEYS, else <dataDir>/payload-keys, made on first use). */
export function dataConverterOf(config: Pick<AppConfig, 'payloadKeys' | 'dataDir'>): DataConverter {
  const cacheKey = `${config.payloadKeys ?? ''}\n${config.dataDir}`;
  let converter = converters.get(cacheKey);
  if (!converter) {
    converter = encryptingDataConverter(payloadKeysOf(config));
    converters.set(cacheKey, converter);
  }
  return converter;
}

export interface ConnectedClient {
  client: Client;
  connection: Connection;
}

/** Connects to `address` (within 10 s) and returns a client on `namespace` with the deployment's data converter. */
export async function connectClient(
  address: string,
  config: Pick<AppConfig, 'payloadKeys' | 'dataDir' | 'temporalNamespace'>,
  namespace = config.temporalNamespace,
): Promise<ConnectedClient> {
  const dataConverter = dataConverterOf(config);
  const connection = await Connection.connect({ address, connectTimeout: '10 seconds' });
  return { connection, client: new Client({ connection, namespace, dataConverter }) };
}
