// The group's term on Temporal's time-skipping server, for the scenarios of the term procedure (test/term-workflow,
// test/term-membership): one Postgres database and one SMTP server per file, a fresh engine per scenario at its own
// start, and worlds of a council whose group was created by a decision published on 20.11.2026 with 13 members who have
// addresses and a citizen chair. Call useTermRig() inside the file's describe: it registers the hooks.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildTransport, type MailTransport } from '../../activities/mail/build-transport';
import { registerCouncil } from '../../db/councils';
import { streams } from '../../db/events';
import { openGroup } from '../../db/groups';
import { importRoster } from '../../db/import-roster';
import { listPublicMembers } from '../../db/members';
import { record } from '../../db/record';
import { ProcedureRefusedError } from '../../procedures/engine';
import { startTerm } from '../../procedures/term/start-term';
import { termWorkflowId, type TermMember } from '../../workflows/term/contract';
import { createTestDatabase, type TestDatabase } from './pg';
import { sampleMember } from './sample-roster';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { testServer } from './temporal-servers';
import { createTimeSkippingEngine, workflowBundle, type TimeSkippingEngine } from './time-skipping-engine';

export const TERM_MAIL_FROM = 'jmeg@ayil.kg';
export const TERM_START = '2026-11-20';
export const TERM_END = '2030-11-20';

export interface TermWorld {
  councilId: string;
  groupId: string;
  councilEmail: string;
  chairEmail: string;
  members: TermMember[];
  chairMembershipId: string;
  /** The members' addresses in roster order (the chair's first). */
  emails: string[];
}

export interface TermRig {
  readonly database: TestDatabase;
  readonly smtp: TestSmtpServer;
  /** A council and its group with 13 members (7 citizens, 3 deputies, 3 municipal employees), a citizen chair. */
  world: () => Promise<TermWorld>;
  /** A time-skipping engine whose clock starts at `startTime`; closed after the scenario. */
  engineAt: (startTime: string) => Promise<TimeSkippingEngine>;
  /** Starts the world's term procedure (and checks that a second start changes nothing). */
  begin: (engine: TimeSkippingEngine, w: TermWorld) => Promise<void>;
  /** The [code, field, clause] of a refusal the promise ends with (it must be a ProcedureRefusedError). */
  refused: (promise: Promise<unknown>) => Promise<[string, string, string | null][]>;
}

/**
 * `tag` keeps the councils' addresses of one file apart from another's; `birthYear(n)` is the first birth year of the
 * n-th world's roster (distinct people per world).
 */
export function useTermRig(options: { tag: string; birthYear: (n: number) => number }): TermRig {
  const server = testServer();
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let worlds = 0;
  const open: TimeSkippingEngine[] = [];

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
    // Bundle the workflows first: webpack and the test server starting together can miss the server's start window.
    await workflowBundle();
    transport = buildTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: TERM_MAIL_FROM });
  }, 180_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((e) => e.close()));
  });
  afterAll(async () => {
    transport?.close();
    await Promise.all([database?.drop(), smtp?.stop()]);
  });

  async function world(): Promise<TermWorld> {
    const n = ++worlds;
    const db = database.db;
    const councilEmail = `kenesh-${options.tag}${n}@ayil.kg`;
    const councilId = await registerCouncil(
      db,
      {
        name: { ky: `Кетмен-Дөбө айылдык кеңеши ${n}`, ru: `Кетмен-Дёбёский айылный кенеш ${n}` },
        email: councilEmail,
      },
      'test',
    );
    const groupId = await openGroup(db, { councilId }, 'test');
    await record(db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [
        {
          type: 'group.created',
          payload: { groupId, createdOn: TERM_START, resolutionNumber: '83', termEnd: TERM_END },
        },
      ],
    });
    const base = options.birthYear(n);
    const roster = [
      ...Array.from({ length: 7 }, (_, i) =>
        sampleMember(`Жаран ${n}-${i + 1}`, i % 2 ? 'M' : 'F', 'citizen', base + i),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        sampleMember(`Депутат ${n}-${i + 1}`, i % 2 ? 'F' : 'M', 'deputy', base + 7 + i),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        sampleMember(`Кызматчы ${n}-${i + 1}`, i % 2 ? 'M' : 'F', 'municipal_employee', base + 10 + i),
      ),
    ];
    await importRoster(db, groupId, roster, { actor: 'test', on: TERM_START });
    const listed = await listPublicMembers(db, groupId);
    expect(listed).toHaveLength(13);
    const chair = listed.find((m) => m.fullName === `Жаран ${n}-1`)!;
    await record(db, {
      stream: streams.group(groupId),
      actor: 'test',
      events: [{ type: 'member.role-changed', payload: { groupId, membershipId: chair.membershipId, role: 'chair' } }],
    });
    return {
      councilId,
      groupId,
      councilEmail,
      chairEmail: `member${base}@example.kg`,
      emails: roster.map((m) => m.email!),
      members: listed.map((m) => ({ membershipId: m.membershipId, fullName: m.fullName, category: m.category })),
      chairMembershipId: chair.membershipId,
    };
  }

  async function engineAt(startTime: string): Promise<TimeSkippingEngine> {
    const engine = await createTimeSkippingEngine({
      serverPath: server.available ? server.path : '',
      db: database.db,
      transport,
      mailFrom: TERM_MAIL_FROM,
      startTime,
    });
    open.push(engine);
    return engine;
  }

  async function begin(engine: TimeSkippingEngine, w: TermWorld): Promise<void> {
    const input = {
      groupId: w.groupId,
      councilId: w.councilId,
      termStart: TERM_START,
      members: w.members,
      chairMembershipId: w.chairMembershipId,
    };
    expect(await startTerm({ engine }, input)).toEqual({
      workflowId: termWorkflowId(w.groupId),
      start: 'started',
      termStart: TERM_START,
      termEnd: TERM_END,
    });
    // Idempotent: a second start changes nothing.
    expect((await startTerm({ engine }, input)).start).toBe('already-started');
  }

  async function refused(promise: Promise<unknown>): Promise<[string, string, string | null][]> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProcedureRefusedError);
    return (error as ProcedureRefusedError).problems.map((p) => [p.code, p.field, p.clause]);
  }

  return {
    get database() {
      return database;
    },
    get smtp() {
      return smtp;
    },
    world,
    engineAt,
    begin,
    refused,
  };
}
