// Reading and opening groups.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { IsoDate } from '../domain/dates';
import type { Database, GroupAdoptionsTable, GroupsTable } from './database';
import { streams } from './events';
import { record } from './record';

export type Group = Selectable<GroupsTable>;

export function findGroupById(db: Kysely<Database>, id: string): Promise<Group | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listGroups(db: Kysely<Database>, councilId?: string): Promise<Group[]> {
  let query = db.selectFrom('groups').selectAll();
  if (councilId !== undefined) query = query.where('council_id', '=', councilId);
  return query.orderBy('opened_at').orderBy('id').execute();
}

export interface OpenGroupInput {
  councilId: string;
  /** The council's own formation date: 5.4.1 counts the formation notice from it. */
  councilFormedOn?: IsoDate | null;
  /** The group whose term ended, when this formation follows it (5.3.1). */
  previousGroupId?: string | null;
  id?: string;
}

/** Records group.opened (status 'forming'); returns the group's id. The council must exist. */
export async function openGroup(db: Kysely<Database>, input: OpenGroupInput, actor: string): Promise<string> {
  const groupId = input.id ?? randomUUID();
  await record(db, {
    stream: streams.group(groupId),
    expectedVersion: 0,
    actor,
    events: [
      {
        type: 'group.opened',
        payload: {
          groupId,
          councilId: input.councilId,
          councilFormedOn: input.councilFormedOn ?? null,
          ...(input.previousGroupId ? { previousGroupId: input.previousGroupId } : {}),
        },
      },
    ],
  });
  return groupId;
}

export type GroupAdoption = Selectable<GroupAdoptionsTable>;

/** How a group taken on was adopted (the resolution, its publication, the term, the findings kept), if it was. */
export function findGroupAdoption(db: Kysely<Database>, groupId: string): Promise<GroupAdoption | undefined> {
  return db.selectFrom('group_adoptions').selectAll().where('group_id', '=', groupId).executeTakeFirst();
}

/** The council's groups in office or in formation (a council has one group at a time, 5.3.1). */
export function liveGroups(db: Kysely<Database>, councilId: string): Promise<Group[]> {
  return db
    .selectFrom('groups')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('status', 'in', ['forming', 'created', 'active'])
    .orderBy('opened_at')
    .execute();
}
