// Projection: candidates, their nominations (5.4.2-5.4.4) and community gathering protocols.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { CandidateEvent } from '../events';
import { upsertPerson } from './members';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<CandidateEvent>): Promise<void> {
  switch (event.type) {
    case 'gathering.protocol-recorded': {
      const p = event.payload;
      await trx
        .insertInto('gathering_protocols')
        .values({
          id: p.protocolId,
          group_id: p.groupId,
          held_on: p.heldOn,
          protocol_ref: p.protocolRef,
          place: p.place,
          participants: p.participants,
        })
        .execute();
      return;
    }
    case 'candidate.nominated': {
      const p = event.payload;
      await upsertPerson(trx, p.personId, p.groupId, p.person);
      await trx
        .insertInto('candidates')
        .values({
          id: p.candidateId,
          group_id: p.groupId,
          person_id: p.personId,
          category: p.category,
          status: 'nominated',
          membership_id: null,
          withdrawn_reason: null,
        })
        .execute();
      await trx
        .insertInto('nominations')
        .values({
          id: p.nominationId,
          candidate_id: p.candidateId,
          source: p.source,
          protocol_id: p.protocolId,
          votes: p.votes,
          nominated_on: p.nominatedOn,
        })
        .execute();
      return;
    }
    case 'candidate.withdrawn': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('candidates')
          .set({ status: 'withdrawn', withdrawn_reason: p.reason })
          .where('id', '=', p.candidateId)
          .executeTakeFirst(),
        'candidates',
        p.candidateId,
      );
      return;
    }
    case 'candidate.appointed': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('candidates')
          .set({ status: 'appointed', membership_id: p.membershipId })
          .where('id', '=', p.candidateId)
          .executeTakeFirst(),
        'candidates',
        p.candidateId,
      );
      return;
    }
  }
}
