// The acts' JSON API (8.1, 4.3). The group makes its acts (8.1, 7.2.4): its chair and members draft, edit and annex
// them, the chair issues them; council staff may do the same to help. Reading an act and its procedure's state: staff
// and deputies of the council, the group's chair and members. Receipts and paper responses: staff. Closing: the chair. The object's own routes (the signed link) are in respond.ts.
import { findAct, parseActDraft } from '../../db/acts';
import { isIsoDate } from '../../domain/dates';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { procedureDeps } from '../procedure-deps';
import { requireRole } from '../auth/require-role';
import { actProgress } from '../../procedures/acts/act-progress';
import { closeAct } from '../../procedures/acts/close-act';
import { annexFile, draftAct, removeAnnexFile, updateActDraft } from '../../procedures/acts/draft-act';
import { issueAct } from '../../procedures/acts/issue-act';
import { recordReceipt } from '../../procedures/acts/record-receipt';
import { recordResponse } from '../../procedures/acts/record-response';
import {
  actorOf,
  domain,
  engineOf,
  field,
  isJsonRequest,
  loadAct,
  readMultipart,
  requireActRole,
  todayOf,
} from './common';
import {
  attachAnnexSchema,
  closeSchema,
  draftActSchema,
  getActSchema,
  issueActSchema,
  listActsSchema,
  patchActSchema,
  receiptSchema,
  removeAnnexSchema,
  responsesSchema,
  stateSchema,
} from './schema';
import { actDetail, annexUrl, listGroupActs, responseFileView } from './view';
import { respondRoutes } from './respond';

const READERS = ['staff', 'deputy', 'chair', 'member'] as const;
/** 8.1, 7.2.4: who drafts, edits and annexes a group's act: its chair and members, and council staff helping. */
const DRAFTERS = ['staff', 'chair', 'member'] as const;
/** 7.2.4: who issues it: the chair, who represents the group (staff may help). */
const ISSUERS = ['staff', 'chair'] as const;

type ResponseFields = {
  obligationKey: 'object-response' | 'executive-report';
  respondedOn: string;
  text: string;
  submissionKey: string;
};

/** The fields of a multipart response, checked as the JSON body's schema checks them. */
function multipartResponseBody(fields: Record<string, string>): ResponseFields {
  const invalid = (name: string, rule: string, allowed?: string[]) =>
    new AppError('invalid-input', `${name}: ${rule}`, { field: name, rule, ...(allowed ? { allowed } : {}) });
  for (const name of ['obligationKey', 'respondedOn', 'text', 'submissionKey'])
    if (field(fields, name) === '') throw invalid(name, 'required');
  const obligationKey = field(fields, 'obligationKey');
  if (obligationKey !== 'object-response' && obligationKey !== 'executive-report')
    throw invalid('obligationKey', 'one-of', ['object-response', 'executive-report']);
  const respondedOn = field(fields, 'respondedOn');
  if (!isIsoDate(respondedOn)) throw invalid('respondedOn', 'date');
  const submissionKey = field(fields, 'submissionKey');
  if (submissionKey.length > 200) throw invalid('submissionKey', 'range');
  const text = fields.text ?? '';
  if (text.length > 50000) throw invalid('text', 'range');
  return { obligationKey, respondedOn, text, submissionKey };
}

export function actsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/groups/:groupId/acts',
    { schema: listActsSchema, config: { access: READERS }, preValidation: requireRole(deps.db, READERS) },
    async (request) => {
      const { groupId } = request.params;
      return { groupId, acts: await listGroupActs(deps.db, groupId) };
    },
  );

  app.post(
    '/api/groups/:groupId/acts',
    { schema: draftActSchema, config: { access: DRAFTERS }, preValidation: requireRole(deps.db, DRAFTERS) },
    async (request, reply) => {
      const { groupId } = request.params;
      const { objectId, title, content } = request.body;
      const act = await domain(async () =>
        draftAct(deps, { groupId, objectId, draft: parseActDraft(content ?? {}), title, actor: actorOf(request) }),
      );
      return reply.status(201).send(actDetail(act));
    },
  );

  app.get(
    '/api/acts/:actId',
    { schema: getActSchema, config: { access: READERS }, preValidation: requireActRole(deps.db, READERS) },
    async (request) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      return actDetail(act);
    },
  );

  app.patch(
    '/api/acts/:actId',
    { schema: patchActSchema, config: { access: DRAFTERS }, preValidation: requireActRole(deps.db, DRAFTERS) },
    async (request) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      const { title, content } = request.body;
      const updated = await domain(async () =>
        updateActDraft(deps, {
          actId: act.id,
          draft: parseActDraft({ ...act.draft, ...(content ?? {}) }),
          title,
          actor: actorOf(request),
        }),
      );
      return actDetail(updated);
    },
  );

  app.post(
    '/api/acts/:actId/annexes',
    {
      schema: attachAnnexSchema,
      config: { access: DRAFTERS, multipartCsrf: true },
      preValidation: requireActRole(deps.db, DRAFTERS),
    },
    async (request, reply) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      const { file } = await readMultipart(request, []);
      if (!file) throw new AppError('invalid-input', 'no file', { field: 'file', rule: 'required' });
      const annex = await domain(() =>
        annexFile(procedureDeps(deps), {
          actId: act.id,
          fileName: file.fileName,
          bytes: file.bytes,
          actor: actorOf(request),
        }),
      );
      return reply.status(201).send({ ...annex, url: annexUrl(act.id, annex.id) });
    },
  );

  app.delete(
    '/api/acts/:actId/annexes/:annexId',
    { schema: removeAnnexSchema, config: { access: DRAFTERS }, preValidation: requireActRole(deps.db, DRAFTERS) },
    async (request) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      const removed = await domain(() =>
        removeAnnexFile(deps, { actId: act.id, annexId: request.params.annexId, actor: actorOf(request) }),
      );
      const now = (await findAct(deps.db, act.id))!;
      return { removed: { id: removed.id, fileName: removed.fileName }, act: actDetail(now) };
    },
  );

  app.post(
    '/api/acts/:actId/issue',
    { schema: issueActSchema, config: { access: ISSUERS }, preValidation: requireActRole(deps.db, ISSUERS) },
    async (request) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      const { issued, delivery } = await domain(() =>
        issueAct(procedureDeps(deps, request.log), {
          actId: act.id,
          actor: actorOf(request),
          whenEngineAway: 'refuse',
        }),
      );
      const now = (await findAct(deps.db, act.id))!;
      return { act: actDetail(now), delivery, alreadyIssued: issued.alreadyIssued };
    },
  );

  app.post(
    '/api/acts/:actId/receipt',
    { schema: receiptSchema, config: { access: ['staff'] }, preValidation: requireActRole(deps.db, ['staff']) },
    async (request) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      return recordReceipt(procedureDeps(deps), {
        actId: act.id,
        receivedOn: request.body.receivedOn,
        via: 'staff',
        party: request.body.party === 'executive_body' ? 'executive-body' : 'object',
      });
    },
  );

  app.post(
    '/api/acts/:actId/responses',
    {
      schema: responsesSchema,
      config: { access: ['staff'], multipartCsrf: true },
      preValidation: requireActRole(deps.db, ['staff']),
    },
    async (request) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      let body;
      let file = null;
      if (request.isMultipart()) {
        const parts = await readMultipart(request, ['obligationKey', 'respondedOn', 'text', 'submissionKey']);
        body = multipartResponseBody(parts.fields);
        file = parts.file;
      } else {
        if (!isJsonRequest(request))
          throw new AppError('invalid-input', 'JSON or multipart/form-data expected', {
            field: '(body)',
            rule: 'type',
          });
        body = request.body as ResponseFields;
      }
      const result = await domain(() =>
        recordResponse(procedureDeps(deps), {
          actId: act.id,
          obligationKey: body.obligationKey,
          respondedOn: body.respondedOn,
          text: body.text,
          submissionKey: `staff:${body.submissionKey}`,
          file,
          uploadedBy: actorOf(request),
        }),
      );
      const r = result.response;
      return {
        responseId: r.responseId,
        obligationKey: r.obligationKey,
        respondedOn: r.respondedOn,
        late: r.late,
        supersedes: r.supersedes,
        file: result.file ? responseFileView(act.id, result.file) : null,
      };
    },
  );

  app.post(
    '/api/acts/:actId/close',
    { schema: closeSchema, config: { access: ['chair'] }, preValidation: requireActRole(deps.db, ['chair']) },
    async (request) => {
      const { act } = await loadAct(deps.db, request.params.actId);
      return closeAct(procedureDeps(deps), {
        actId: act.id,
        reason: request.body.reason,
        on: request.body.on ?? todayOf(deps),
      });
    },
  );

  app.get(
    '/api/acts/:actId/state',
    { schema: stateSchema, config: { access: READERS }, preValidation: requireActRole(deps.db, READERS) },
    async (request) => {
      const { act, group } = await loadAct(deps.db, request.params.actId);
      const progress = await actProgress(
        { db: deps.db, engine: engineOf(deps), today: todayOf(deps), log: request.log },
        act,
        group.council_id,
      );
      return {
        actId: act.id,
        ...progress,
        responses: progress.responses.map((r) => ({ ...r, files: r.files.map((f) => responseFileView(act.id, f)) })),
      };
    },
  );

  respondRoutes(app, deps);
}
