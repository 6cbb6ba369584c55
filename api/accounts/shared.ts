// Pieces the accounts pages share: role names, the error box with a hint for the accounts' own rules, and the headers
// of the pages that hold a password or a token (never cached, never sent as a referrer).
import type { FastifyReply } from 'fastify';
import type { AccountRole } from '../../db/database';
import type { Lang } from '../../domain/i18n';
import { AppError } from '../app-error';
import { errorMessage } from '../error-messages';
import { msg, type MessageKey } from '../ui/messages';
import { html, type Html } from '../ui/html';
import type { PageRequest } from '../ui/layout';

const ROLE_KEY = {
  staff: 'accounts.role.staff',
  deputy: 'accounts.role.deputy',
  chair: 'accounts.role.chair',
  member: 'accounts.role.member',
} as const satisfies Record<AccountRole, MessageKey>;

export function roleLabel(lang: Lang, role: AccountRole): string {
  return msg(lang, ROLE_KEY[role]);
}

// The rules of service.ts whose general wording ("invalid value") says too little on a form.
const RULE_HINT: Readonly<Record<string, MessageKey>> = {
  email: 'accounts.rule.email',
  range: 'accounts.rule.range',
  weak: 'accounts.rule.weak',
  mismatch: 'accounts.rule.mismatch',
  'wrong-password': 'accounts.rule.wrongPassword',
  'staff-only': 'accounts.rule.staffOnly',
  'chair-or-member-only': 'accounts.rule.chairOrMemberOnly',
};

/** The refusals a form shows above itself (re-rendered with what was typed); anything else is thrown on. */
export function formRefusal(error: unknown): AppError | null {
  return error instanceof AppError && (error.code === 'invalid-input' || error.code === 'conflict') ? error : null;
}

/** Like errorBox (error-page.ts), with a sentence on how to meet the rule that was broken. */
export function accountsErrorBox(page: PageRequest, error: AppError): Html {
  const hint =
    error.code === 'invalid-input' && error.details.rule !== undefined ? RULE_HINT[error.details.rule] : undefined;
  return html`<div class="error" role="alert"><p>${errorMessage(page.lang, error.code, error.details, { area: 'accounts' })}</p>${hint ? html`<p>${msg(page.lang, hint)}</p>` : ''}</div>`;
}

/** Pages holding a password, a setup token or a password link's token: not stored by the browser or a proxy, no Referer to other sites. */
export function privatePage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}
