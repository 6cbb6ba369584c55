// Projection: councils and groups.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { CouncilEvent, GroupEvent } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<CouncilEvent | GroupEvent>): Promise<void> {
  switch (event.type) {
    case 'council.registered': {
      const p = event.payload;
      await trx
        .insertInto('councils')
        .values({
          id: p.councilId,
          name_ky: p.name.ky,
          name_ru: p.name.ru,
          website: p.website,
          time_zone: p.timeZone,
          email: p.email,
          registered_at: event.occurredAt,
        })
        .execute();
      return;
    }
    case 'council.retention-set': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('councils')
          .set({ retention_months: p.months })
          .where('id', '=', p.councilId)
          .executeTakeFirst(),
        'councils',
        p.councilId,
      );
      return;
    }
    case 'group.opened': {
      const p = event.payload;
      await trx
        .insertInto('groups')
        .values({
          id: p.groupId,
          council_id: p.councilId,
          status: 'forming',
          council_formed_on: p.councilFormedOn,
          previous_group_id: p.previousGroupId ?? null,
          created_on: null,
          resolution_number: null,
          term_end: null,
          opened_at: event.occurredAt,
        })
        .execute();
      return;
    }
    case 'group.created': {
      const p = event.payload;
      const updated = await trx
        .updateTable('groups')
        .set({ status: 'created', created_on: p.createdOn, resolution_number: p.resolutionNumber, term_end: p.termEnd })
        .where('id', '=', p.groupId)
        .executeTakeFirst();
      expectOne(updated, 'groups', p.groupId);
      return;
    }
    case 'group.adopted': {
      const p = event.payload;
      await trx
        .insertInto('group_adoptions')
        .values({
          group_id: p.groupId,
          resolution_number: p.resolutionNumber,
          decided_on: p.decidedOn,
          published_on: p.publishedOn,
          term_start: p.termStart,
          term_end: p.termEnd,
          chair_elected_later: p.chairMembershipId === null,
          members: p.members,
          findings: JSON.stringify(p.findings),
          adopted_at: event.occurredAt,
        })
        .execute();
      return;
    }
    case 'group.status-changed': {
      expectOne(
        await trx
          .updateTable('groups')
          .set({ status: event.payload.status })
          .where('id', '=', event.payload.groupId)
          .executeTakeFirst(),
        'groups',
        event.payload.groupId,
      );
      return;
    }
  }
}
