// The engine for a CLI command that would like to reach the running procedures but can do its work without them:
// a TemporalEngine with a client when a server answers at TEMPORAL_ADDRESS (or 127.0.0.1:7233) within seconds, else
// one without (every call then says "unavailable"). Starts no dev server: it would die with the command.
import type { Connection } from '@temporalio/client';
import { TemporalEngine } from '../procedures/temporal-engine';
import type { AppConfig } from '../config/config';
import { canConnect, LOCAL_TEMPORAL_HOST, LOCAL_TEMPORAL_PORT, parseAddress } from '../worker/obtain-temporal';
import { connectClient, dataConverterOf } from '../worker/temporal-client';

export async function withEngine<T>(config: AppConfig, fn: (engine: TemporalEngine) => Promise<T>): Promise<T> {
  const engine = new TemporalEngine(config.temporalTaskQueue);
  const address = config.temporalAddress ?? `${LOCAL_TEMPORAL_HOST}:${LOCAL_TEMPORAL_PORT}`;
  let connection: Connection | null = null;
  // The payload keys first: a bad JMEG_PAYLOAD_KEYS is its own error, not "unavailable".
  dataConverterOf(config);
  try {
    const { host, port } = parseAddress(address);
    if (await canConnect(host, port)) {
      const connected = await connectClient(address, config);
      connection = connected.connection;
      engine.setClient(connected.client);
    }
  } catch {
    // No server: the engine stays unavailable and the command says so.
  }
  try {
    return await fn(engine);
  } finally {
    await connection?.close();
  }
}
