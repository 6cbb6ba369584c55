// GET /assets/<name>.<hash>.css: the pages' stylesheets (stylesheets.ts), cached for good since the name changes
// with the content.
import type { App } from '../app-types';
import { AppError } from '../app-error';
import { stylesheetAt } from './stylesheets';

export function stylesheetRoute(app: App): void {
  app.get('/assets/:file', { schema: { hide: true }, config: { access: ['public'] } }, (request, reply) => {
    const { file } = request.params as { file: string };
    const sheet = stylesheetAt(`/assets/${file}`);
    if (!sheet) throw new AppError('route-not-found', `no stylesheet ${file}`);
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(sheet.css);
  });
}
