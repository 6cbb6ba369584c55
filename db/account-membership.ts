// A chair's or member's account and the membership it speaks for (accounts.membership_id, migration
// 20261207T0914-account-membership): 6.3 has a member declare their own conflict of interest, and 6.4 removes that
// member, whichever account they use. Staff link an account on its form (api/accounts/membership-link.ts); an account
// nobody linked is linked on its first use when its e-mail is exactly one current membership's of its group (the
// secretary already typed that address in the roster; two members with one address, or none, leave it for staff).
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface LinkedMembership {
  membershipId: string;
  personId: string;
}

/** The membership an account is linked to, linking it first by e-mail when nobody did (see above); null when none. */
export async function accountMembership(db: Kysely<Database>, accountId: string): Promise<LinkedMembership | null> {
  const account = await db
    .selectFrom('accounts')
    .leftJoin('memberships', 'memberships.id', 'accounts.membership_id')
    .select(['accounts.email', 'accounts.role', 'accounts.group_id', 'accounts.membership_id', 'memberships.person_id'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!account || (account.role !== 'chair' && account.role !== 'member')) return null;
  if (account.membership_id !== null && account.person_id !== null)
    return { membershipId: account.membership_id, personId: account.person_id };
  if (account.group_id === null) return null;
  const matches = await db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .select(['memberships.id', 'memberships.person_id'])
    .where('memberships.group_id', '=', account.group_id)
    .where('memberships.left_on', 'is', null)
    .where((eb) => eb(eb.fn('lower', ['persons.email']), '=', account.email.toLowerCase()))
    .execute();
  if (matches.length !== 1) return null;
  const only = matches[0]!;
  // Linked once: a concurrent first use links the same membership (or keeps what staff set meanwhile).
  await db
    .updateTable('accounts')
    .set({ membership_id: only.id })
    .where('id', '=', accountId)
    .where('membership_id', 'is', null)
    .execute();
  return accountMembership(db, accountId);
}

/** Staff link (or, with null, unlink) a chair's or member's account to a membership of the account's group. */
export async function setAccountMembership(
  db: Kysely<Database>,
  accountId: string,
  membershipId: string | null,
): Promise<void> {
  await db.updateTable('accounts').set({ membership_id: membershipId }).where('id', '=', accountId).execute();
}
