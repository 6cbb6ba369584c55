// Projection: persons, their memberships in a group, and the erasure of their personal data.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { MemberEvent, PersonData, PersonEvent } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<MemberEvent | PersonEvent>): Promise<void> {
  switch (event.type) {
    case 'member.added': {
      const p = event.payload;
      await upsertPerson(trx, p.personId, p.groupId, p.person);
      await trx
        .insertInto('memberships')
        .values({
          id: p.membershipId,
          group_id: p.groupId,
          person_id: p.personId,
          category: p.category,
          role: p.role,
          joined_on: p.joinedOn,
          left_on: null,
          left_reason: null,
        })
        .execute();
      return;
    }
    case 'member.removed': {
      const p = event.payload;
      const updated = await trx
        .updateTable('memberships')
        .set({ left_on: p.leftOn, left_reason: p.reason })
        .where('id', '=', p.membershipId)
        .executeTakeFirst();
      expectOne(updated, 'memberships', p.membershipId);
      return;
    }
    case 'member.role-changed': {
      const p = event.payload;
      expectOne(
        await trx.updateTable('memberships').set({ role: p.role }).where('id', '=', p.membershipId).executeTakeFirst(),
        'memberships',
        p.membershipId,
      );
      return;
    }
    case 'person.data-erased': {
      const p = event.payload;
      const updated = await trx
        .updateTable('persons')
        .set({ birth_date: null, phone: null, email: null, data_erased_at: event.occurredAt })
        .where('id', '=', p.personId)
        .executeTakeFirst();
      expectOne(updated, 'persons', p.personId);
      return;
    }
  }
}

/**
 * The latest recorded data of a person wins (a person may join several groups over the years). Data read back erased
 * arrives as nulls; when the person's erasure is applied is person.data-erased's business (data_erased_at).
 */
export async function upsertPerson(
  trx: Transaction<Database>,
  personId: string,
  groupId: string,
  person: PersonData,
): Promise<void> {
  const { council_id } = await trx
    .selectFrom('groups')
    .select('council_id')
    .where('id', '=', groupId)
    .executeTakeFirstOrThrow();
  const values = {
    full_name: person.fullName,
    sex: person.sex,
    birth_date: person.birthDate,
    workplace: person.workplace,
    village: person.village,
    phone: person.phone,
    email: person.email,
  };
  await trx
    .insertInto('persons')
    .values({ id: personId, council_id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
