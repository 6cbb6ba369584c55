// Password links (invitation and forgot password): single-use, expiring, and kept only as the sha256 of their token.
// Using one sets the account's password, ends the account's sessions and closes every other open link of the account,
// all in one transaction holding the link's row, so two uses at once set one password.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Lang } from '../domain/i18n';
import type { Database, PasswordLinksTable } from './database';

export type PasswordLinkPurpose = PasswordLinksTable['purpose'];

/** Why a link cannot set a password now; null when it can. */
export type PasswordLinkRefusal = 'unknown' | 'used' | 'expired';

/** A link's state at `now` (ms): used once is used for good; past its expiry it is expired. */
export function passwordLinkRefusal(
  link: { used_at: Date | null; expires_at: Date } | undefined,
  now: number,
): PasswordLinkRefusal | null {
  if (!link) return 'unknown';
  if (link.used_at !== null) return 'used';
  return now >= link.expires_at.getTime() ? 'expired' : null;
}

export interface NewPasswordLink {
  accountId: string;
  tokenHash: string;
  purpose: PasswordLinkPurpose;
  lang: Lang;
  at: Date;
  expiresAt: Date;
}

/** Records a link; returns its id (the mail's business key is made of it). */
export async function createPasswordLink(db: Kysely<Database>, link: NewPasswordLink): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('password_links')
    .values({
      id,
      account_id: link.accountId,
      token_hash: link.tokenHash,
      purpose: link.purpose,
      lang: link.lang,
      created_at: link.at,
      expires_at: link.expiresAt,
      used_at: null,
    })
    .execute();
  return id;
}

export interface FoundPasswordLink {
  id: string;
  account_id: string;
  email: string;
  purpose: PasswordLinkPurpose;
  lang: Lang;
  expires_at: Date;
  used_at: Date | null;
}

/** The link with this token hash and its account's e-mail. */
export function findPasswordLink(db: Kysely<Database>, tokenHash: string): Promise<FoundPasswordLink | undefined> {
  return db
    .selectFrom('password_links')
    .innerJoin('accounts', 'accounts.id', 'password_links.account_id')
    .select([
      'password_links.id',
      'password_links.account_id',
      'accounts.email',
      'password_links.purpose',
      'password_links.lang',
      'password_links.expires_at',
      'password_links.used_at',
    ])
    .where('password_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type UsePasswordLinkResult = { set: { accountId: string; email: string } } | { refused: PasswordLinkRefusal };

/**
 * Sets the account's password through the link with this token hash, if the link is open at `now`: marks it used,
 * closes the account's other open links and ends all its sessions. `passwordHash` is hashed before (the slow hash
 * runs outside the transaction).
 */
export async function usePasswordLink(
  db: Kysely<Database>,
  tokenHash: string,
  passwordHash: string,
  now: Date,
): Promise<UsePasswordLinkResult> {
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('password_links')
      .select(['id', 'account_id', 'used_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst();
    const refused = passwordLinkRefusal(link, now.getTime());
    if (refused !== null || !link) return { refused: refused ?? 'unknown' };
    const account = await trx
      .updateTable('accounts')
      .set({ password_hash: passwordHash })
      .where('id', '=', link.account_id)
      .returning('email')
      .executeTakeFirst();
    if (!account) return { refused: 'unknown' };
    await trx
      .updateTable('password_links')
      .set({ used_at: now })
      .where('account_id', '=', link.account_id)
      .where('used_at', 'is', null)
      .execute();
    await trx.deleteFrom('sessions').where('account_id', '=', link.account_id).execute();
    return { set: { accountId: link.account_id, email: account.email } };
  });
}
