// Accounts (council staff, group chairs) and their sessions. Not events: a login is not part of the council's record.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
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
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createSession(
  db: Kysely<Database>,
  session: { idHash: string; accountId: string; csrfToken: string; at: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      account_id: session.accountId,
      csrf_token: session.csrfToken,
      created_at: session.at,
      last_seen_at: session.at,
    })
    .execute();
}

export type SessionAccount = Pick<Account, 'id' | 'email' | 'role' | 'council_id' | 'group_id'>;

/** The session and its account, by the hash of the session id. */
export async function findSession(
  db: Kysely<Database>,
  idHash: string,
): Promise<(Session & { account: SessionAccount }) | undefined> {
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

// Managing accounts: the accounts page of a council, the own-password page, the first start's setup link.

/** An account and, for a chair or member, the council of its group (null when the group is unknown). */
export type ScopedAccount = Account & { group_council_id: string | null };

const ROLE_ORDER = ['staff', 'deputy', 'chair', 'member'] as const;

/**
 * The accounts of council `councilId`: its staff and deputies (by council_id) and the chairs and members of its
 * groups (by the group's council). With `everyCouncil`, also the staff of every council (council_id null).
 * Ordered staff, deputies, chairs, members, then by e-mail.
 */
export async function listCouncilAccounts(
  db: Kysely<Database>,
  councilId: string,
  options: { everyCouncil?: boolean } = {},
): Promise<ScopedAccount[]> {
  const rows = await db
    .selectFrom('accounts')
    .leftJoin('groups', 'groups.id', 'accounts.group_id')
    .selectAll('accounts')
    .select('groups.council_id as group_council_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('accounts.role', 'in', ['staff', 'deputy']), eb('accounts.council_id', '=', councilId)]),
        eb.and([eb('accounts.role', 'in', ['chair', 'member']), eb('groups.council_id', '=', councilId)]),
        ...(options.everyCouncil
          ? [eb.and([eb('accounts.role', '=', 'staff'), eb('accounts.council_id', 'is', null)])]
          : []),
      ]),
    )
    .orderBy('accounts.email')
    .execute();
  return rows.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

/** One account with the council of its group, by id. */
export function findScopedAccount(db: Kysely<Database>, id: string): Promise<ScopedAccount | undefined> {
  return db
    .selectFrom('accounts')
    .leftJoin('groups', 'groups.id', 'accounts.group_id')
    .selectAll('accounts')
    .select('groups.council_id as group_council_id')
    .where('accounts.id', '=', id)
    .executeTakeFirst();
}

export interface NewAccountRow {
  email: string;
  /** Already hashed (security/password.ts): the slow hash runs before the lock below is taken. */
  passwordHash: string;
  role: Account['role'];
  councilId: string | null;
  groupId: string | null;
}

export type InsertAccountResult = { created: string } | { refused: 'email-taken' | 'chair-taken' };

/**
 * Inserts an account unless its e-mail is taken or, for a chair, its group has a chair account already (5.4.6: a
 * group has one chair). Both checks and the insert run under a lock on the accounts table, so two concurrent
 * requests cannot both pass them.
 */
export async function insertAccountChecked(db: Kysely<Database>, row: NewAccountRow): Promise<InsertAccountResult> {
  const email = normalizeEmail(row.email);
  return db.transaction().execute(async (trx) => {
    // Conflicts with itself and with plain inserts: account creations queue here one at a time (they are rare).
    await sql`lock table accounts in share row exclusive mode`.execute(trx);
    const taken = await trx.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) return { refused: 'email-taken' as const };
    if (row.role === 'chair' && row.groupId !== null) {
      const chair = await trx
        .selectFrom('accounts')
        .select('id')
        .where('role', '=', 'chair')
        .where('group_id', '=', row.groupId)
        .executeTakeFirst();
      if (chair) return { refused: 'chair-taken' as const };
    }
    const id = randomUUID();
    await trx
      .insertInto('accounts')
      .values({
        id,
        email,
        password_hash: row.passwordHash,
        role: row.role,
        council_id: row.councilId,
        group_id: row.groupId,
      })
      .execute();
    return { created: id };
  });
}

/**
 * The first account (setup link): a staff account of every council, created only when no account exists. The count
 * and the insert run under a lock on the accounts table, so of two concurrent calls one creates and the other
 * gets null, even from two processes.
 */
export async function createFirstAccount(
  db: Kysely<Database>,
  input: { email: string; passwordHash: string },
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table accounts in share row exclusive mode`.execute(trx);
    if ((await countAccounts(trx)) > 0) return null;
    const id = randomUUID();
    await trx
      .insertInto('accounts')
      .values({
        id,
        email: normalizeEmail(input.email),
        password_hash: input.passwordHash,
        role: 'staff',
        council_id: null,
        group_id: null,
      })
      .execute();
    return id;
  });
}

/** Removes an account; its sessions go with it (on delete cascade, and deleted here first all the same). */
export async function deleteAccount(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('account_id', '=', id).execute();
    const result = await trx.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  });
}

/** Sets a new password hash and ends the account's sessions, all of them or all but `keepSessionIdHash`. */
export async function setAccountPassword(
  db: Kysely<Database>,
  id: string,
  passwordHash: string,
  keepSessionIdHash: string | null = null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    let end = trx.deleteFrom('sessions').where('account_id', '=', id);
    if (keepSessionIdHash !== null) end = end.where('id_hash', '<>', keepSessionIdHash);
    await end.execute();
  });
}

export async function countSessionsOf(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
