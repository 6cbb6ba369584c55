// The act procedure on Temporal's dev server (live-temporal.ts: TEMPORAL_ADDRESS, else `temporal server start-dev`), with the real activities
// (Postgres, SMTP). The dev server's clock is the wall clock, so only the on-time path fits: issued, delivered,
// received and answered today. Reminder, prompt and escalation timing runs on the time-skipping server
// (test/act-workflow.test.ts).
import { describe, expect, it } from 'vitest';
import { draftAct, issueAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { bishkekDateOf } from '../domain/dates';
import * as a from '../workflows/act/contract';
import { actWorkflow } from '../workflows/act/act-workflow';
import { detectLiveTemporal, liveWorker, requireLive, useLiveRig } from './support/live-temporal';

const live = await detectLiveTemporal();

describe.skipIf(!requireLive(live, 'act workflow on the dev server'))('act workflow on the Temporal dev server', () => {
  const rig = useLiveRig(live);

  it('delivered, received and answered today: one mail with the link, the act closes when both obligations are met', async () => {
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
    const school = await registerObject(
      db,
      {
        councilId,
        name: { ky: 'Live мектеп', ru: 'Live школа' },
        kind: 'municipal_institution',
        emails: ['mektep@live.kg'],
      },
      'test',
    );
    const groupId = await openGroup(db, { councilId }, 'test');
    const draft = parseActDraft({
      purpose: 'Баалоо',
      subject: 'Суу',
      place: 'Айыл',
      periodStart: today,
      periodEnd: today,
      findings: [{ kind: 'fact', text: 'Факт', method: 'site_visit' }],
      recommendations: ['Сунуш'],
      annexes: [{ title: 'Сүрөт', kind: 'photo' }],
    });
    const act = await draftAct(db, { groupId, objectId: school.id, draft }, 'test');
    await issueAct(db, act.id, { on: today, actor: 'test' });
    const { worker, taskQueue, transport } = await liveWorker(rig, 'act-live', {
      responseLinkSecret: 'live-secret-0123456789abcdef-0123456789',
    });
    await worker.runUntil(async () => {
      const handle = await rig.env.client.workflow.start(actWorkflow, {
        args: [{ actId: act.id, groupId, councilId } satisfies a.ActInput],
        taskQueue,
        workflowId: a.actWorkflowId(act.id),
      });
      for (let i = 0; i < 100 && (await handle.query(a.actStateQuery)).act === null; i++)
        await new Promise((r) => setTimeout(r, 100));
      await handle.executeUpdate(a.recordReceiptUpdate, { args: [{ receivedOn: today, via: 'link' }] });
      // 4.3(4): the executive body's own receipt opens its report.
      await handle.executeUpdate(a.recordReceiptUpdate, {
        args: [{ receivedOn: today, via: 'link', party: 'executive-body' }],
      });
      await expect(handle.executeUpdate(a.closeActUpdate, { args: [{ reason: 'x', on: today }] })).rejects.toThrow();
      await handle.executeUpdate(a.recordResponseUpdate, {
        args: [{ obligationKey: 'object-response', respondedOn: today, text: 'Жооп', submissionKey: 'k-1' }],
      });
      await handle.executeUpdate(a.recordResponseUpdate, {
        args: [{ obligationKey: 'executive-report', respondedOn: today, text: 'Отчет', submissionKey: 'k-2' }],
      });
      expect(await handle.result()).toMatchObject({ actId: act.id, by: 'obligations-met', on: today });
    });
    transport.close();
    // The act to the school and to the executive body (its own link), then the school's answer forwarded (4.3(3)).
    expect(rig.smtp.received.map((m) => m.envelopeTo)).toEqual([
      ['mektep@live.kg'],
      ['okmot@live.kg'],
      ['okmot@live.kg'],
    ]);
    const row = await db.selectFrom('acts').select('status').where('id', '=', act.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');
  }, 120_000);
});
