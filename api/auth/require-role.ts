// Who may reach a group's or a council's data. 401 without a session, 403 for anyone else; an unknown group or
// council is a 404 only for staff of every council, else a 403 (no probing for which ids exist).
//   staff:  the groups of their council (staff without a council: every council)
//   deputy: the groups of their council (reads; escalations reach them by mail)
//   chair:  their own group
//   member: their own group (reads)
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { SessionAccount } from '../../db/accounts';
import type { AccountRole, Database } from '../../db/database';
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { AppError } from '../app-error';

export type GroupRole = AccountRole;

/** Whether `account` may act as one of `roles` on a group of council `councilId`. */
export function mayAccessGroup(
  account: SessionAccount,
  roles: readonly AccountRole[],
  group: { id: string; council_id: string },
): boolean {
  if (!roles.includes(account.role)) return false;
  switch (account.role) {
    case 'staff':
      return account.council_id === null || account.council_id === group.council_id;
    case 'deputy':
      return account.council_id === group.council_id;
    case 'chair':
    case 'member':
      return account.group_id === group.id;
  }
}

/** Whether `account` may act as one of `roles` on council `councilId` (chairs and members never: they have a group). */
export function mayAccessCouncil(account: SessionAccount, roles: readonly AccountRole[], councilId: string): boolean {
  if (!roles.includes(account.role)) return false;
  if (account.role === 'staff') return account.council_id === null || account.council_id === councilId;
  if (account.role === 'deputy') return account.council_id === councilId;
  return false;
}

/** The signed-in account, or a 401. */
export function signedIn(request: Pick<FastifyRequest, 'auth'>): SessionAccount {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  return request.auth.account;
}

const everyCouncil = (a: SessionAccount) => a.role === 'staff' && a.council_id === null;

/** A preValidation hook (access is checked before the input, so a caller without rights learns nothing from a 400) letting through `roles` on the group in `:groupId` (see the table above). */
export function requireRole(db: Kysely<Database>, roles: readonly GroupRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const a = signedIn(request);
    const { groupId } = request.params as { groupId: string };
    const group = await findGroupById(db, groupId);
    if (!group) {
      if (everyCouncil(a) && roles.includes('staff'))
        throw new AppError('group-not-found', `group ${groupId} does not exist`);
      throw new AppError('forbidden', 'not allowed');
    }
    if (!mayAccessGroup(a, roles, group)) throw new AppError('forbidden', 'not allowed');
  };
}

/** A preValidation hook (access is checked before the input, so a caller without rights learns nothing from a 400) letting through `roles` (staff, deputy) on the council in `:councilId`. */
export function requireCouncilRole(db: Kysely<Database>, roles: readonly AccountRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const a = signedIn(request);
    const { councilId } = request.params as { councilId: string };
    const council = await findCouncilById(db, councilId);
    if (!council) {
      if (everyCouncil(a) && roles.includes('staff'))
        throw new AppError('not-found', `council ${councilId} does not exist`, { subject: councilId });
      throw new AppError('forbidden', 'not allowed');
    }
    if (!mayAccessCouncil(a, roles, council.id)) throw new AppError('forbidden', 'not allowed');
  };
}

/** A preValidation hook for any signed-in account. */
export function requireSession() {
  return (request: FastifyRequest): Promise<void> => {
    signedIn(request);
    return Promise.resolve();
  };
}
