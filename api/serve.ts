// The HTTP API on config.httpHost:config.httpPort (PORT=0 picks a free port; the real one is what is printed).
import type { AddressInfo } from 'node:net';
import type { AppDeps } from './app-types';
import { buildApp } from './build-app';
import { LISTEN_TEXT, loggerOptions } from './logging';

/** The port cannot be had (in use, or not allowed); the message is the one line to show. */
export class ServeError extends Error {
  override name = 'ServeError';
}

export interface RunningApi {
  /** http://host:port with the real port. */
  url: string;
  close(): Promise<void>;
}

function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Builds the app (logging to stdout at LOG_LEVEL) and listens; prints one line `API: http://HOST:PORT (docs: /docs)`. */
export async function serveApi(deps: AppDeps, out: (line: string) => void): Promise<RunningApi> {
  const { httpHost, httpPort } = deps.config;
  const app = buildApp(deps, { logger: loggerOptions(deps.config.logLevel) });
  try {
    await app.listen({ host: httpHost, port: httpPort, listenTextResolver: () => LISTEN_TEXT });
  } catch (error) {
    await app.close().catch(() => undefined);
    if (isErrno(error) && error.code === 'EADDRINUSE')
      throw new ServeError(
        `PORT ${httpPort} is in use: set PORT=another port (e.g. PORT=${httpPort + 1}) or stop what listens on ${httpHost}:${httpPort}`,
      );
    if (isErrno(error) && error.code === 'EACCES')
      throw new ServeError(`PORT ${httpPort} needs privileges on ${httpHost}: set PORT= a port above 1023`);
    if (isErrno(error) && (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'))
      throw new ServeError(`HOST ${httpHost} is not an address of this machine: set HOST=127.0.0.1 or 0.0.0.0`);
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const url = `http://${hostInUrl(httpHost)}:${address.port}`;
  out(`API: ${url} (docs: /docs)`);
  return { url, close: () => app.close() };
}
