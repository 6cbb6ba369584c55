// Who receives mail about an obligation: the party that owes it (reminders) or the council (escalations).
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { KyRu } from './render-obligation-mail';

export interface ObligationContext {
  obligationId: string;
  groupId: string;
  actId: string | null;
  councilId: string;
  council: { name: KyRu; email: string | null };
}

export const isAddress = (text: string): boolean => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(text);

/** The obligation with its group's council, from the projections; refused when it was never recorded. */
export async function loadObligationContext(db: Kysely<Database>, obligationId: string): Promise<ObligationContext> {
  const row = await db
    .selectFrom('obligations')
    .innerJoin('groups', 'groups.id', 'obligations.group_id')
    .innerJoin('councils', 'councils.id', 'groups.council_id')
    .select([
      'obligations.id',
      'obligations.group_id',
      'obligations.act_id',
      'councils.id as council_id',
      'councils.name_ky',
      'councils.name_ru',
      'councils.email',
    ])
    .where('obligations.id', '=', obligationId)
    .executeTakeFirst();
  if (!row) {
    throw ApplicationFailure.create({
      type: 'ObligationNotFound',
      nonRetryable: true,
      message: `obligation ${obligationId}: not in the obligations projection (record obligation.opened for a group of a registered council first)`,
    });
  }
  return {
    obligationId: row.id,
    groupId: row.group_id,
    actId: row.act_id,
    councilId: row.council_id,
    council: { name: { ky: row.name_ky, ru: row.name_ru }, email: row.email },
  };
}

function noRecipient(party: string, what: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'NoRecipient', nonRetryable: true, message: `party "${party}": ${what}` });
}

/**
 * The e-mail addresses of a party id:
 * - an e-mail address itself;
 * - 'council': the council's address (councils.email);
 * - 'executive-body': the contacts of the council's executive body (monitored_objects.is_executive_body);
 * - 'object:<id>': the contacts of that monitored object;
 * - 'chair': the group chair's address (memberships.role = 'chair').
 * Refused (non-retryable) when the party is unknown or has no address on record.
 */
export async function resolvePartyAddresses(
  db: Kysely<Database>,
  ctx: ObligationContext,
  party: string,
): Promise<string[]> {
  if (isAddress(party)) return [party];
  let addresses: string[];
  if (party === 'council') {
    addresses = ctx.council.email ? [ctx.council.email] : [];
  } else if (party === 'executive-body' || party.startsWith('object:')) {
    const query = db.selectFrom('monitored_objects').select('contacts').where('council_id', '=', ctx.councilId);
    const rows = await (
      party === 'executive-body'
        ? query.where('is_executive_body', '=', true)
        : query.where('id', '=', party.slice('object:'.length))
    ).execute();
    addresses = rows.flatMap((r) => r.contacts).filter(isAddress);
  } else if (party === 'chair') {
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .select('persons.email')
      .where('memberships.group_id', '=', ctx.groupId)
      .where('memberships.role', '=', 'chair')
      .where('memberships.left_on', 'is', null)
      .execute();
    addresses = rows.map((r) => r.email).filter((e): e is string => e !== null && isAddress(e));
  } else {
    throw noRecipient(
      party,
      "unknown party (expected an e-mail address, 'council', 'executive-body', 'object:<id>' or 'chair')",
    );
  }
  if (addresses.length === 0) throw noRecipient(party, 'no e-mail address on record; add one and retry');
  return [...new Set(addresses)];
}

/**
 * Who an escalation goes to (the roles: council deputies receive escalations): the council's address and
 * the deputies of the council who have an account. Refused (non-retryable) when there is neither.
 */
export async function escalationAddresses(
  db: Kysely<Database>,
  ctx: ObligationContext,
): Promise<{ to: string[]; bcc: string[] }> {
  const deputies = await db
    .selectFrom('accounts')
    .select('email')
    .where('role', '=', 'deputy')
    .where('council_id', '=', ctx.councilId)
    .orderBy('email')
    .execute();
  const to = ctx.council.email && isAddress(ctx.council.email) ? [ctx.council.email] : [];
  // The deputies in Bcc: none of them sees the others' (private) addresses.
  const bcc = [...new Set(deputies.map((d) => d.email).filter(isAddress))].filter((a) => !to.includes(a));
  if (to.length === 0 && bcc.length === 0)
    throw noRecipient(
      'council',
      'no e-mail address on record for the council nor any deputy account; add one and retry',
    );
  return { to, bcc };
}
