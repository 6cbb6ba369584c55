// Sending a page: HTML with its language, and the not-found page in the request's language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/config';
import { msg } from './messages';
import { requestLang } from '../request-lang';
import { html } from './html';
import { layout, type PageRequest } from './layout';

export function pageRequest(
  request: FastifyRequest,
  path: string,
  query: Readonly<Record<string, string>> = {},
): PageRequest {
  const auth = request.auth;
  return {
    lang: requestLang(request),
    path,
    query,
    auth: auth ? { email: auth.account.email, role: auth.account.role, csrfToken: auth.csrfToken } : null,
  };
}

export function sendPage(reply: FastifyReply, page: PageRequest, status: number, document: string): FastifyReply {
  return reply.status(status).header('content-language', page.lang).type('text/html; charset=utf-8').send(document);
}

export function sendNotFound(reply: FastifyReply, page: PageRequest): FastifyReply {
  return sendPage(
    reply,
    page,
    404,
    layout(
      page,
      msg(page.lang, 'error.title'),
      html`<p class="error" role="alert">${msg(page.lang, 'error.notFound')}</p>`,
    ),
  );
}

/** A query parameter as a single string ('' when absent or repeated oddly). */
export function queryString(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The base of absolute links (Atom feed, calendar subscription): JMEG_PUBLIC_URL when set; else this server's
 * configured host and the port it listens on. Never the request's Host header, which the client writes.
 */
export function origin(
  request: FastifyRequest,
  config: Pick<AppConfig, 'publicBaseUrl' | 'httpHost' | 'httpPort'>,
): string {
  if (config.publicBaseUrl !== null) return config.publicBaseUrl;
  const address = request.server.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : config.httpPort;
  const host = config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost;
  return `http://${host}:${port}`;
}
