// The world of the formation API and page tests: a Postgres database and an SMTP server per file; per test a council
// with its executive body, its staff, a deputy and a foreign council's staff, and the app on its own time-skipping
// engine (Temporal's real test server whose clock starts at the world's first instant, a real worker running the
// workflow code with the real activities; the server's clock is also the app's clock).
// Sessions are written at the server's instant of each request, so moving the clock by weeks never logs anyone out.
import { afterAll, beforeAll } from 'vitest';
import { buildTransport, type MailTransport } from '../../activities/mail/build-transport';
import { buildApp } from '../../api/build-app';
import type { App } from '../../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../../api/auth/session-cookie';
import type { ProcedureEngine } from '../../procedures/engine';
import { loadConfig } from '../../config/config';
import { createAccount, createSession } from '../../db/accounts';
import { registerCouncil } from '../../db/councils';
import { registerObject } from '../../db/objects';
import type { PersonInput } from '../../workflows/formation/contract';
import { createTestDatabase, type TestDatabase } from './pg';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { testServer } from './temporal-servers';
import { createTimeSkippingEngine, workflowBundle, type TimeSkippingEngine } from './time-skipping-engine';

export const MAIL_FROM = 'jmeg@ayil.kg';

export interface FormationRig {
  /** The time-skipping test server's launcher. */
  serverPath: string;
  database: TestDatabase;
  smtp: TestSmtpServer;
  transport: MailTransport;
}

/**
 * Registers the file's hooks; the rig is filled in beforeAll, which also bundles the workflows once for the process so
 * that no test pays for it. Guard the file's describes with requireServer(testServer(), …): when all are skipped,
 * vitest runs none of these hooks.
 */
export function useFormationRig(): FormationRig {
  const rig = {} as FormationRig;
  beforeAll(async () => {
    const server = testServer();
    if (!server.available) throw new Error(server.reason);
    rig.serverPath = server.path;
    [rig.database, rig.smtp] = await Promise.all([createTestDatabase(), startSmtpServer(), workflowBundle()]);
    rig.transport = buildTransport({ smtpUrl: rig.smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  }, 120_000);
  afterAll(async () => {
    rig.transport?.close();
    await Promise.all([rig.database?.drop(), rig.smtp?.stop()]);
  });
  return rig;
}

export type Who = 'staff' | 'deputy' | 'foreignStaff' | 'chair';

export interface FormationWorld {
  councilId: string;
  otherCouncilId: string;
  engine: TimeSkippingEngine;
  app: App;
  accounts: Partial<Record<Who, string>>;
  /** A fresh session of `who` at the engine's current instant: the cookie header and the CSRF token. */
  as(who: Who): Promise<{ cookie: string; csrf: string }>;
  /** Adds an account of `who` (the chair needs a group). */
  addChair(groupId: string): Promise<void>;
  close(): Promise<void>;
}

let worlds = 0;

/**
 * A council with its executive body and accounts, and the app on a new test server whose clock starts at `startTime`;
 * `wrap` may put a fault around the engine. close() stops the app and the server.
 */
export async function formationWorld(
  rig: FormationRig,
  startTime: string,
  wrap?: (engine: TimeSkippingEngine) => ProcedureEngine,
): Promise<FormationWorld> {
  const n = ++worlds;
  const db = rig.database.db;
  const councilId = await registerCouncil(
    db,
    {
      name: { ky: `Кара-Суу айылдык кеңеши ${n}`, ru: `Кара-Суйский айылный кенеш ${n}` },
      email: `kenesh-${n}@karasuu.kg`,
    },
    'test',
  );
  const otherCouncilId = await registerCouncil(
    db,
    { name: { ky: `Көк-Жар айылдык кеңеши ${n}`, ru: `Кок-Жарский айылный кенеш ${n}` } },
    'test',
  );
  await registerObject(
    db,
    {
      councilId,
      name: { ky: `Кара-Суу айыл өкмөтү ${n}`, ru: `Кара-Суйский айыл окмоту ${n}` },
      kind: 'executive_body',
      emails: [`okmot-${n}@karasuu.kg`],
    },
    'test',
  );
  const password = 'a long enough password';
  const accounts: FormationWorld['accounts'] = {
    staff: await createAccount(db, { email: `staff-${n}@karasuu.kg`, password, role: 'staff', councilId }),
    deputy: await createAccount(db, { email: `deputy-${n}@karasuu.kg`, password, role: 'deputy', councilId }),
    foreignStaff: await createAccount(db, {
      email: `staff-${n}@kokjar.kg`,
      password,
      role: 'staff',
      councilId: otherCouncilId,
    }),
  };
  const engine = await createTimeSkippingEngine({
    serverPath: rig.serverPath,
    db,
    transport: rig.transport,
    mailFrom: MAIL_FROM,
    startTime,
  });
  let app: App;
  try {
    app = buildApp({ db, config: loadConfig({}), clock: () => engine.now(), engine: wrap ? wrap(engine) : engine });
  } catch (error) {
    await engine.close();
    throw error;
  }
  return {
    councilId,
    otherCouncilId,
    engine,
    app,
    accounts,
    async as(who) {
      const accountId = accounts[who];
      if (!accountId) throw new Error(`no ${who} account`);
      const id = newToken();
      const csrf = newToken();
      await createSession(db, { idHash: hashSessionId(id), accountId, csrfToken: csrf, at: new Date(engine.now()) });
      return { cookie: `${SESSION_COOKIE}=${id}`, csrf };
    },
    async addChair(groupId) {
      accounts.chair = await createAccount(db, { email: `chair-${n}@karasuu.kg`, password, role: 'chair', groupId });
    },
    async close() {
      try {
        await app.close();
      } finally {
        await engine.close();
      }
    },
  };
}

/** A person as the tests enter them: the birth date as text. */
export type TestPerson = PersonInput & { birthDate: string };
const person = (fullName: string, sex: 'M' | 'F', birthDate: string, extra: Partial<PersonInput> = {}): TestPerson => ({
  fullName,
  sex,
  village: 'Кара-Суу',
  ...extra,
  birthDate,
});

/** 5.4.2: two municipal employees of the aiyl okmotu (one with a phone and e-mail: personal data). */
export const STAFF: TestPerson[] = [
  person('Асанов Бакыт', 'M', '12.03.1980', { phone: '0555 123 456', email: 'b.asanov@karasuu.kg' }),
  person('Токтогулова Айгүл', 'F', '1987-06-02'),
];
/** 5.4.3: one deputy. */
export const DEPUTIES: TestPerson[] = [person('Жумабеков Нурлан', 'M', '1975-09-30')];
/** 5.4.4: five names voted on by 90 participants; 40 votes is no majority. */
export const CITIZENS: (TestPerson & { votes: number })[] = [
  { ...person('Исакова Гүлмира', 'F', '04.11.1990', { phone: '0700 111 222' }), votes: 61 },
  { ...person('Осмонов Талант', 'M', '1968-02-14'), votes: 58 },
  { ...person('Сыдыкова Жамила', 'F', '1995-07-07'), votes: 70 },
  { ...person('Мамытов Эрлан', 'M', '1982-12-01'), votes: 52 },
  { ...person('Бекова Асель', 'F', '2001-01-20'), votes: 40 },
];
