// GET /assets/<name>.<hash>.css and the icon: the pages' stylesheets (stylesheets.ts), one route each, cached for
// good since the name changes with the content; GET /favicon.ico, which browsers ask for by themselves, answers 204
// (the pages name their icon, an SVG, in <head>).
import type { App } from '../app-types';
import { CALENDAR_GRID_STYLE } from './calendar-grid';
import { ICON, PRINT_STYLE, SITE_STYLE } from './stylesheets';

const FOREVER = 'public, max-age=31536000, immutable';

export function stylesheetRoute(app: App): void {
  for (const sheet of [SITE_STYLE, PRINT_STYLE, CALENDAR_GRID_STYLE]) {
    app.get(sheet.path, { schema: { hide: true }, config: { access: ['public'] } }, (_request, reply) =>
      reply.header('cache-control', FOREVER).type('text/css; charset=utf-8').send(sheet.css),
    );
  }
  app.get(ICON.path, { schema: { hide: true }, config: { access: ['public'] } }, (_request, reply) =>
    reply.header('cache-control', FOREVER).type('image/svg+xml').send(ICON.svg),
  );
  app.get('/favicon.ico', { schema: { hide: true }, config: { access: ['public'] } }, (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').status(204).send(),
  );
}
