import { Type } from 'typebox';
import { ErrorSchema, GroupParams, LangQuery } from '../schemas';

/** Names, categories and roles only: the schema itself has no place for a phone, an e-mail or a birth date. */
export const PublicMemberSchema = Type.Object({
  membershipId: Type.String(),
  fullName: Type.String(),
  category: Type.String(),
  role: Type.String(),
  village: Type.Union([Type.String(), Type.Null()]),
});

export const GroupMembersResponse = Type.Object({ groupId: Type.String(), members: Type.Array(PublicMemberSchema) });

export const groupMembersSchema = {
  summary: "The group's public composition (names, categories, chair first; never phones, e-mails or birth dates)",
  tags: ['public'],
  params: GroupParams,
  querystring: LangQuery,
  response: { 200: GroupMembersResponse, 400: ErrorSchema, 404: ErrorSchema },
};
