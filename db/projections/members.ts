// Projection: persons and their memberships in a group.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { MemberEvent, PersonData } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<MemberEvent>): Promise<void> {
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
      expectOne(await trx.updateTable('memberships').set({ role: p.role }).where('id', '=', p.membershipId).executeTakeFirst(), 'memberships', p.membershipId);
      return;
    }
  }
}

/** The latest recorded data of a person wins (a person may join several groups over the years). */
export async function upsertPerson(trx: Transaction<Database>, personId: string, groupId: string, person: PersonData): Promise<void> {
  const { council_id } = await trx.selectFrom('groups').select('council_id').where('id', '=', groupId).executeTakeFirstOrThrow();
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
