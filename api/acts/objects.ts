// GET/POST /api/councils/:councilId/objects: the council's monitored objects (4.2) and their registration.
// Reading: staff and deputies of the council; registering: its staff (api/auth/require-role.ts).
import { listObjects, registerObject, setObjectCalendar } from '../../db/objects';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { actorOf, domain } from './common';
import { listObjectsSchema, registerObjectSchema, setObjectCalendarSchema } from './objects.schema';

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
      const { kind, name, emails, followsTransfers } = request.body;
      const object = await domain(() =>
        registerObject(
          deps.db,
          { councilId, kind, name, emails, ...(followsTransfers === undefined ? {} : { followsTransfers }) },
          actorOf(request),
        ),
      );
      return reply.status(201).send(object);
    },
  );

  app.put(
    '/api/councils/:councilId/objects/:objectId/calendar',
    {
      schema: setObjectCalendarSchema,
      config: { access: ['staff'] },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request) => {
      const { councilId, objectId } = request.params;
      const found = (await listObjects(deps.db, councilId)).some((o) => o.id === objectId);
      const object = found
        ? await setObjectCalendar(deps.db, objectId, request.body.followsTransfers, actorOf(request))
        : undefined;
      if (!object) throw new AppError('not-found', `object ${objectId}`, { field: 'objectId', subject: objectId });
      return object;
    },
  );
}
