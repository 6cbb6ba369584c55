// `jmeg act resend-link` and `jmeg request resend-link` (4.3, 4.3(4), 7.3.2(1)) spawned against a real Postgres
// database beside Temporal's time-skipping server running the act's procedure: a draft gets no link (exit 1, the
// rule's words, nothing written); an issued act's party gets a fresh link, one mail per link generation in the
// outbox (here the data directory's .eml files), each re-send a new generation revoking the one before; a bad
// --party is a usage error (exit 2). Monday 1 June 2026, 10:00 in Bishkek.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emlFileName } from '../activities/mail/build-transport';
import { parseActDraft } from '../db/acts';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { draftAct } from '../procedures/acts/draft-act';
import { issueAct } from '../procedures/acts/issue-act';
import { actLinkMailKey } from '../procedures/links/resend-link';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { countRows } from './support/db-dump';
import { decideGroupCreation } from './support/group-created';
import { requireServer, testServer } from './support/temporal-servers';

const server = testServer();
const runs = requireServer(server, 'jmeg resend-link');
const START = '2026-06-01T04:00:00.000Z';

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
const generations = () =>
  w.t.db
    .withTables<{ link_generations: { subject: string; party_object_id: string; generation: number } }>()
    .selectFrom('link_generations')
    .select(['subject', 'generation'])
    .orderBy('generation')
    .execute();
const emls = (key: string) => {
  const outbox = join(w.dataDir, 'outbox');
  return existsSync(outbox) ? readdirSync(outbox).filter((n) => n === emlFileName(key)) : [];
};

beforeAll(async () => {
  if (!server.available) return;
  w = await createCliWorld({ serverPath: server.path, startTime: START });
  const groupId = await openGroup(w.t.db, { councilId: w.councilId }, 'test');
  await decideGroupCreation(w.t.db, groupId);
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
  actId = (await draftAct(deps(), { groupId, objectId: school.id, draft: parseActDraft(COMPLETE), actor: 'test' })).id;
}, 180_000);

afterAll(async () => {
  await w?.close();
});

describe.skipIf(!runs)('jmeg act resend-link', () => {
  it('a draft gets no link: exit 1 with the rule, nothing written', async () => {
    const events = await countRows(w.t.db, 'events');
    const cli = await w.jmeg('act', 'resend-link', actId, '--lang', 'en');
    expect({ code: cli.code, stdout: cli.stdout, stderr: cli.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: 'act resend-link: refused: The act is not issued yet: a link is sent only for an issued act (4.3).\n',
    });
    expect(await generations()).toEqual([]);
    expect(await countRows(w.t.db, 'events')).toBe(events);
    expect(await countRows(w.t.db, 'mail_outbox')).toBe(0);
  });

  it("an issued act's object and executive body each get a fresh link, one mail per generation; a bad --party is exit 2", async () => {
    const issued = await issueAct(deps(), { actId, actor: 'test', whenEngineAway: 'refuse' });
    expect(issued.delivery).toBe('started');
    const first = await w.jmeg('act', 'resend-link', actId, '--lang', 'en');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Fresh link \(1\) sent to mektep@ayil\.kg; valid until \d\d\.\d\d\.\d{4}\. The earlier link no longer works\.\n$/,
    );
    const second = await w.jmeg('act', 'resend-link', actId, '--lang', 'ru');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Новая ссылка (2) отправлена: mektep@ayil.kg');
    const executive = await w.jmeg('act', 'resend-link', actId, '--party', 'executive_body', '--lang', 'en');
    expect(executive.code, executive.stderr).toBe(0);
    expect(executive.stdout).toContain('Fresh link (1) sent to okmot@ayil.kg');
    expect(await generations()).toEqual([
      { subject: `act:${actId}`, generation: 1 },
      { subject: `act:${actId}`, generation: 1 },
      { subject: `act:${actId}`, generation: 2 },
    ]);
    for (const key of [
      actLinkMailKey(actId, 'object', 1),
      actLinkMailKey(actId, 'object', 2),
      actLinkMailKey(actId, 'executive-body', 1),
    ])
      expect(emls(key)).toHaveLength(1);
    const bad = await w.jmeg('act', 'resend-link', actId, '--party', 'chair');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--party "chair" must be object or executive_body');
    expect(await generations()).toHaveLength(3);
  });
});
