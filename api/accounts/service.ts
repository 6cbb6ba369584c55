// What the accounts API and the accounts pages share: who may manage which account, the input rules (an e-mail, a
// password of 12+ characters that is hard to guess), and the actions (create an account by invitation, send a
// password link, remove), each refusing with a 400 naming the field, a 403, a 404 or a 409 in the request's language.
// Nobody hands a password over: a new account gets a mail with a link to set its own (api/accounts/password-links.ts).
//   - Staff of a council manage its staff and deputies and the chairs and members of its groups.
//   - Staff of every council (council_id null) manage every council's accounts, and only they create or manage
//     staff of every council.
//   - Nobody removes their own account or sends themselves a link here (/account asks for the current password).
//   - 5.4.6: a group has one chair, so one chair account per group (a second one is a 409; remove the old one first).
import {
  findScopedAccount,
  insertAccountChecked,
  deleteAccount,
  setAccountPassword,
  normalizeEmail,
  type ScopedAccount,
  type SessionAccount,
} from '../../db/accounts';
import { setAccountMembership } from '../../db/account-membership';
import type { AccountRole } from '../../db/database';
import type { Group } from '../../db/groups';
import { bishkekDateOf } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { hashPassword, verifyPassword } from '../../security/password';
import { passwordWeakness, WEAK_REASON_TEXT } from '../../security/password-strength';
import { AppError } from '../app-error';
import type { AppDeps } from '../app-types';
import { newToken } from '../auth/session-cookie';
import { mailPasswordLink } from './password-links';
import { msg, type MessageKey } from '../ui/messages';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;
export const EMAIL_MAX = 254;
/** Changing one's own password checks the current one: at most 10 tries per account in 15 minutes (API and page together). */
export const OWN_PASSWORD_LIMIT = { max: 10, windowMs: 15 * 60 * 1000 };
export const ACCOUNT_ROLES: readonly AccountRole[] = ['staff', 'deputy', 'chair', 'member'];

/** The length of a password as a person counts it (code points, like the JSON schemas' minLength). */
function length(text: string): number {
  return [...text].length;
}

export function everyCouncil(account: Pick<SessionAccount, 'role' | 'council_id'>): boolean {
  return account.role === 'staff' && account.council_id === null;
}

/** Whether `account` is one of council `councilId`'s accounts, as seen by `actor` (see the rules at the top). */
export function inCouncil(account: ScopedAccount, councilId: string, actor: SessionAccount): boolean {
  switch (account.role) {
    case 'staff':
      return account.council_id === null ? everyCouncil(actor) : account.council_id === councilId;
    case 'deputy':
      return account.council_id === councilId;
    case 'chair':
    case 'member':
      return account.group_council_id === councilId;
  }
}

/** How an account looks in the JSON API. */
export function accountView(a: ScopedAccount) {
  return {
    id: a.id,
    email: a.email,
    role: a.role,
    councilId: a.council_id,
    groupId: a.group_id,
    createdAt: a.created_at.toISOString(),
  };
}

const GROUP_STATUS_KEY = {
  forming: 'accounts.groupStatus.forming',
  created: 'accounts.groupStatus.created',
  active: 'accounts.groupStatus.active',
  'term-ended': 'accounts.groupStatus.termEnded',
  dissolved: 'accounts.groupStatus.dissolved',
} as const satisfies Record<Group['status'], MessageKey>;

/** A group as staff recognise it: the day it was opened and where it stands (groups have no name). */
export function groupLabel(lang: Lang, group: Pick<Group, 'status' | 'opened_at' | 'resolution_number'>): string {
  const status = msg(lang, GROUP_STATUS_KEY[group.status]);
  const date = bishkekDateOf(group.opened_at.getTime());
  return group.resolution_number
    ? msg(lang, 'accounts.groupLabelResolution', { number: group.resolution_number, date, status })
    : msg(lang, 'accounts.groupLabel', { date, status });
}

/** What the errors call each input: its JSON name for the API, its label for a page. */
export type FieldNames = Readonly<
  Record<
    'email' | 'role' | 'groupId' | 'password' | 'passwordAgain' | 'everyCouncil' | 'currentPassword' | 'newPassword',
    string
  >
>;

export const JSON_FIELDS: FieldNames = {
  email: 'email',
  role: 'role',
  groupId: 'groupId',
  password: 'password',
  passwordAgain: 'passwordAgain',
  everyCouncil: 'everyCouncil',
  currentPassword: 'currentPassword',
  newPassword: 'newPassword',
};

export function pageFields(lang: Lang): FieldNames {
  return {
    email: msg(lang, 'accounts.email'),
    role: msg(lang, 'accounts.role'),
    groupId: msg(lang, 'accounts.group'),
    password: msg(lang, 'accounts.password'),
    passwordAgain: msg(lang, 'accounts.passwordAgain'),
    everyCouncil: msg(lang, 'accounts.everyCouncil'),
    currentPassword: msg(lang, 'accounts.currentPassword'),
    newPassword: msg(lang, 'accounts.newPassword'),
  };
}

function invalid(field: string, rule: string, extra: { allowed?: readonly string[] } = {}): AppError {
  return new AppError('invalid-input', `${field}: ${rule}`, { field, rule, ...extra });
}

/** A usable e-mail address, lower-cased; else a 400 naming the field. */
export function checkEmail(email: string, field: string): string {
  const e = normalizeEmail(email);
  if (e === '') throw invalid(field, 'required');
  if (e.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+$/.test(e)) throw invalid(field, 'email');
  return e;
}

/**
 * At least 12 characters (and at most 1024), else a 400 naming the field (rule 'range', like the JSON schemas); and
 * hard to guess (security/password-strength.ts), else a 400 with rule 'weak' and the reason. `userInputs`: the
 * account's e-mail, which the password must not be built on.
 */
export function checkPassword(password: string, field: string, userInputs: readonly string[] = []): string {
  if (password === '') throw invalid(field, 'required');
  const n = length(password);
  if (n < PASSWORD_MIN || n > PASSWORD_MAX) throw invalid(field, 'range');
  const weakness = passwordWeakness(
    password,
    userInputs.flatMap((u) => [u, ...u.split(/[@.]/)]),
  );
  if (weakness !== null) {
    throw new AppError('invalid-input', `${field}: weak (${weakness})`, {
      field,
      rule: 'weak',
      problems: [{ code: `weak-password-${weakness}`, field, clause: null, message: WEAK_REASON_TEXT[weakness] }],
    });
  }
  return password;
}

export interface NewAccountInput {
  email: string;
  role: string;
  /** For a chair or member: one of the council's groups. */
  groupId: string | null;
  /** A staff account of every council (only staff of every council may create one). */
  everyCouncil: boolean;
  /** For a chair or member: the member of the group the account speaks for (6.3); else linked later or on first use. */
  membershipId?: string | null;
}

export interface Created {
  id: string;
  email: string;
  /** Whether the invitation mail went out now (else it waits in the outbox; staff can send a new link). */
  invitationSent: boolean;
}

/**
 * Creates an account of council `councilId` (its groups: `groups`) for `actor`, staff of that council, with no usable
 * password, and mails it an invitation link in `lang` (base: the address people reach the app at).
 */
export async function createCouncilAccount(
  deps: AppDeps,
  actor: SessionAccount,
  councilId: string,
  groups: readonly Pick<Group, 'id'>[],
  input: NewAccountInput,
  lang: Lang,
  fields: FieldNames,
  base: string,
  now: Date,
): Promise<Created> {
  const email = checkEmail(input.email, fields.email);
  if (!(ACCOUNT_ROLES as readonly string[]).includes(input.role))
    throw invalid(fields.role, 'one-of', { allowed: ACCOUNT_ROLES });
  const role = input.role as AccountRole;
  if (input.everyCouncil) {
    if (role !== 'staff') throw invalid(fields.everyCouncil, 'staff-only');
    if (!everyCouncil(actor))
      throw new AppError('forbidden', 'only staff of every council create staff of every council');
  }
  let groupId: string | null = null;
  if (role === 'chair' || role === 'member') {
    if (input.groupId === null || input.groupId === '') throw invalid(fields.groupId, 'required');
    if (!groups.some((g) => g.id === input.groupId))
      throw invalid(fields.groupId, 'one-of', { allowed: groups.map((g) => g.id) });
    groupId = input.groupId;
  } else if (input.groupId !== null && input.groupId !== '') {
    // Refused rather than dropped: a staff account made by mistake for a chair would hold far more rights.
    throw invalid(fields.groupId, 'chair-or-member-only');
  }
  const membershipId = input.membershipId || null;
  if (membershipId !== null) {
    if (groupId === null) throw invalid('membershipId', 'chair-or-member-only');
    const member = await deps.db
      .selectFrom('memberships')
      .select('id')
      .where('id', '=', membershipId)
      .where('group_id', '=', groupId)
      .where('left_on', 'is', null)
      .executeTakeFirst();
    if (!member) throw invalid('membershipId', 'one-of');
  }
  const result = await insertAccountChecked(deps.db, {
    email,
    // A random secret nobody knows: the account has no password until its owner sets one through the link.
    passwordHash: await hashPassword(newToken()),
    role,
    councilId: input.everyCouncil ? null : councilId,
    groupId,
  });
  if ('refused' in result) {
    if (result.refused === 'email-taken')
      throw new AppError('conflict', `${email} has an account`, {
        subject: msg(lang, 'accounts.emailTaken', { email }),
      });
    throw new AppError('conflict', 'the group has a chair account', { subject: msg(lang, 'accounts.chairTaken') });
  }
  if (membershipId !== null) await setAccountMembership(deps.db, result.created, membershipId);
  const invitation = await mailPasswordLink(deps, { id: result.created, email }, 'invitation', lang, base, now);
  return { id: result.created, email, invitationSent: invitation.sent };
}

/** The account `accountId` if it is one of council `councilId`'s for `actor`; else a 404 (no probing across councils). */
export async function councilAccount(
  deps: AppDeps,
  actor: SessionAccount,
  councilId: string,
  accountId: string,
): Promise<ScopedAccount> {
  const account = await findScopedAccount(deps.db, accountId);
  if (!account || !inCouncil(account, councilId, actor))
    throw new AppError('not-found', `account ${accountId} is not one of council ${councilId}'s`, {
      subject: accountId,
    });
  return account;
}

/** Removes one of the council's accounts and its sessions; never the actor's own. */
export async function removeCouncilAccount(
  deps: AppDeps,
  actor: SessionAccount,
  councilId: string,
  accountId: string,
  lang: Lang,
): Promise<ScopedAccount> {
  const account = await councilAccount(deps, actor, councilId, accountId);
  if (account.id === actor.id)
    throw new AppError('conflict', 'not your own account', { subject: msg(lang, 'accounts.notYourself') });
  await deleteAccount(deps.db, account.id);
  return account;
}

/** Mails one of the council's accounts a link to set a new password (never the actor's own); returns whether it went out now. */
export async function sendCouncilAccountLink(
  deps: AppDeps,
  actor: SessionAccount,
  councilId: string,
  accountId: string,
  lang: Lang,
  base: string,
  now: Date,
): Promise<{ account: ScopedAccount; sent: boolean }> {
  const account = await councilAccount(deps, actor, councilId, accountId);
  if (account.id === actor.id)
    throw new AppError('conflict', 'own password: /account', { subject: msg(lang, 'accounts.ownPasswordElsewhere') });
  const { sent } = await mailPasswordLink(deps, account, 'reset', lang, base, now);
  return { account, sent };
}

/** The signed-in account changes its own password: the current one first; every other session of it ends. */
export async function changeOwnPassword(
  deps: AppDeps,
  auth: { account: SessionAccount; idHash: string },
  input: { currentPassword: string; newPassword: string; newPasswordAgain?: string },
  fields: FieldNames,
): Promise<void> {
  if (input.currentPassword === '') throw invalid(fields.currentPassword, 'required');
  const next = checkPassword(input.newPassword, fields.newPassword, [auth.account.email]);
  if (input.newPasswordAgain !== undefined && input.newPasswordAgain !== input.newPassword)
    throw invalid(fields.passwordAgain, 'mismatch');
  const account = await findScopedAccount(deps.db, auth.account.id);
  if (!account || !(await verifyPassword(input.currentPassword, account.password_hash)))
    throw invalid(fields.currentPassword, 'wrong-password');
  await setAccountPassword(deps.db, account.id, await hashPassword(next), auth.idHash);
}
