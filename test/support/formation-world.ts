// The world of the formation API and page tests: the workflow bundle, a Postgres database and an SMTP server per
// file; per test a council with its executive body, its staff, a deputy and a foreign council's staff, and the app
// on the simulator engine (real workflow code and activities, one virtual clock that is also the app's clock).
// Sessions are written at the virtual instant of each request, so moving the clock by weeks never logs anyone out.
import { fileURLToPath } from 'node:url';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { buildTransport, type MailTransport } from '../../activities/mail/build-transport';
import { buildApp } from '../../api/build-app';
import type { App } from '../../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../../api/auth/session-cookie';
import type { ProcedureEngine } from '../../api/engine/engine';
import { loadConfig } from '../../config/config';
import { createAccount, createSession } from '../../db/accounts';
import { registerCouncil } from '../../db/councils';
import { registerObject } from '../../db/objects';
import type { PersonInput } from '../../workflows/formation/contract';
import { createTestDatabase, type TestDatabase } from './pg';
import { bundleForSimulator } from './simulator';
import { createSimulatorEngine, type SimulatorEngine } from './simulator-engine';
import { startSmtpServer, type TestSmtpServer } from './smtp';

const WORKFLOWS = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
export const MAIL_FROM = 'jmeg@ayil.kg';

export interface FormationRig {
  bundle: WorkflowBundle;
  database: TestDatabase;
  smtp: TestSmtpServer;
  transport: MailTransport;
}

/** Registers the file's hooks; the rig is filled in beforeAll. */
export function useFormationRig(): FormationRig {
  const rig = {} as FormationRig;
  beforeAll(async () => {
    [rig.bundle, rig.database, rig.smtp] = await Promise.all([bundleForSimulator(WORKFLOWS), createTestDatabase(), startSmtpServer()]);
    rig.transport = buildTransport({ smtpUrl: rig.smtp.url, dataDir: '/nonexistent', mailFrom: MAIL_FROM });
  }, 60_000);
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
  engine: SimulatorEngine;
  app: App;
  accounts: Partial<Record<Who, string>>;
  /** A fresh session of `who` at the engine's current instant: the cookie header and the CSRF token. */
  as(who: Who): Promise<{ cookie: string; csrf: string }>;
  /** Adds an account of `who` (the chair needs a group). */
  addChair(groupId: string): Promise<void>;
  close(): Promise<void>;
}

let worlds = 0;

/** A council formed on `formedOn`'s eve with its executive body and accounts; `wrap` may put a fault around the engine. */
export async function formationWorld(rig: FormationRig, startTime: string, wrap?: (engine: SimulatorEngine) => ProcedureEngine): Promise<FormationWorld> {
  const n = ++worlds;
  const db = rig.database.db;
  const councilId = await registerCouncil(db, { name: { ky: `Кара-Суу айылдык кеңеши ${n}`, ru: `Кара-Суйский айылный кенеш ${n}` }, email: `kenesh-${n}@karasuu.kg` }, 'test');
  const otherCouncilId = await registerCouncil(db, { name: { ky: `Көк-Жар айылдык кеңеши ${n}`, ru: `Кок-Жарский айылный кенеш ${n}` } }, 'test');
  await registerObject(db, { councilId, name: { ky: `Кара-Суу айыл өкмөтү ${n}`, ru: `Кара-Суйский айыл окмоту ${n}` }, kind: 'executive_body', emails: [`okmot-${n}@karasuu.kg`] }, 'test');
  const engine = createSimulatorEngine({ bundle: rig.bundle, db, transport: rig.transport, mailFrom: MAIL_FROM, startTime });
  const app = buildApp({ db, config: loadConfig({}), clock: () => engine.now(), engine: wrap ? wrap(engine) : engine });
  const password = 'a long enough password';
  const accounts: FormationWorld['accounts'] = {
    staff: await createAccount(db, { email: `staff-${n}@karasuu.kg`, password, role: 'staff', councilId }),
    deputy: await createAccount(db, { email: `deputy-${n}@karasuu.kg`, password, role: 'deputy', councilId }),
    foreignStaff: await createAccount(db, { email: `staff-${n}@kokjar.kg`, password, role: 'staff', councilId: otherCouncilId }),
  };
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
      await app.close();
      await engine.close();
    },
  };
}

/** A person as the tests enter them: the birth date as text. */
export type TestPerson = PersonInput & { birthDate: string };
const person = (fullName: string, sex: 'M' | 'F', birthDate: string, extra: Partial<PersonInput> = {}): TestPerson => ({ fullName, sex, village: 'Кара-Суу', ...extra, birthDate });

/** 5.4.2: two municipal employees of the aiyl okmotu (one with a phone and e-mail: personal data). */
export const STAFF: TestPerson[] = [person('Асанов Бакыт', 'M', '12.03.1980', { phone: '0555 123 456', email: 'b.asanov@karasuu.kg' }), person('Токтогулова Айгүл', 'F', '1987-06-02')];
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
