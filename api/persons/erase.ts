// Erasing a person's phone, e-mail and birth date from the web (staff of every council only), the same erasure as
// `jmeg person erase` (db/person-erasure.ts): the rules of the reason, and the refusals (unknown person, empty reason,
// already erased) as 4xx naming the field and the rule in the request's language, with nothing written.
//   POST /api/persons/:personId/erase   { reason } → 200 { personId, groupId, status: 'erased' }
// The staff pages are in pages.ts, whose personsArea registers both.
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/database';
import { erasePersonData } from '../../db/person-erasure';
import { bishkekDateOf } from '../../domain/dates';
import { DomainError } from '../../domain/domain-error';
import { LANGS, type Localized } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { msg, type MessageKey } from '../ui/messages';
import { ErrorSchema, LangQuery, Strict } from '../schemas';
import { actorOf } from '../acts/common';
import { requireStaffOfEveryCouncil } from '../councils/input';

export const REASON_MAX = 500;

const localized = (key: MessageKey, params: Readonly<Record<string, string>> = {}): Localized =>
  Object.fromEntries(LANGS.map((l) => [l, msg(l, key, params)])) as Localized;

const problem = (field: string, rule: string, key: MessageKey, params: Readonly<Record<string, string>> = {}) => ({
  problems: [{ code: rule, field, clause: null, message: localized(key, params) }],
});

/** Control characters (tab and line breaks aside) or unpaired surrogates: not text a reason may hold. */
function broken(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return true;
    if (c >= 0xd800 && c < 0xdc00) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next < 0xe000)) return true;
      i++;
      continue;
    }
    if (c >= 0xdc00 && c < 0xe000) return true;
  }
  return false;
}

/** The reason, trimmed; a 400 naming `reason` when empty, too long or not text. */
export function checkReason(reason: string | undefined): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed === '')
    throw new AppError('invalid-input', 'reason: required', {
      field: 'reason',
      rule: 'required',
      ...problem('reason', 'required', 'erase.problem.reasonRequired'),
    });
  if ([...trimmed].length > REASON_MAX)
    throw new AppError('invalid-input', 'reason: too long', {
      field: 'reason',
      rule: 'range',
      ...problem('reason', 'range', 'erase.problem.reasonTooLong', { max: String(REASON_MAX) }),
    });
  if (broken(trimmed))
    throw new AppError('invalid-input', 'reason: characters', {
      field: 'reason',
      rule: 'characters',
      ...problem('reason', 'characters', 'erase.problem.reasonCharacters'),
    });
  return trimmed;
}

export function unknownPerson(personId: string): AppError {
  return new AppError('not-found', `person ${personId} does not exist`, {
    field: 'personId',
    rule: 'exists',
    ...problem('personId', 'unknown-person', 'erase.problem.unknownPerson', { personId }),
  });
}

async function alreadyErased(db: Kysely<Database>, personId: string): Promise<AppError> {
  const row = await db
    .selectFrom('persons')
    .select(['full_name', 'data_erased_at'])
    .where('id', '=', personId)
    .executeTakeFirst();
  const erasedAt = await db
    .selectFrom('person_keys')
    .select('erased_at')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const at = row?.data_erased_at ?? erasedAt?.erased_at ?? null;
  const params = { name: row?.full_name ?? personId, date: at ? bishkekDateOf(at.getTime()) : '' };
  return new AppError('conflict', `person ${personId} is erased already`, {
    field: 'personId',
    rule: 'not-erased',
    ...problem('personId', 'already-erased', 'erase.problem.alreadyErased', params),
  });
}

/** Erases the person's data, or refuses with an AppError (nothing written). */
export async function erasePersonForRequest(
  db: Kysely<Database>,
  personId: string,
  reasonInput: string | undefined,
  actor: string,
): Promise<{ personId: string; groupId: string }> {
  const reason = checkReason(reasonInput);
  let result;
  try {
    result = await erasePersonData(db, personId, { reason, actor });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'unknown-person') throw unknownPerson(personId);
    throw error;
  }
  if (result.status === 'already-erased') throw await alreadyErased(db, personId);
  return { personId: result.personId, groupId: result.groupId };
}

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const PersonParams = Strict({ personId: Type.String({ minLength: 1, maxLength: 200 }) });

export const erasePersonSchema = {
  tags: ['persons'],
  summary:
    "Erases a person's phone, e-mail and birth date (staff of every council only): their data key is destroyed, person.data-erased (with the reason) is appended, and every reader of the log and every page shows them erased. 404 for an unknown person, 400 for an empty reason, 409 when erased already; nothing is written then",
  params: PersonParams,
  querystring: LangQuery,
  body: Strict({
    reason: Type.String({
      maxLength: REASON_MAX * 4,
      description: 'Why, e.g. "the person\'s request of 2026-12-01" (required, recorded in the log)',
    }),
  }),
  response: {
    200: Type.Object({ personId: Type.String(), groupId: Type.String(), status: Type.Literal('erased') }),
    ...errors,
  },
};

export function personsApiRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/persons/:personId/erase',
    {
      schema: erasePersonSchema,
      config: { access: ['staff-of-every-council'] },
      preValidation: requireStaffOfEveryCouncil(),
    },
    async (request) => {
      const erased = await erasePersonForRequest(
        deps.db,
        request.params.personId,
        request.body.reason,
        actorOf(request),
      );
      return { ...erased, status: 'erased' as const };
    },
  );
}
