// The engine of a CLI command: a TemporalEngine with a client when a server answers at TEMPORAL_ADDRESS (or
// 127.0.0.1:7233) within seconds, else one without (every call then says "unavailable"), made through the product's
// one client factory (worker/temporal-client.ts). Starts no dev server: it would die with the command. Commands hand
// the engine to the use cases of procedures/ and never hold a client or a workflow handle themselves.
import type { Connection } from '@temporalio/client';
import { TemporalEngine } from '../procedures/temporal-engine';
import type { AppConfig } from '../config/config';
import {
  canConnect,
  LOCAL_TEMPORAL_HOST,
  LOCAL_TEMPORAL_PORT,
  parseAddress,
  TemporalUnavailableError,
} from '../worker/obtain-temporal';
import { connectClient, dataConverterOf } from '../worker/temporal-client';
import { CliError } from './cli-error';

/**
 * Runs `fn` with the engine; `unavailable` is null when a server answered, else the one line that says which
 * address did not answer and how to point at another ("Temporal: no server reachable at …. Set TEMPORAL_ADDRESS…").
 */
export async function withEngine<T>(
  config: AppConfig,
  fn: (engine: TemporalEngine, unavailable: string | null) => Promise<T>,
): Promise<T> {
  const engine = new TemporalEngine(config.temporalTaskQueue);
  const address = config.temporalAddress ?? `${LOCAL_TEMPORAL_HOST}:${LOCAL_TEMPORAL_PORT}`;
  let connection: Connection | null = null;
  let unavailable: string | null = null;
  // The payload keys first: a bad JMEG_PAYLOAD_KEYS is its own error, not "unavailable".
  dataConverterOf(config);
  try {
    const { host, port } = parseAddress(address);
    if (!(await canConnect(host, port))) throw new TemporalUnavailableError(`no server reachable at ${address}`);
    const connected = await connectClient(address, config);
    connection = connected.connection;
    engine.setClient(connected.client);
  } catch (error) {
    unavailable =
      error instanceof TemporalUnavailableError
        ? error.message
        : new TemporalUnavailableError(`${address}: ${firstLine(error)}`).message;
  }
  try {
    return await fn(engine, unavailable);
  } finally {
    await connection?.close();
  }
}

/** withEngine for a command that cannot do without the procedures: no server is that one line and exit 1. */
export async function withRequiredEngine<T>(config: AppConfig, fn: (engine: TemporalEngine) => Promise<T>): Promise<T> {
  return withEngine(config, (engine, unavailable) => {
    if (unavailable !== null) throw new CliError(unavailable, 1);
    return fn(engine);
  });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
