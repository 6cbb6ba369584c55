// A group of 13 whose term runs, in a CLI world (test/support/cli-world.ts), for the meeting and membership tests:
// created by resolution No. 83 on 20.11.2026 (term to 20.11.2030), 7 citizens «Жаран 1..7» (the chair «Жаран 1»),
// 3 deputies and 3 municipal employees, its term procedure started on the world's engine.
import { streams } from '../../db/events';
import { openGroup } from '../../db/groups';
import { importRoster } from '../../db/import-roster';
import { listPublicMembers, type PublicMember } from '../../db/members';
import { record } from '../../db/record';
import { startTerm } from '../../procedures/term/start-term';
import type { CliWorld } from './cli-world';
import { decideGroupCreation } from './group-created';
import { sampleMember } from './sample-roster';

export async function termGroup(
  w: CliWorld,
): Promise<{ groupId: string; listed: PublicMember[]; chair: PublicMember }> {
  const db = w.t.db;
  const groupId = await openGroup(db, { councilId: w.councilId }, 'test');
  await decideGroupCreation(db, groupId, { createdOn: '2026-11-20', termEnd: '2030-11-20', resolutionNumber: '83' });
  await importRoster(
    db,
    groupId,
    [
      ...Array.from({ length: 7 }, (_, i) => sampleMember(`Жаран ${i + 1}`, i % 2 ? 'M' : 'F', 'citizen', 1960 + i)),
      ...Array.from({ length: 3 }, (_, i) => sampleMember(`Депутат ${i + 1}`, 'M', 'deputy', 1970 + i)),
      ...Array.from({ length: 3 }, (_, i) => sampleMember(`Кызматчы ${i + 1}`, 'F', 'municipal_employee', 1980 + i)),
    ],
    { actor: 'test', on: '2026-11-20' },
  );
  const listed = await listPublicMembers(db, groupId);
  const chair = listed.find((m) => m.fullName === 'Жаран 1')!;
  await record(db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [{ type: 'member.role-changed', payload: { groupId, membershipId: chair.membershipId, role: 'chair' } }],
  });
  await startTerm(
    { engine: w.engine },
    {
      groupId,
      councilId: w.councilId,
      termStart: '2026-11-20',
      members: listed.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName, category: m.category })),
      chairMembershipId: chair.membershipId,
    },
  );
  return { groupId, listed, chair };
}
