// Signing in, shared by the JSON login (/api/login), the login page (/login) and the first-start setup page (/setup):
// the password check that costs the same for unknown e-mails, and the start of a session (a fresh id replacing any
// session the request came with, only its hash stored, an HttpOnly SameSite=Lax cookie).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createSession, deleteSession, findAccountByEmail, type Account } from '../../db/accounts';
import type { Database } from '../../db/database';
import { dummyHash, verifyPassword } from '../../security/password';
import { ABSOLUTE_MS, SESSION_COOKIE, hashSessionId, newToken } from './session-cookie';

/** The account when the e-mail and password match, else null. Unknown e-mails cost one scrypt too (no timing oracle). */
export async function checkCredentials(db: Kysely<Database>, email: string, password: string): Promise<Account | null> {
  const account = await findAccountByEmail(db, email);
  const ok = await verifyPassword(password, account?.password_hash ?? (await dummyHash()));
  return account && ok ? account : null;
}

/** Ends the request's current session (if any), starts one for `accountId` at `at`, sets the cookie; returns its hash and CSRF token. */
export async function startSession(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
  at: Date,
): Promise<{ idHash: string; csrfToken: string }> {
  if (request.auth) await deleteSession(db, request.auth.idHash);
  const id = newToken();
  const session = { idHash: hashSessionId(id), csrfToken: newToken() };
  await createSession(db, { ...session, accountId, at });
  void reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: ABSOLUTE_MS / 1000,
  });
  return session;
}
