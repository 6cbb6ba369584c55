// The CSRF token of a multipart form travels as its first field, `_csrf`, not in the URL (where it would stay in the
// browser's history and in proxies' logs). The session hook cannot read a multipart body, so for the routes that
// declare `config.multipartCsrf` it leaves the token to be checked here, on the first part, before any file is read.
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { sameToken } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session's CSRF token while it is still to be found as the first field of the multipart body; else null. */
    pendingFormCsrf: string | null;
  }
}

const refused = () => new AppError('csrf-token-invalid', 'a multipart form must start with its _csrf field');

/**
 * The parts of a multipart body without its `_csrf` fields. While the request's token is pending, the first part must
 * be `_csrf` holding it, else a 403 before anything else is read; a body without parts is refused the same way.
 */
export async function* withoutFormCsrf(
  request: FastifyRequest,
  parts: AsyncIterable<Multipart>,
): AsyncGenerator<Multipart> {
  for await (const part of parts) {
    const expected = request.pendingFormCsrf;
    if (part.type === 'field' && part.fieldname === '_csrf') {
      if (expected !== null) {
        if (typeof part.value !== 'string' || !sameToken(part.value, expected)) throw refused();
        request.pendingFormCsrf = null;
      }
      continue;
    }
    if (expected !== null) {
      if (part.type === 'file') part.file.resume();
      throw refused();
    }
    yield part;
  }
  if (request.pendingFormCsrf !== null) throw refused();
}
