// What the objects and acts routes (JSON and pages) share: who may reach an act (found by its id, checked against
// its group and council), the domain's refusals (ActError, ObjectError, AnnexRefusal) as AppErrors naming the field
// and the rule, multipart bodies with at most one file, and form nonces.
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ActError, findAct, type Act } from '../../db/acts';
import type { AccountRole, Database } from '../../db/database';
import { findGroupById, type Group } from '../../db/groups';
import { ObjectError } from '../../db/objects';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import { bishkekDateOf, type IsoDate } from '../../domain/dates';
import type { Localized } from '../../domain/i18n';
import { AnnexRefusal, MAX_ANNEX_BYTES } from '../../security/annex-policy';
import { AppError, type AppErrorDetails } from '../app-error';
import type { AppDeps } from '../app-types';
import { withoutFormCsrf } from '../auth/form-csrf';
import { mayAccessGroup, signedIn } from '../auth/require-role';
import { toAppError } from '../error-handler';
import { ERROR_STATUS } from '../error-status';
import { problem } from '../../domain/problem';
import { unavailableEngine, type ProcedureEngine } from '../../procedures/engine';
import { checkResponseFile, type UploadedFile } from './response-files';

export const engineOf = (deps: AppDeps): ProcedureEngine => deps.engine ?? unavailableEngine;
export const todayOf = (deps: AppDeps): IsoDate => bishkekDateOf((deps.clock ?? Date.now)());

/** The actor recorded with what a signed-in person did. */
export const actorOf = (request: FastifyRequest): string => {
  const a = signedIn(request);
  return `${a.role}:${a.id}`;
};

/**
 * A preValidation hook for routes with `:actId`: lets through `roles` on the act's group (require-role.ts's table). An unknown
 * act is a 404 only for staff of every council, else a 403, as for groups: no probing for which ids exist.
 */
export function requireActRole(db: Kysely<Database>, roles: readonly AccountRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const a = signedIn(request);
    const { actId } = request.params as { actId: string };
    const act = await db.selectFrom('acts').select('group_id').where('id', '=', actId).executeTakeFirst();
    const group = act ? await findGroupById(db, act.group_id) : undefined;
    if (!group) {
      if (a.role === 'staff' && a.council_id === null && roles.includes('staff'))
        throw new AppError('not-found', `act ${actId} does not exist`, { subject: actId });
      throw new AppError('forbidden', 'not allowed');
    }
    if (!mayAccessGroup(a, roles, group)) throw new AppError('forbidden', 'not allowed');
  };
}

/** The act and its group (after requireActRole let the request through). */
export async function loadAct(db: Kysely<Database>, actId: string): Promise<{ act: Act; group: Group }> {
  const act = await findAct(db, actId);
  const group = act ? await findGroupById(db, act.groupId) : undefined;
  if (!act || !group) throw new AppError('not-found', `act ${actId} does not exist`, { subject: actId });
  return { act, group };
}

/** Whether the signed-in account may use `roles` on this group (for showing or hiding a form). */
export function may(request: FastifyRequest, roles: readonly AccountRole[], group: Group): boolean {
  return request.auth !== null && mayAccessGroup(request.auth.account, roles, group);
}

// ---- the domain's refusals ----

const ANNEX_RULES = new Set([
  'annex-empty',
  'annex-too-large',
  'annex-type-not-allowed',
  'annex-content-mismatch',
  'annex-too-many',
]);

/** An act refused by db/acts.ts as the API's error: bad input 400 naming the field, a non-draft 409, 8.1 gaps listed. */
export function actAppError(error: ActError): AppError {
  const one = (field: string, clause: string | null = null) => [problem(error.code, field, clause, error.messages)];
  switch (error.code) {
    case 'unknown-act':
      return new AppError('not-found', error.message, { subject: 'act' });
    case 'unknown-annex':
      return new AppError('not-found', error.message, { subject: 'annex' });
    case 'unknown-group':
      return new AppError('group-not-found', error.message);
    case 'not-a-draft':
      return new AppError('conflict', error.message, { problems: one('status', '8.1') });
    case 'act-incomplete': {
      // 8.1: every missing or invalid item, each with its field.
      const problems = error.problems.map((p) => problem(p.problem, p.field, p.clause, p.message));
      const first = problems[0];
      return new AppError('step-refused', error.message, {
        problems,
        ...(first ? { field: first.field, rule: 'act-incomplete' } : {}),
      });
    }
    case 'unknown-object':
    case 'object-of-another-council':
      return new AppError('invalid-input', error.message, {
        field: 'objectId',
        rule: error.code,
        problems: one('objectId', '4.2'),
      });
    case 'object-kind-mismatch':
      return new AppError('invalid-input', error.message, {
        field: 'content.object.kind',
        rule: error.code,
        problems: one('content.object.kind', '4.2'),
      });
    case 'invalid-date':
      return new AppError('invalid-input', error.message, { field: 'on', rule: 'date', problems: one('on') });
    case 'invalid-draft': {
      // The message starts with the field ("findings[0].kind: must be ...").
      const field = `content.${error.messages.en.split(':')[0] ?? ''}`;
      return new AppError('invalid-input', error.message, { field, rule: 'type', problems: one(field, '8.1') });
    }
    default:
      if (ANNEX_RULES.has(error.code))
        return new AppError('invalid-input', error.message, {
          field: 'file',
          rule: error.code,
          problems: one('file', '8.1'),
        });
      return new AppError('invalid-input', error.message, { field: '(act)', rule: error.code, problems: one('(act)') });
  }
}

export function annexAppError(error: AnnexRefusal): AppError {
  return new AppError('invalid-input', error.message, {
    field: 'file',
    rule: error.code,
    problems: [problem(error.code, 'file', null, error.messages)],
  });
}

const OBJECT_RULES: Record<ObjectError['code'], string> = {
  'unknown-council': 'unknown',
  'invalid-kind': 'one-of',
  'missing-name': 'required',
  'missing-email': 'required',
  'invalid-email': 'email',
  'executive-body-exists': 'executive-body-exists',
};

/** A refused registration (db/objects.ts): 400 naming the field; a second executive body of a council is a 409 (4.3). */
export function objectAppError(error: ObjectError): AppError {
  const clause = error.code === 'missing-email' ? '4.3' : error.code === 'executive-body-exists' ? '4.3' : '4.2';
  const problems = [problem(error.code, error.field, clause, error.messages)];
  if (error.code === 'executive-body-exists') return new AppError('conflict', error.message, { problems });
  if (error.code === 'unknown-council') return new AppError('not-found', error.message, { subject: 'council' });
  const details: AppErrorDetails = { field: error.field, rule: OBJECT_RULES[error.code], problems };
  if (error.code === 'invalid-kind') details.allowed = Object.keys(MONITORED_OBJECT_KINDS);
  return new AppError('invalid-input', error.message, details);
}

/** A refusal of the domain (ActError, ObjectError, AnnexRefusal) as an AppError; anything else as it is. */
export function domainAppError(error: unknown): unknown {
  if (error instanceof ActError) return actAppError(error);
  if (error instanceof ObjectError) return objectAppError(error);
  if (error instanceof AnnexRefusal) return annexAppError(error);
  return error;
}

/** The annex policy on an uploaded response file (400 naming the rule), before anything is sent or written. */
export function checkUpload(file: UploadedFile): void {
  try {
    checkResponseFile(file);
  } catch (error) {
    throw domainAppError(error);
  }
}

/** Runs `fn`, turning the domain's refusals into AppErrors. */
export async function domain<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw domainAppError(error);
  }
}

// ---- multipart bodies ----

export interface MultipartBody {
  fields: Record<string, string>;
  /** The one file part, or null when none was chosen (a browser sends an empty part then). */
  file: { fileName: string; bytes: Buffer } | null;
}

const TOO_LARGE: Localized = {
  ky: `Файл өтө чоң: чеги ${MAX_ANNEX_BYTES / (1024 * 1024)} МБ.`,
  ru: `Файл слишком большой: предел ${MAX_ANNEX_BYTES / (1024 * 1024)} МБ.`,
  en: `The file is too large: the limit is ${MAX_ANNEX_BYTES / (1024 * 1024)} MB.`,
};

/**
 * Reads a multipart/form-data body: the `_csrf` field first when the session's token is expected there
 * (api/auth/form-csrf.ts), text fields (only `allowed` names), and at most one file
 * in the field `file`. Anything else is a 400 naming the field, as a schema would.
 */
export async function readMultipart(request: FastifyRequest, allowed: readonly string[]): Promise<MultipartBody> {
  if (!request.isMultipart())
    throw new AppError('invalid-input', 'expected multipart/form-data', { field: '(body)', rule: 'multipart' });
  const fields: Record<string, string> = {};
  let file: MultipartBody['file'] = null;
  try {
    for await (const part of withoutFormCsrf(request, request.parts())) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new AppError('invalid-input', `unexpected file field ${part.fieldname}`, {
            field: part.fieldname,
            rule: 'unknown-property',
          });
        }
        const bytes = await part.toBuffer();
        if (part.filename !== '' || bytes.length > 0) file = { fileName: part.filename, bytes };
        continue;
      }
      if (!allowed.includes(part.fieldname))
        throw new AppError('invalid-input', `unknown field ${part.fieldname}`, {
          field: part.fieldname,
          rule: 'unknown-property',
        });
      if (typeof part.value !== 'string')
        throw new AppError('invalid-input', `field ${part.fieldname} is not text`, {
          field: part.fieldname,
          rule: 'type',
        });
      fields[part.fieldname] = part.value;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('invalid-input', 'file too large', {
        field: 'file',
        rule: 'annex-too-large',
        problems: [problem('annex-too-large', 'file', null, TOO_LARGE)],
      });
    if (code === 'FST_FILES_LIMIT')
      throw new AppError('invalid-input', 'one file at most', { field: 'file', rule: 'range' });
    // Only parsing happens above: a body busboy cannot read (no boundary, cut short, bad part headers) is bad input.
    throw new AppError(
      'invalid-input',
      `unreadable multipart body: ${error instanceof Error ? error.message : String(error)}`,
      { field: '(body)', rule: 'multipart' },
    );
  }
  return { fields, file };
}

/** A JSON body (validated by the route's per-media-type schema); any other non-multipart body is refused by the caller. */
export const isJsonRequest = (request: FastifyRequest): boolean =>
  request.mediaType === 'application/json' && request.body !== undefined && request.body !== null;

/** A fresh form nonce: the submission key of a response form, so a double submit is one submission. */
export const newNonce = (): string => randomBytes(18).toString('base64url');

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A form's text field, trimmed; '' when absent. */
export const field = (fields: Readonly<Record<string, unknown>>, name: string): string => {
  const v = fields[name];
  return typeof v === 'string' ? v.trim() : '';
};

/**
 * A refusal a form page shows above the form (bad input, a conflict, the workflow's refusal, 503 while the engine is
 * away), as an AppError; null for what the error handler answers instead (a missing right, an internal error).
 */
export function pageError(error: unknown): AppError | null {
  const e = toAppError(error);
  if (['forbidden', 'not-authenticated', 'csrf-token-invalid', 'internal'].includes(e.code)) return null;
  if (ERROR_STATUS[e.code] >= 500 && e.code !== 'engine-unavailable') return null;
  return e;
}
