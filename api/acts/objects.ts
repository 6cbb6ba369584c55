// GET/POST /api/councils/:councilId/objects: the council's monitored objects (4.2) and their registration.
// Reading: staff and deputies of the council; registering: its staff (api/auth/require-role.ts).
import {
  editObject,
  findObjectById,
  listObjects,
  objectHistory,
  registerObject,
  setObjectActive,
  setObjectCalendar,
  type MonitoredObject,
} from '../../db/objects';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { actorOf, domain } from './common';
import {
  editObjectSchema,
  listObjectsSchema,
  objectRecordSchema,
  registerObjectSchema,
  setObjectCalendarSchema,
} from './objects.schema';

/** The council's object, or a 404 naming it (an object of another council is not found here either). */
export async function councilObject(deps: AppDeps, councilId: string, objectId: string): Promise<MonitoredObject> {
  const object = await findObjectById(deps.db, objectId);
  if (!object || object.councilId !== councilId)
    throw new AppError('not-found', `object ${objectId}`, { field: 'objectId', subject: objectId });
  return object;
}

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

  app.get(
    '/api/councils/:councilId/objects/:objectId',
    {
      schema: objectRecordSchema,
      config: { access: ['staff', 'deputy'] },
      preValidation: requireCouncilRole(deps.db, ['staff', 'deputy']),
    },
    async (request) => {
      const { councilId, objectId } = request.params;
      const object = await councilObject(deps, councilId, objectId);
      return { object, history: await objectHistory(deps.db, objectId) };
    },
  );

  // Issue 12, point 7: staff change the names and addresses, or mark the object inactive (4.2); each change is an
  // event keeping the old values. Checked whole before anything is written: a refusal writes nothing.
  app.patch(
    '/api/councils/:councilId/objects/:objectId',
    {
      schema: editObjectSchema,
      config: { access: ['staff'] },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request) => {
      const { councilId, objectId } = request.params;
      await councilObject(deps, councilId, objectId);
      const { name, emails, postalAddress, active, reason } = request.body;
      const actor = actorOf(request);
      let object = await domain(() => editObject(deps.db, objectId, { name, emails, postalAddress }, actor));
      if (active !== undefined) object = await setObjectActive(deps.db, objectId, active, reason ?? null, actor);
      return object!;
    },
  );
}
