// GET/POST /api/councils/:councilId/objects: the council's monitored objects (4.2) and their registration.
// Reading: staff and deputies of the council; registering: its staff (api/auth/require-role.ts).
import { listObjects, registerObject } from '../../db/objects';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { actorOf, domain } from './common';
import { listObjectsSchema, registerObjectSchema } from './objects.schema';

export function objectsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/councils/:councilId/objects',
    {
      schema: listObjectsSchema,
      config: { access: ['staff', 'deputy'] },
      preValidation: requireCouncilRole(deps.db, ['staff', 'deputy']),
    },
    async (request) => {
      const { councilId } = request.params;
      return { councilId, objects: await listObjects(deps.db, councilId) };
    },
  );

  app.post(
    '/api/councils/:councilId/objects',
    {
      schema: registerObjectSchema,
      config: { access: ['staff'] },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { councilId } = request.params;
      const { kind, name, emails } = request.body;
      const object = await domain(() => registerObject(deps.db, { councilId, kind, name, emails }, actorOf(request)));
      return reply.status(201).send(object);
    },
  );
}
