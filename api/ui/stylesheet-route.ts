// GET /assets/<name>.<hash>.css: the pages' stylesheets (stylesheets.ts), one route each, cached for good since the
// name changes with the content.
import type { App } from '../app-types';
import { PRINT_STYLE, SITE_STYLE } from './stylesheets';

export function stylesheetRoute(app: App): void {
  for (const sheet of [SITE_STYLE, PRINT_STYLE]) {
    app.get(sheet.path, { schema: { hide: true }, config: { access: ['public'] } }, (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type('text/css; charset=utf-8')
        .send(sheet.css),
    );
  }
}
