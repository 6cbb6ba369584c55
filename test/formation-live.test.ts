// The formation on Temporal's dev server (live-temporal.ts: TEMPORAL_ADDRESS, else the Temporal CLI's dev server), with the real activities (Postgres,
// SMTP). Without time skipping only the on-time path fits in real time: every step is recorded today, in order.
// Reminder and escalation timing is covered on the time-skipping test server (test/formation.test.ts).
import { describe, expect, it } from 'vitest';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { addDays, bishkekDateOf } from '../domain/dates';
import * as f from '../workflows/formation/contract';
import { formationWorkflow } from '../workflows/formation/formation-workflow';
import { detectLiveTemporal, liveWorker, requireLive, useLiveRig } from './support/live-temporal';
import { nominateToday, TODAY_CHAIR } from './support/formation-today';

const live = await detectLiveTemporal();

describe.skipIf(!requireLive(live, 'formation workflow on the dev server'))(
  'formation workflow on the Temporal dev server',
  () => {
    const rig = useLiveRig(live);

    it('every step on time, today: the group becomes active and no mail is sent', async () => {
      const today = bishkekDateOf(Date.now());
      const db = rig.database.db;
      const councilId = await registerCouncil(
        db,
        { name: { ky: 'Live кеңеш', ru: 'Live кенеш' }, email: 'kenesh@live.kg' },
        'test',
      );
      await registerObject(
        db,
        { councilId, name: { ky: 'Live өкмөт', ru: 'Live окмоту' }, kind: 'executive_body', emails: ['okmot@live.kg'] },
        'test',
      );
      const groupId = await openGroup(db, { councilId, councilFormedOn: addDays(today, -10) }, 'test');
      const { worker, taskQueue, transport } = await liveWorker(rig, 'formation-live');
      await worker.runUntil(async () => {
        const handle = await rig.env.client.workflow.start(formationWorkflow, {
          args: [{ councilId, groupId, formedOn: addDays(today, -10) } satisfies f.FormationInput],
          taskQueue,
          workflowId: f.formationWorkflowId(groupId),
        });
        await nominateToday(handle, today);
        await expect(
          handle.executeUpdate(f.recordFirstMeetingUpdate, {
            args: [
              {
                heldOn: today,
                present: 6,
                chairElection: { fullName: TODAY_CHAIR, votesFor: 5, votesAgainst: 0, abstained: 1 },
              },
            ],
          }),
        ).rejects.toThrow();
        const { firstMeetingDue } = await handle.executeUpdate(f.recordCouncilDecisionUpdate, {
          args: [{ decidedOn: today, resolutionNumber: 'L-1' }],
        });
        await handle.executeUpdate(f.scheduleFirstMeetingUpdate, {
          args: [{ date: firstMeetingDue, time: '10:00', place: 'клуб' }],
        });
        await handle.executeUpdate(f.publishCreationNoticeUpdate, {
          args: [{ publishedOn: today, channels: ['website', 'notice_board'] }],
        });
        await handle.executeUpdate(f.recordFirstMeetingUpdate, {
          args: [
            {
              heldOn: today,
              present: 6,
              chairElection: { fullName: TODAY_CHAIR, votesFor: 5, votesAgainst: 0, abstained: 1 },
            },
          ],
        });
        const result = await handle.result();
        expect(result).toMatchObject({ groupId, chair: TODAY_CHAIR, members: 7 });
      });
      transport.close();
      const group = await db.selectFrom('groups').select('status').where('id', '=', groupId).executeTakeFirstOrThrow();
      expect(group.status).toBe('active');
      expect(rig.smtp.received).toEqual([]);
    }, 120_000);
  },
);
