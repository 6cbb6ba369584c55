// The base of the links in mails: the configured public address, else the HTTP server's own, else none (paths only).
export interface LinkConfig {
  publicBaseUrl?: string | null;
  httpHost?: string;
  httpPort?: number;
}

export function mailBaseUrl(config: LinkConfig): string {
  if (config.publicBaseUrl) return config.publicBaseUrl.replace(/\/+$/, '');
  if (config.httpHost && config.httpPort) return `http://${config.httpHost}:${config.httpPort}`;
  return '';
}
