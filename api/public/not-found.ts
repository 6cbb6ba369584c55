// What a browser gets for an address without a page: the 404 page in its language with a way home, or, for an
// address that only takes a form (a POST) opened with GET, a 405 page saying so. An address with a trailing slash
// whose path without it is a page (/manage/, /login/) redirects there. The JSON API (/api/...) and clients that do
// not ask for HTML keep the JSON error.
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { html } from '../ui/html';
import { layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendPage } from '../ui/respond';

/** A route's URL pattern as a regular expression over paths (:param is one segment, * the rest). */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

export interface NotFoundPages {
  /** Give to app.addHook('onRoute'): learns which methods each address takes. */
  onRoute(route: RouteOptions): void;
  /** The answer for an unknown address, or null when the JSON error is the answer. */
  handle(request: FastifyRequest, reply: FastifyReply): FastifyReply | null;
}

export function notFoundPages(): NotFoundPages {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  const methodsAt = (path: string): Set<string> =>
    new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
  return {
    onRoute(route) {
      routes.push({ pattern: patternOf(route.url), methods: [route.method].flat() });
    },
    handle(request, reply) {
      const [path = '/', query] = request.url.split(/\?(.*)/s, 2);
      if (path.startsWith('/api/')) return null;
      const get = request.method === 'GET' || request.method === 'HEAD';
      if (get && path.length > 1 && path.endsWith('/')) {
        const bare = path.replace(/\/+$/, '') || '/';
        if (methodsAt(bare).has('GET')) return reply.redirect(`${bare}${query ? `?${query}` : ''}`, 301);
      }
      if (!wantsHtml(request)) return null;
      const page = pageRequest(request, path);
      const l = page.lang;
      const allowed = methodsAt(path);
      const formOnly = get && allowed.size > 0 && !allowed.has('GET');
      const title = msg(l, formOnly ? 'public.methodNotAllowed.title' : 'public.notFound.title');
      const text = msg(l, formOnly ? 'public.methodNotAllowed.text' : 'public.notFound.text', { path });
      const body = html`<p class="error" role="alert">${text}</p>
<p><a href="/?lang=${l}">${msg(l, 'public.backHome')}</a></p>`;
      if (formOnly) void reply.header('allow', [...allowed].join(', '));
      return sendPage(reply, page, formOnly ? 405 : 404, layout(page, title, body));
    },
  };
}
