// Accounts (council staff, group chairs) and their sessions. Not events: a login is not part of the council's record.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { hashPassword } from '../security/password';
import type { AccountsTable, Database, SessionsTable } from './database';

export type Account = Selectable<AccountsTable>;
export type Session = Selectable<SessionsTable>;

export type CreateAccountInput =
  | { email: string; password: string; role: 'staff'; councilId: string | null }
  | { email: string; password: string; role: 'chair' | 'member'; groupId: string; councilId?: string | null }
  | { email: string; password: string; role: 'deputy'; councilId: string };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates an account with a scrypt hash of `password`; returns its id. Staff with councilId null administer every council. */
export async function createAccount(db: Kysely<Database>, input: CreateAccountInput): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('accounts')
    .values({
      id,
      email: normalizeEmail(input.email),
      password_hash: await hashPassword(input.password),
      role: input.role,
      council_id: input.councilId ?? null,
      group_id: input.role === 'chair' || input.role === 'member' ? input.groupId : null,
    })
    .execute();
  return id;
}

export function findAccountByEmail(db: Kysely<Database>, email: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createSession(db: Kysely<Database>, session: { idHash: string; accountId: string; csrfToken: string; at: Date }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: session.idHash, account_id: session.accountId, csrf_token: session.csrfToken, created_at: session.at, last_seen_at: session.at })
    .execute();
}

export type SessionAccount = Pick<Account, 'id' | 'email' | 'role' | 'council_id' | 'group_id'>;

/** The session and its account, by the hash of the session id. */
export async function findSession(db: Kysely<Database>, idHash: string): Promise<(Session & { account: SessionAccount }) | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('sessions')
    .select(['accounts.email', 'accounts.role', 'accounts.council_id', 'accounts.group_id'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { email, role, council_id, group_id, ...session } = row;
  return { ...session, account: { id: session.account_id, email, role, council_id, group_id } };
}

export async function touchSession(db: Kysely<Database>, idHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}
