// Projection: a monitored object's edits (db/object-edit-events.ts) onto monitored_objects: the new names and
// addresses (the old ones stay in the event log), and whether it is active.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { ObjectEditEvent } from '../object-edit-events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<ObjectEditEvent>): Promise<void> {
  const objectId = event.payload.objectId;
  let set: Partial<{ name: string; name_ru: string; contacts: string; postal_address: string | null; active: boolean }>;
  switch (event.type) {
    case 'object.edited': {
      const c = event.payload.changes;
      set = {
        ...(c.name !== undefined ? { name: c.name } : {}),
        ...(c.nameRu !== undefined ? { name_ru: c.nameRu } : {}),
        ...(c.contacts !== undefined ? { contacts: JSON.stringify(c.contacts) } : {}),
        ...(c.postalAddress !== undefined ? { postal_address: c.postalAddress } : {}),
      };
      if (Object.keys(set).length === 0) return;
      break;
    }
    case 'object.deactivated':
      set = { active: false };
      break;
    case 'object.reactivated':
      set = { active: true };
      break;
  }
  expectOne(
    await trx.updateTable('monitored_objects').set(set).where('id', '=', objectId).executeTakeFirst(),
    'monitored_objects',
    objectId,
  );
}
