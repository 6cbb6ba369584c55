// An act's procedure runs once (4.3): the act is issued, received, answered on both obligations and so closed, on
// Temporal's real time-skipping test server with the real act workflow and activities; issuing it again is refused
// with the same words by the JSON API and by `jmeg act issue` (spawned against the same database and server), and
// nothing is written: no event, no change to the act, no second run of its workflow. The engine's start itself
// refuses a second run of the finished workflow id (WorkflowIdReusePolicy.REJECT_DUPLICATE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAct, parseActDraft } from '../db/acts';
import { openGroup } from '../db/groups';
import { decideGroupCreation } from './support/group-created';
import { registerObject } from '../db/objects';
import { draftAct } from '../procedures/acts/draft-act';
import { issueAct, notIssuable } from '../procedures/acts/issue-act';
import { recordReceipt } from '../procedures/acts/record-receipt';
import { recordResponse } from '../procedures/acts/record-response';
import { actWorkflowId } from '../workflows/act/contract';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { countRows, dumpTable } from './support/db-dump';
import { requireServer, testServer } from './support/temporal-servers';

const server = testServer();
const runs = requireServer(server, 'an act issued once');
const START = '2026-06-01T04:00:00.000Z'; // Monday 1 June 2026, 10:00 in Bishkek

const COMPLETE = {
  purpose: 'Ичүүчү суунун сапатын баалоо',
  subject: 'Ичүүчү суу менен камсыздоо программасы',
  place: 'Терек-Суу айылы',
  periodStart: '2026-05-04',
  periodEnd: '2026-05-22',
  findings: [{ kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' }],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Анкеталоонун жыйынтыгы', kind: 'protocol' }],
};

let w: CliWorld;
let actId: string;
const deps = () => ({ db: w.t.db, engine: w.engine, now: () => w.engine.now(), dataDir: w.dataDir });

beforeAll(async () => {
  if (!server.available) return;
  w = await createCliWorld({ serverPath: server.path, startTime: START });
  const groupId = await openGroup(w.t.db, { councilId: w.councilId }, 'test');
  await decideGroupCreation(w.t.db, groupId); // 5.4.5: the group acts once created
  const school = await registerObject(
    w.t.db,
    {
      councilId: w.councilId,
      kind: 'municipal_institution',
      name: { ky: 'Мектеп', ru: 'Школа' },
      emails: ['mektep@ayil.kg'],
    },
    'test',
  );
  const act = await draftAct(deps(), { groupId, objectId: school.id, draft: parseActDraft(COMPLETE), actor: 'test' });
  actId = act.id;
}, 180_000);

afterAll(async () => {
  await w?.close();
});

/** What a second issue must leave as it is: the event log, the act's row, the workflow's one run. */
async function snapshot() {
  const described = await w.engine.env.client.workflow.getHandle(actWorkflowId(actId)).describe();
  return {
    events: await countRows(w.t.db, 'events'),
    acts: await dumpTable(w.t.db, 'acts'),
    run: { runId: described.runId, status: described.status.name },
  };
}

describe.skipIf(!runs)('an act whose procedure ran is not issued again', () => {
  it('issued, received and answered on both obligations, the act closes', async () => {
    const issued = await issueAct(deps(), { actId, actor: 'test', whenEngineAway: 'refuse' });
    expect(issued.delivery).toBe('started');
    await recordReceipt(deps(), { actId, receivedOn: '2026-06-01', via: 'staff' });
    // The executive body's own receipt opens its 30 days (4.3(4)); the object's opens only the object's answer.
    await recordReceipt(deps(), { actId, receivedOn: '2026-06-01', via: 'staff', party: 'executive-body' });
    await w.engine.advanceTo('2026-06-02T04:00:00Z');
    for (const obligationKey of ['object-response', 'executive-report'] as const)
      await recordResponse(deps(), {
        actId,
        obligationKey,
        respondedOn: '2026-06-02',
        text: 'Насос алмаштырылды.',
        submissionKey: `test:${obligationKey}`,
        file: null,
        uploadedBy: 'test',
      });
    await w.engine.advanceTo('2026-06-02T04:05:00Z');
    expect((await findAct(w.t.db, actId))?.status).toBe('closed');
    expect((await snapshot()).run.status).toBe('COMPLETED');
  });

  it('the API and the CLI refuse it with the same words, and nothing is written', async () => {
    const before = await snapshot();
    const act = (await findAct(w.t.db, actId))!;
    const words = notIssuable({ id: act.id, number: act.number, status: 'closed' }).message.en;
    expect(words).toBe(
      `Act ${act.number} is closed: its procedure has ended, and the act cannot be issued again (4.3).`,
    );

    const api = await w.staff('POST', `/api/acts/${actId}/issue?lang=en`);
    expect(api.statusCode).toBe(409);
    const body = api.json<{
      error: { message: string; problems: { field: string; rule: string; message: string }[] };
    }>();
    expect(body.error.problems).toEqual([{ field: 'status', rule: 'act-closed', clause: '4.3', message: words }]);
    expect(body.error.message).toContain(words);

    const cli = await w.jmeg('act', 'issue', actId, '--lang', 'en');
    expect({ code: cli.code, stdout: cli.stdout, stderr: cli.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `act issue: refused: ${words}\n`,
    });

    expect(await snapshot()).toEqual(before);
  });

  it("the engine's start of the finished workflow id is refused: no second run", async () => {
    const before = await snapshot();
    const act = (await findAct(w.t.db, actId))!;
    const outcome = await w.engine.start('actWorkflow', actWorkflowId(actId), [
      {
        actId,
        groupId: act.groupId,
        councilId: (
          await w.t.db.selectFrom('groups').select('council_id').where('id', '=', act.groupId).executeTakeFirstOrThrow()
        ).council_id,
      },
    ]);
    expect(outcome).toBe('already-started');
    expect(await snapshot()).toEqual(before);
  });
});
