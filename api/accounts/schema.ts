// Request and response schemas of the accounts API (api/accounts/routes.ts).
import { Type } from 'typebox';
import { ErrorSchema, LangQuery, Strict } from '../schemas';
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN } from './service';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Password = Type.String({
  minLength: PASSWORD_MIN,
  maxLength: PASSWORD_MAX,
  description: `At least ${PASSWORD_MIN} characters`,
});
const Role = Type.Enum(['staff', 'deputy', 'chair', 'member']);

export const CouncilParams = Strict({ councilId: Id });
export const CouncilAccountParams = Strict({ councilId: Id, accountId: Id });

export const AccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Role,
  councilId: Type.Union([Type.String(), Type.Null()], {
    description: 'Staff and deputies: their council; null: staff of every council',
  }),
  groupId: Type.Union([Type.String(), Type.Null()], { description: 'Chairs and members: their group' }),
  createdAt: Type.String({ description: 'A UTC instant (ISO 8601)' }),
});

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const listAccountsSchema = {
  tags: ['accounts'],
  summary:
    "The council's accounts: its staff and deputies, the chairs and members of its groups (staff of the council)",
  description: 'Staff of every council also see the staff of every council (councilId null).',
  params: CouncilParams,
  querystring: LangQuery,
  response: {
    200: Type.Object({ councilId: Type.String(), accounts: Type.Array(AccountSchema) }),
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
  },
};

export const createAccountSchema = {
  tags: ['accounts'],
  summary: 'Create an account of the council (staff of the council); it gets a mail with a link to set its password',
  description:
    "A chair or member needs `groupId`, one of the council's groups; a group has one chair account at most (5.4.6; a second is a 409). " +
    'The account has no password until its owner sets one through the link mailed to it (single use, 72 hours), in the language of ' +
    'the request; `invitationSent` false means the mail server did not take it now (send a new link later). `everyCouncil: true` ' +
    'makes staff of every council (only staff of every council may). 409 when the e-mail has an account. ' +
    '`membershipId` (a chair or member): the member of the group the account speaks for (6.3: a member declares their own conflict of interest); PUT …/membership links it later.',
  params: CouncilParams,
  querystring: LangQuery,
  body: Strict({
    email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }),
    role: Role,
    groupId: Type.Optional(Id),
    everyCouncil: Type.Optional(Type.Boolean()),
    membershipId: Type.Optional(Id),
  }),
  response: {
    201: Type.Object({ account: AccountSchema, invitationSent: Type.Boolean() }),
    ...errors,
  },
};

export const removeAccountSchema = {
  tags: ['accounts'],
  summary: 'Remove an account of the council and end its sessions (staff of the council; never your own)',
  params: CouncilAccountParams,
  querystring: LangQuery,
  response: { 204: Type.Null(), ...errors },
};

export const passwordLinkSchema = {
  tags: ['accounts'],
  summary:
    'Mail an account of the council a link to set a new password (staff of the council; your own: /api/account/password)',
  description:
    "The link works once, for 72 hours; using it sets the password and ends all the account's sessions. `sent` false means the " +
    'mail server did not take the mail now.',
  params: CouncilAccountParams,
  querystring: LangQuery,
  response: {
    200: Type.Object({ accountId: Type.String(), sent: Type.Boolean() }),
    ...errors,
  },
};

export const ownPasswordSchema = {
  tags: ['accounts'],
  summary: 'Change your own password (any signed-in account): the current one is needed; your other sessions end',
  querystring: LangQuery,
  body: Strict({ currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }), newPassword: Password }),
  response: { 204: Type.Null(), 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
};
