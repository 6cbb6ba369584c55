// `jmeg member add` over a group taken through its council's decision of Friday 20 November 2026, recorded as adopted
// with one municipal employee of 9 (5.2.3(1) asks for 2), on the real time-skipping server and Postgres: a municipal
// employee named by a gathering is refused naming the field and 5.4.2 with nothing written; the council's decision
// No. 91 of Monday 7 December adds an employee (5.4.2) and a citizen (5.4.4), and the public composition says the
// decision was adopted with the violation and cured on 07.12.2026 by that decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { listPublicMembers } from '../db/members';
import { record } from '../db/record';
import { startTerm } from '../procedures/term/start-term';
import { termStateQuery, termWorkflowId } from '../workflows/term/contract';
import { createCliWorld, type CliWorld } from './support/cli-world';
import { sampleMember } from './support/sample-roster';
import { requireServer, testServer } from './support/temporal-servers';

const server = testServer();
const runs = requireServer(server, 'jmeg member add');
const START = '2026-12-07T04:00:00.000Z'; // Monday 7 December 2026, 10:00 in Bishkek

let w: CliWorld;
let groupId: string;

const events = async (type: string) =>
  Number(
    (
      await w.t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('stream_id', '=', streams.group(groupId))
        .where('type', '=', type)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  if (!server.available) return;
  w = await createCliWorld({ serverPath: server.path, startTime: START });
  const db = w.t.db;
  groupId = await openGroup(db, { councilId: w.councilId }, 'test');
  await record(db, {
    stream: streams.group(groupId),
    actor: 'test',
    events: [
      {
        type: 'group.created',
        payload: {
          groupId,
          createdOn: '2026-11-20',
          resolutionNumber: '83',
          termEnd: '2030-11-20',
          violations: [
            {
              code: 'municipal-employees-below-quota',
              clause: '5.2.3(1)',
              message: {
                ky: '1 муниципалдык кызматчы; 2 керек',
                ru: '1 муниципальный служащий; нужно 2',
                en: '1 municipal employee; 2 needed',
              },
            },
          ],
        },
      },
    ],
  });
  await importRoster(
    db,
    groupId,
    [
      ...Array.from({ length: 6 }, (_, i) => sampleMember(`Жаран ${i + 1}`, i % 2 ? 'M' : 'F', 'citizen', 1960 + i)),
      ...Array.from({ length: 2 }, (_, i) => sampleMember(`Депутат ${i + 1}`, 'M', 'deputy', 1970 + i)),
      sampleMember('Кызматчы 1', 'F', 'municipal_employee', 1980),
    ],
    { actor: 'test', on: '2026-11-20' },
  );
  const listed = await listPublicMembers(db, groupId);
  await startTerm(
    { engine: w.engine },
    {
      groupId,
      councilId: w.councilId,
      termStart: '2026-11-20',
      members: listed.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName, category: m.category })),
      chairMembershipId: null,
    },
  );
}, 240_000);

afterAll(async () => {
  await w?.close();
});

const add = (...extra: string[]) =>
  w.jmeg('member', 'add', '--group', groupId, '--number', '91', '--date', '2026-12-07', '--lang', 'en', ...extra);

describe.skipIf(!runs)('jmeg member add: the cure of a decision adopted with a 5.2.3(1) violation', () => {
  it('a municipal employee named by a gathering is refused naming 5.4.2; the decision adding an employee and a citizen cures it, shown publicly', async () => {
    const employee = ['--category', 'municipal_employee', '--ref', 'Буйрук № 40', '--source-date', '2026-12-03'];
    const person = ['--name', 'Кызматчы 2', '--sex', 'M', '--birth-date', '1984', '--phone', '0555 000 111'];
    const wrong = await add(...employee, '--source', 'community-gathering', ...person);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      'member add: refused: A nominee of this category is named by the head of the executive body (5.4.2, 5.4.8).',
    );
    expect(await events('member.added')).toBe(9);

    const first = await add(...employee, '--source', 'executive-head', ...person);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Кызматчы 2 is a member from 2026-12-07 by the council's decision № 91 (5.4.5)");
    expect(first.stdout).toContain('composition: 10 members (does not meet 5.2)');
    const second = await add(
      '--category',
      'citizen',
      '--source',
      'community-gathering',
      '--ref',
      'Жыйындын протоколу № 5',
      '--source-date',
      '2026-12-05',
      '--participants',
      '44',
      '--votes-for',
      '30',
      '--name',
      'Жаран 7',
      '--sex',
      'F',
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('composition: 11 members\n');
    expect(await events('member.added')).toBe(11);
    expect(await events('term.members-added')).toBe(2);
    const state = await w.engine.client.workflow.getHandle(termWorkflowId(groupId)).query(termStateQuery);
    expect(state.members).toHaveLength(11);

    const res = await w.app.inject({ method: 'GET', url: `/groups/${groupId}/composition?lang=en` });
    expect(res.statusCode).toBe(200);
    const body = res.body.replace(/&#39;/g, "'");
    expect(body).toContain('adopted with a composition that does not meet 5.2.3(1)');
    expect(body).toContain("Cured on 07.12.2026 by the council's decision № 91 (07.12.2026)");
    expect(body).not.toMatch(/0555|1984/);
  }, 120_000);
});
