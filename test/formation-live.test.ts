// The formation on Temporal's dev server (the Temporal CLI of devServerBinary()), with the real activities (Postgres,
// SMTP). Without time skipping only the on-time path fits in real time: every step is recorded today, in order.
// Reminder and escalation timing is covered on the time-skipping test server (test/formation.test.ts).
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { buildTransport } from '../activities/mail/build-transport';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { addDays, bishkekDateOf } from '../domain/dates';
import * as f from '../workflows/formation/contract';
import { formationWorkflow } from '../workflows/formation/formation-workflow';
import { useLiveRig, type LiveTemporal } from './support/live-temporal';
import { devServerBinary, quietTemporalRuntime, requireServer } from './support/temporal-servers';
import { testDataConverter } from './support/payload-test-keys';

const server = devServerBinary();
const live: LiveTemporal = server.available
  ? {
      available: true,
      description: `local dev server from ${server.path}`,
      open: () => {
        quietTemporalRuntime();
        return TestWorkflowEnvironment.createLocal({
          server: { executable: { type: 'existing-path', path: server.path }, ip: '127.0.0.1' },
          client: { dataConverter: testDataConverter },
        });
      },
    }
  : { available: false, reason: server.reason };

describe.skipIf(!requireServer(server, 'formation workflow on the dev server'))(
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
      const transport = buildTransport({ smtpUrl: rig.smtp.url, dataDir: '/nonexistent', mailFrom: 'jmeg@live.kg' });
      const taskQueue = `formation-live-${randomUUID()}`;
      const worker = await Worker.create({
        connection: rig.env.nativeConnection,
        namespace: rig.env.namespace ?? 'default',
        taskQueue,
        workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
        activities: createActivities({ db, transport, config: { mailFrom: 'jmeg@live.kg' } }),
        maxCachedWorkflows: 10,
        dataConverter: testDataConverter,
      });
      await worker.runUntil(async () => {
        const handle = await rig.env.client.workflow.start(formationWorkflow, {
          args: [{ councilId, groupId, formedOn: addDays(today, -10) } satisfies f.FormationInput],
          taskQueue,
          workflowId: f.formationWorkflowId(groupId),
        });
        const person = (fullName: string, sex: 'M' | 'F') => ({ fullName, sex, birthDate: '1980' });
        await handle.executeUpdate(f.publishFormationNoticeUpdate, {
          args: [{ publishedOn: today, channels: ['website'] }],
        });
        await handle.executeUpdate(f.submitStaffCandidatesUpdate, {
          args: [{ submittedOn: today, candidates: [person('Асанов Бакыт', 'M'), person('Токтогулова Айгүл', 'F')] }],
        });
        await handle.executeUpdate(f.approveDeputyMembersUpdate, {
          args: [{ approvedOn: today, deputies: [person('Жумабеков Нурлан', 'M')] }],
        });
        const citizens = [
          person('Исакова Гүлмира', 'F'),
          person('Осмонов Талант', 'M'),
          person('Сыдыкова Жамила', 'F'),
          person('Мамытов Эрлан', 'M'),
        ].map((p) => ({ ...p, votes: 60 }));
        await handle.executeUpdate(f.recordGatheringProtocolUpdate, {
          args: [{ heldOn: today, protocolRef: '1', participants: 90, candidates: citizens }],
        });
        await expect(
          handle.executeUpdate(f.recordFirstMeetingUpdate, {
            args: [
              {
                heldOn: today,
                present: 6,
                chairElection: { fullName: 'Сыдыкова Жамила', votesFor: 5, votesAgainst: 0, abstained: 1 },
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
              chairElection: { fullName: 'Сыдыкова Жамила', votesFor: 5, votesAgainst: 0, abstained: 1 },
            },
          ],
        });
        const result = await handle.result();
        expect(result).toMatchObject({ groupId, chair: 'Сыдыкова Жамила', members: 7 });
      });
      transport.close();
      const group = await db.selectFrom('groups').select('status').where('id', '=', groupId).executeTakeFirstOrThrow();
      expect(group.status).toBe('active');
      expect(rig.smtp.received).toEqual([]);
    }, 120_000);
  },
);
