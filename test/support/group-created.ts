// A group whose creation the council decided (5.4.5), for tests whose group acts: it issues acts (8.1) and requests
// information (7.3.2(1)) only once created and within its term of office (5.3.1). Records group.created as the
// formation's decision step does, through the event store and its projection.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { streams } from '../../db/events';
import { record } from '../../db/record';

export async function decideGroupCreation(
  db: Kysely<Database>,
  groupId: string,
  decision: { createdOn?: string; termEnd?: string; resolutionNumber?: string } = {},
): Promise<void> {
  await record(db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [
      {
        type: 'group.created',
        payload: {
          groupId,
          createdOn: decision.createdOn ?? '2026-01-20',
          resolutionNumber: decision.resolutionNumber ?? '12/3',
          termEnd: decision.termEnd ?? '2030-01-20',
        },
      },
    ],
  });
}
