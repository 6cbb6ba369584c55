// The information requests' JSON routes (7.3.2(1), Law No. 217): the group's list, writing and sending a request
// (chair or staff), one request, a paper receipt recorded by staff, and the public list. Thin adapters over
// procedures/requests; the refusals are the use cases' and the workflow's (400 naming the field and the rule).
import { findGroupById } from '../../db/groups';
import { findRequest, listGroupRequests, publicGroupRequests } from '../../db/requests';
import { bishkekDateOf } from '../../domain/dates';
import { recordRequestReceipt } from '../../procedures/requests/request-steps';
import { writeRequest } from '../../procedures/requests/write-request';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { actorOf } from '../acts/common';
import { procedureDeps } from '../procedure-deps';
import {
  getRequestSchema,
  listRequestsSchema,
  paperReceiptSchema,
  publicRequestsSchema,
  writeRequestSchema,
} from './schema';

async function requestOfGroup(deps: AppDeps, groupId: string, requestId: string) {
  const request = await findRequest(deps.db, requestId);
  if (!request || request.groupId !== groupId)
    throw new AppError('not-found', `request ${requestId}`, { field: 'requestId', subject: requestId });
  return request;
}

export function requestsRoutes(app: App, deps: AppDeps): void {
  const readers = ['chair', 'staff', 'member', 'deputy'] as const;
  app.get(
    '/api/groups/:groupId/requests',
    { schema: listRequestsSchema, config: { access: readers }, preValidation: requireRole(deps.db, readers) },
    async (request) => {
      const { groupId } = request.params;
      if (!(await findGroupById(deps.db, groupId)))
        throw new AppError('group-not-found', `group ${groupId} does not exist`);
      return { groupId, requests: await listGroupRequests(deps.db, groupId) };
    },
  );

  app.post(
    '/api/groups/:groupId/requests',
    {
      schema: writeRequestSchema,
      config: { access: ['chair', 'staff'] },
      preValidation: requireRole(deps.db, ['chair', 'staff']),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const body = request.body;
      const written = await writeRequest(procedureDeps(deps, request.log), {
        groupId,
        objectId: body.objectId,
        subject: body.subject,
        purpose: body.purpose,
        reference: body.reference ?? null,
        actId: body.actId ?? null,
        actor: actorOf(request),
      });
      return reply.status(201).send(written);
    },
  );

  app.get(
    '/api/groups/:groupId/requests/:requestId',
    { schema: getRequestSchema, config: { access: readers }, preValidation: requireRole(deps.db, readers) },
    async (request) => requestOfGroup(deps, request.params.groupId, request.params.requestId),
  );

  app.post(
    '/api/groups/:groupId/requests/:requestId/receipt',
    {
      schema: paperReceiptSchema,
      config: { access: ['staff', 'chair'] },
      preValidation: requireRole(deps.db, ['staff', 'chair']),
    },
    async (request) => {
      const { groupId, requestId } = request.params;
      await requestOfGroup(deps, groupId, requestId);
      return recordRequestReceipt(procedureDeps(deps), {
        requestId,
        receivedOn: request.body.receivedOn,
        via: 'staff',
      });
    },
  );

  app.get(
    '/api/public/groups/:groupId/requests',
    { schema: publicRequestsSchema, config: { access: ['public'] } },
    async (request) => {
      const { groupId } = request.params;
      if (!(await findGroupById(deps.db, groupId)))
        throw new AppError('group-not-found', `group ${groupId} does not exist`);
      const today = bishkekDateOf((deps.clock ?? Date.now)());
      return { groupId, requests: await publicGroupRequests(deps.db, groupId, today) };
    },
  );
}
