// Accounts for a test's callers in one go: [email, role, scope] rows, all with the same password.
import type { Kysely } from 'kysely';
import { createAccount, type CreateAccountInput } from '../../db/accounts';
import type { Database } from '../../db/database';

type Scope = { groupId: string } | { councilId: string | null };

export async function createAccounts(
  db: Kysely<Database>,
  password: string,
  rows: readonly (readonly [string, CreateAccountInput['role'], Scope])[],
): Promise<void> {
  for (const [email, role, scope] of rows)
    await createAccount(db, { email, password, role, ...scope } as CreateAccountInput);
}
