// Projection: conflict.* events (db/conflict-events.ts) onto conflict_declarations and conflict_removals.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { ConflictEvent } from '../conflict-events';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<ConflictEvent>): Promise<void> {
  switch (event.type) {
    case 'conflict.declared': {
      const p = event.payload;
      await trx
        .insertInto('conflict_declarations')
        .values({
          id: p.declarationId,
          group_id: p.groupId,
          membership_id: p.membershipId,
          person_id: p.personId,
          account_id: p.accountId,
          object_id: p.objectId,
          plan_item_id: p.planItemId ?? null,
          matter: p.matter,
          text: p.text,
          file: p.file === null ? null : JSON.stringify(p.file),
          declared_on: p.declaredOn,
        })
        .execute();
      return;
    }
    case 'conflict.removal-recorded': {
      const p = event.payload;
      await trx
        .insertInto('conflict_removals')
        .values({
          id: p.removalId,
          declaration_id: p.declarationId,
          group_id: p.groupId,
          from_date: p.from,
          to_date: p.to,
          reason: p.reason,
          recorded_on: p.recordedOn,
        })
        .execute();
      return;
    }
  }
}
