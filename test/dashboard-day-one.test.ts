// The dashboard tells the truth from day one (issue 17): the formation's notice (5.4.1) is owed from the day the
// formation starts, so the chair's list and counts show it open before the formation procedure has recorded
// anything (a worker not yet running, a procedure that starts late), and once the procedure records it the list has
// it once. Read from the database, the formation page's first step shows that due date, never "counted once the
// step before is done"; the chair's links on it lead only where the chair may go. Through app.inject on a real
// Postgres database, without a procedure engine (the pages read the database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObligationEvent } from '../activities/obligations/record-obligation-event';
import type { App } from '../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../api/auth/session-cookie';
import { buildApp } from '../api/build-app';
import { msg } from '../api/ui/messages';
import { loadConfig } from '../config/config';
import { createAccount, createSession } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { openGroup } from '../db/groups';
import { importRoster } from '../db/import-roster';
import { calendarForCouncil, pendingObligations } from '../db/pending';
import { computeDeadline } from '../domain/deadlines';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { SAMPLE_ROSTER } from './support/sample-roster';

let t: TestDatabase;
let app: App;
let councilId: string;
let forming: string;
let seated: string;
const FORMED_ON = '2026-02-20';
/** 5.4.1 counted from 20.02.2026 on the shipped calendar. */
let due: string;
const NOW = new Date('2026-02-24T04:00:00Z');

async function session(groupId: string, role: 'chair' | 'staff', council = councilId): Promise<string> {
  const email = `${role}-${groupId.slice(0, 8)}@aksuu.kg`;
  const password = 'a long enough password';
  const accountId = await createAccount(
    t.db,
    role === 'chair'
      ? { email, password, role: 'chair', groupId }
      : { email, password, role: 'staff', councilId: council },
  );
  const id = newToken();
  await createSession(t.db, { idHash: hashSessionId(id), accountId, csrfToken: newToken(), at: NOW });
  return `${SESSION_COOKIE}=${id}`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' } },
    'test',
  );
  forming = await openGroup(t.db, { councilId, councilFormedOn: FORMED_ON }, 'test');
  // A group whose members are recorded (imported from a roster) is not at the formation's first step.
  seated = await openGroup(t.db, { councilId, councilFormedOn: FORMED_ON }, 'test');
  await importRoster(t.db, seated, SAMPLE_ROSTER, { actor: 'test', on: '2026-02-21' });
  due = computeDeadline('formation-notice', FORMED_ON, await calendarForCouncil(t.db, councilId)).due;
  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW.getTime() });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const list = async (groupId: string, filter?: 'overdue' | 'due-this-week') =>
  pendingObligations(t.db, {
    groupId,
    today: '2026-02-24',
    calendar: await calendarForCouncil(t.db, councilId),
    ...(filter ? { filter } : {}),
  });

describe("the formation's notice (5.4.1) on the pending list from the day the formation starts", () => {
  it('is open, owed by the executive body, counted from the formation date, before the procedure recorded it', async () => {
    const items = await list(forming);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      obligationId: `${forming}/formation-notice`,
      key: 'formation-notice',
      clause: '5.4.1',
      party: { id: 'executive-body' },
      status: 'open',
      open: true,
      overdue: false,
      anchorDate: FORMED_ON,
      dueDate: due,
      act: null,
      object: null,
    });
    expect(items[0]!.daysLeft?.left).toBeGreaterThan(0);
    // Not due this week, not overdue: the filters leave it out.
    expect(await list(forming, 'overdue')).toEqual([]);
    expect(await list(forming, 'due-this-week')).toEqual([]);
  });

  it('the chair\'s dashboard counts it: "Open: 1", and shows it in the table with its due date', async () => {
    const cookie = await session(forming, 'chair');
    const res = await app.inject({
      method: 'GET',
      url: `/manage/groups/${forming}/dashboard?lang=en`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Open: 1\b/);
    expect(res.body).toContain(`<time datetime="${due}">`);
    const api = await app.inject({ method: 'GET', url: `/api/groups/${forming}/obligations`, headers: { cookie } });
    expect(api.statusCode).toBe(200);
    expect(JSON.stringify(api.json())).toContain(`${forming}/formation-notice`);
  });

  it('is not added to a group whose members are recorded', async () => {
    expect((await list(seated)).map((o) => o.key)).not.toContain('formation-notice');
  });

  it('once the procedure records the obligation, the list has it once (the recorded row)', async () => {
    await recordObligationEvent(t.db, {
      obligationId: `${forming}/formation-notice`,
      type: 'opened',
      at: NOW.toISOString(),
      due,
      dueInstant: `${due}T18:00:00.000Z`,
      groupId: forming,
      actId: null,
      key: 'formation-notice',
      clause: '5.4.1',
      party: 'executive-body',
      anchor: FORMED_ON,
    });
    const items = await list(forming);
    expect(items.map((o) => o.obligationId)).toEqual([`${forming}/formation-notice`]);
    expect(items[0]!.dueDate).toBe(due);
  });
});

describe('the formation page for the chair, read from the database', () => {
  it('has no link to /manage (a 403 for the chair) and links to the dashboard', async () => {
    const group = await openGroup(
      t.db,
      { councilId: await registerCouncil(t.db, { name: { ky: 'Б', ru: 'Б' } }, 'test'), councilFormedOn: FORMED_ON },
      'test',
    );
    const cookie = await session(group, 'chair');
    const res = await app.inject({
      method: 'GET',
      url: `/manage/groups/${group}/formation?lang=ky`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('href="/manage?lang=ky"');
    expect(res.body).toContain(`href="/manage/groups/${group}/dashboard?lang=ky"`);
    const manage = await app.inject({ method: 'GET', url: '/manage?lang=ky', headers: { cookie } });
    expect(manage.statusCode).toBe(403);
  });

  it("staff still get /manage; the first step shows its due date from day one, never 'counted once the step before is done'", async () => {
    const other = await registerCouncil(t.db, { name: { ky: 'В', ru: 'В' } }, 'test');
    const group = await openGroup(t.db, { councilId: other, councilFormedOn: FORMED_ON }, 'test');
    const cookie = await session(group, 'staff', other);
    const res = await app.inject({
      method: 'GET',
      url: `/manage/groups/${group}/formation?lang=en`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/manage?lang=en"');
    const steps =
      /<tbody>([\s\S]*?)<\/tbody>/.exec(res.body.slice(res.body.indexOf(msg('en', 'formation.col.step'))))?.[1] ?? '';
    const first = /<tr[^>]*>([\s\S]*?)<\/tr>/.exec(steps)?.[1] ?? '';
    expect(first).toContain(msg('en', 'formation.line.formation-notice'));
    expect(first).not.toContain(msg('en', 'formation.due.notYet'));
    // Read from the database before the procedure recorded anything: the notice's due date, counted from the formation date.
    expect(first).toContain(`<time datetime="${due}">`);
  });
});
