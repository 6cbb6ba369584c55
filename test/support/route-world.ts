// The world the authorisation matrix (test/authz.test.ts) and the fuzz loop (test/fuzz.test.ts) run in: every route
// the app registers (seen through buildApp's onRoute option, so routes added later are covered without editing the
// tests), sample data in two councils, one signed-in session per role, and requests built from each route's own
// schemas. Real Postgres; sessions are written straight into the sessions table (no scrypt, no login rate limit).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTPMethods, RouteOptions } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../api/build-app';
import type { App } from '../../api/app-types';
import { hashSessionId, newToken, SESSION_COOKIE } from '../../api/auth/session-cookie';
import { unavailableEngine, type ProcedureEngine } from '../../procedures/engine';
import { errorMessage } from '../../api/error-messages';
import type { Access } from '../../api/route-config';
import { loadConfig, type AppConfig } from '../../config/config';
import {
  createAccount,
  createSession,
  findAccountByEmail,
  findSession,
  type CreateAccountInput,
} from '../../db/accounts';
import { attachAnnex, draftAct, issueAct, parseActDraft } from '../../db/acts';
import { registerCouncil } from '../../db/councils';
import { openGroup } from '../../db/groups';
import { publishNotice } from '../../db/notices';
import { registerObject } from '../../db/objects';
import { attachResponseFile } from '../../api/acts/response-files';
import { createResponseToken } from '../../security/response-token';
import { createRequestToken } from '../../security/request-token';
import { createTestDatabase, type TestDatabase } from './pg';
import { record } from '../../db/record';
import { reportStream } from '../../db/report-events';

export const SECRET = 'route-world-test-secret-0123456789abcdefghij';
/** Every request runs on this instant (sessions, tokens and "today" agree): Tuesday 10 March 2026, 10:00 Bishkek. */
export const NOW = Date.parse('2026-03-10T04:00:00Z');

/** A route as registered, reduced to what the tests need. */
export interface SeenRoute {
  method: string;
  url: string;
  access: readonly Access[] | undefined;
  page: boolean;
  schema: RouteOptions['schema'];
}

export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who calls: nobody, the object through its act's link, or an account (home: council 1 / group 1; foreign: council 2 / group 2; all: every council). */
export interface Caller {
  name: string;
  kind: 'anonymous' | 'object' | 'account';
  role?: 'staff' | 'chair' | 'member' | 'deputy';
  tenant?: 'home' | 'foreign' | 'all';
  account?: CreateAccountInput;
  cookie: string;
  csrf: string;
}

export interface Samples {
  councilId: string;
  otherCouncilId: string;
  groupId: string;
  otherGroupId: string;
  actId: string;
  objectId: string;
  executiveId: string;
  noticeId: string;
  annexId: string;
  /** A file attached to a response to the act. */
  fileId: string;
  /** An account of council 1 nobody signs in with (the target of account routes). */
  accountId: string;
  token: string;
  /** The object's link to the sample information request (a request id no request has: its pages answer 404). */
  requestToken: string;
}

export interface RouteWorld {
  database: TestDatabase;
  app: App;
  config: AppConfig;
  routes: SeenRoute[];
  samples: Samples;
  callers: Caller[];
  /** The value of a path parameter, by its name; undefined for an unknown name. */
  param: (name: string) => string | undefined;
  /** Makes sure the caller's session still exists (an allowed request may have logged it out or changed its password). */
  ensureSession(caller: Caller): Promise<void>;
  /** What the app logged at level error (each 5xx with its error and stack), newest last. */
  serverErrors: string[];
  /** Puts back sample rows an allowed request removed (the spare account), under the same ids. */
  restoreSamples(): Promise<void>;
  close(): Promise<void>;
}

const PASSWORD = 'route world password 123';

/**
 * The sample value of every path parameter name in use. A route with a parameter missing here fails the matrix with
 * a message asking for it: add the name with a value that belongs to council 1 / group 1 (the callers' "home").
 */
const SAMPLE_REQUEST_ID = 'r-route-world-nobody';
const SAMPLE_REPORT_ID = 'report-route-world';

function paramValues(s: Samples): Record<string, string> {
  return {
    councilId: s.councilId,
    groupId: s.groupId,
    actId: s.actId,
    objectId: s.objectId,
    noticeId: s.noticeId,
    annexId: s.annexId,
    fileId: s.fileId,
    accountId: s.accountId,
    personId: 'p-route-world-nobody',
    requestId: SAMPLE_REQUEST_ID,
    meetingId: 'm-route-world-nobody',
    planId: 'plan-route-world-nobody',
    proposalId: 'proposal-route-world-nobody',
    itemId: 'item-route-world-nobody',
    vacancyId: 'vacancy-route-world-nobody',
    reportId: SAMPLE_REPORT_ID,
    dataset: 'acts.csv',
    action: 'receipt',
    year: '2026',
    date: '2026-03-10',
  };
}

/** Path parameters that name something of a council (so a caller of another council or group must be refused). */
export const TENANT_PARAMS = new Set([
  'councilId',
  'groupId',
  'actId',
  'objectId',
  'noticeId',
  'annexId',
  'fileId',
  'accountId',
  'requestId',
  'responseId',
  'meetingId',
  'reportId',
  'candidateId',
  'tokenId',
  'feedTokenId',
]);

export function paramNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

async function seed(database: TestDatabase, config: AppConfig): Promise<Samples> {
  const db = database.db;
  const councilId = await registerCouncil(
    db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
    'test',
  );
  const otherCouncilId = await registerCouncil(
    db,
    { name: { ky: 'Көк-Жар айылдык кеңеши', ru: 'Кок-Жарский айылный кенеш' }, email: 'kenesh@kokjar.kg' },
    'test',
  );
  const executive = await registerObject(
    db,
    {
      councilId,
      name: { ky: 'Ак-Суу айыл өкмөтү', ru: 'Ак-Суйский айыл окмоту' },
      kind: 'executive_body',
      emails: ['okmot@aksuu.kg'],
    },
    'test',
  );
  const school = await registerObject(
    db,
    {
      councilId,
      name: { ky: 'Ак-Суу мектеби', ru: 'Ак-Суйская школа' },
      kind: 'municipal_institution',
      emails: ['mektep@aksuu.kg'],
    },
    'test',
  );
  await registerObject(
    db,
    {
      councilId: otherCouncilId,
      name: { ky: 'Көк-Жар айыл өкмөтү', ru: 'Кок-Жарский айыл окмоту' },
      kind: 'executive_body',
      emails: ['okmot@kokjar.kg'],
    },
    'test',
  );
  const groupId = await openGroup(db, { councilId, councilFormedOn: '2026-01-15' }, 'test');
  const otherGroupId = await openGroup(db, { councilId: otherCouncilId, councilFormedOn: '2026-01-15' }, 'test');
  // A summary report of group 1 (its routes name only the report: access follows the report's group).
  await record(db, {
    stream: reportStream(SAMPLE_REPORT_ID),
    actor: 'test',
    events: [
      {
        type: 'report.drafted',
        payload: {
          reportId: SAMPLE_REPORT_ID,
          groupId,
          councilId,
          period: '2025',
          start: '2025-01-01',
          end: '2025-12-31',
          due: '2026-01-30',
        },
      },
    ],
  });
  const act = await draftAct(
    db,
    {
      groupId,
      objectId: school.id,
      draft: parseActDraft({
        purpose: 'Ичүүчү суунун сапатын баалоо',
        subject: 'Ичүүчү суу менен камсыздоо программасы',
        place: 'Ак-Суу айылы',
        periodStart: '2026-02-02',
        periodEnd: '2026-02-20',
        findings: [{ kind: 'fact', text: 'Суу жумасына эки күн гана берилет.', method: 'site_visit' }],
        recommendations: ['Суу берүү графигин жарыялоо'],
        annexes: [{ title: 'Сүрөттөр', kind: 'photo' }],
      }),
    },
    'test',
  );
  const annex = await attachAnnex(
    db,
    {
      actId: act.id,
      fileName: 'protocol.pdf',
      bytes: new TextEncoder().encode('%PDF-1.4\n% route world\n'),
      dataDir: config.dataDir,
    },
    'test',
  );
  await issueAct(db, act.id, { on: '2026-03-02', actor: 'test' });
  const noticeId = `${groupId}/formation-notice`;
  await publishNotice(
    db,
    {
      noticeId,
      councilId,
      groupId,
      kind: 'formation-notice',
      text: { ky: 'Жарыя', ru: 'Объявление' },
      channels: ['notice_board'],
      publishedAt: new Date(NOW - 86_400_000),
    },
    'test',
  );
  const accountId = await createAccount(db, { email: 'spare@aksuu.kg', password: PASSWORD, role: 'staff', councilId });
  const responseFile = await attachResponseFile(db, {
    actId: act.id,
    responseId: 'sample-response',
    file: { fileName: 'answer.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n% answer\n') },
    dataDir: config.dataDir,
    uploadedBy: 'test',
    at: new Date(NOW),
  });
  const token = createResponseToken({ actId: act.id, objectId: school.id, expiresAtMs: NOW + 60 * 86_400_000 }, SECRET);
  return {
    councilId,
    otherCouncilId,
    groupId,
    otherGroupId,
    actId: act.id,
    objectId: school.id,
    executiveId: executive.id,
    noticeId,
    annexId: annex.id,
    fileId: responseFile.id,
    accountId,
    token,
    requestToken: createRequestToken(
      { requestId: SAMPLE_REQUEST_ID, objectId: school.id, expiresAtMs: NOW + 60 * 86_400_000 },
      SECRET,
    ),
  };
}

function callersOf(s: Samples): Caller[] {
  const account = (name: string, tenant: Caller['tenant'], input: CreateAccountInput): Caller => ({
    name,
    kind: 'account',
    role: input.role,
    tenant,
    account: input,
    cookie: '',
    csrf: '',
  });
  return [
    { name: 'anonymous', kind: 'anonymous', cookie: '', csrf: '' },
    { name: 'object (act link)', kind: 'object', cookie: '', csrf: '' },
    account('staff of council 1', 'home', {
      email: 'staff@aksuu.kg',
      password: PASSWORD,
      role: 'staff',
      councilId: s.councilId,
    }),
    account('staff of every council', 'all', {
      email: 'admin@kenesh.kg',
      password: PASSWORD,
      role: 'staff',
      councilId: null,
    }),
    account('deputy of council 1', 'home', {
      email: 'deputy@aksuu.kg',
      password: PASSWORD,
      role: 'deputy',
      councilId: s.councilId,
    }),
    account('chair of group 1', 'home', {
      email: 'chair@aksuu.kg',
      password: PASSWORD,
      role: 'chair',
      groupId: s.groupId,
    }),
    account('member of group 1', 'home', {
      email: 'member@aksuu.kg',
      password: PASSWORD,
      role: 'member',
      groupId: s.groupId,
    }),
    account('staff of council 2', 'foreign', {
      email: 'staff@kokjar.kg',
      password: PASSWORD,
      role: 'staff',
      councilId: s.otherCouncilId,
    }),
    account('chair of group 2', 'foreign', {
      email: 'chair@kokjar.kg',
      password: PASSWORD,
      role: 'chair',
      groupId: s.otherGroupId,
    }),
  ];
}

export interface RouteWorldOptions {
  /** The engine, made once the database exists and is seeded (default: unavailableEngine). */
  engine?: (database: TestDatabase, config: AppConfig, samples: Samples) => Promise<ProcedureEngine> | ProcedureEngine;
  /** The app's clock (default: NOW, fixed, so sessions never age). */
  clock?: () => number;
}

export async function createRouteWorld(options: RouteWorldOptions = {}): Promise<RouteWorld> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'jmeg-route-world-'));
  const config = loadConfig({ JMEG_DATA_DIR: dataDir, JMEG_SECRET: SECRET, MAIL_FROM: 'jmeg@aksuu.kg' });
  const samples = await seed(database, config);
  const callers = callersOf(samples);
  for (const c of callers) if (c.account) await createAccount(database.db, c.account);
  const routes: SeenRoute[] = [];
  const serverErrors: string[] = [];
  const engine = options.engine ? await options.engine(database, config, samples) : unavailableEngine;
  const app = buildApp(
    { db: database.db, config, clock: options.clock ?? (() => NOW), engine },
    {
      logger: { level: 'error', stream: { write: (line: string) => void serverErrors.push(line) } },
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          routes.push({
            method,
            url: route.url,
            access: route.config?.access,
            page: route.config?.page === true,
            schema: route.schema,
          });
        }
      },
    },
  );
  await app.ready();
  const values = paramValues(samples);
  const clock = options.clock ?? (() => NOW);

  async function ensureSession(caller: Caller): Promise<void> {
    if (!caller.account) return;
    const id = caller.cookie.split('=')[1];
    if (id && (await findSession(database.db, hashSessionId(id)))) return;
    let account = await findAccountByEmail(database.db, caller.account.email);
    if (!account) {
      await createAccount(database.db, caller.account);
      account = (await findAccountByEmail(database.db, caller.account.email))!;
    }
    const sessionId = newToken();
    const csrf = newToken();
    await createSession(database.db, {
      idHash: hashSessionId(sessionId),
      accountId: account.id,
      csrfToken: csrf,
      at: new Date(clock()),
    });
    caller.cookie = `${SESSION_COOKIE}=${sessionId}`;
    caller.csrf = csrf;
  }
  for (const c of callers) await ensureSession(c);
  const spare = (await database.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', samples.accountId)
    .executeTakeFirst())!;
  async function restoreSamples(): Promise<void> {
    await database.db
      .insertInto('accounts')
      .values(spare)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  return {
    database,
    app,
    config,
    routes,
    samples,
    callers,
    param: (name) => values[name],
    ensureSession,
    serverErrors,
    restoreSamples,
    async close() {
      await app.close();
      if ('close' in engine && typeof engine.close === 'function') await (engine as { close(): Promise<void> }).close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- requests built from a route's schemas ----

type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
};

const STRING_CANDIDATES = [
  '2026-03-10',
  '2026',
  '10:00',
  '1',
  'a',
  '0700 123 456',
  '+996700123456',
  'test@aksuu.kg',
  '00000000-0000-4000-8000-000000000001',
  'ky',
  'https://example.kg',
];

/**
 * A small value the schema accepts (required properties only), or undefined when none can be made. String fields
 * named like a path parameter (objectId, groupId...) get the sample id of that name.
 */
export function sampleOf(schema: unknown, param: (name: string) => string | undefined, name?: string): unknown {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const s = schema as JsonSchema;
  if ('const' in s) return s.const;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  for (const options of [s.anyOf, s.oneOf]) {
    if (Array.isArray(options)) {
      for (const option of options) {
        const v = sampleOf(option, param, name);
        if (v !== undefined) return v;
      }
      return undefined;
    }
  }
  if (Array.isArray(s.allOf)) return sampleOf(Object.assign({}, ...s.allOf) as JsonSchema, param, name);
  const type = Array.isArray(s.type)
    ? (s.type.find((t) => t !== 'null') ?? 'null')
    : (s.type ?? (s.properties ? 'object' : undefined));
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) {
        const v = sampleOf(s.properties?.[key] ?? {}, param, key);
        out[key] = v === undefined ? 'x' : v;
      }
      return out;
    }
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: n }, () => sampleOf(s.items ?? {}, param, name));
    }
    case 'string':
      return sampleString(s, name ? param(name) : undefined);
    case 'integer':
    case 'number': {
      const min =
        typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
      const max = typeof s.maximum === 'number' ? s.maximum : Number.MAX_SAFE_INTEGER;
      return Math.min(Math.max(min, 1), max);
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

function sampleString(s: JsonSchema, known: string | undefined): string {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  const fits = (v: string) =>
    v.length >= min && v.length <= max && (typeof s.pattern !== 'string' || new RegExp(s.pattern, 'u').test(v));
  if (known !== undefined && fits(known)) return known;
  if (s.format === 'date') return '2026-03-10';
  if (s.format === 'date-time') return '2026-03-10T04:00:00.000Z';
  if (s.format === 'email') return 'test@aksuu.kg';
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
  if (s.format === 'uri') return 'https://example.kg';
  for (const v of STRING_CANDIDATES) if (fits(v)) return v;
  return 'x'.repeat(Math.max(min, 1));
}

/** The JSON schema of the route's body: `schema.body`, or with per-media-type bodies, the application/json one. */
export function bodySchemaOf(route: SeenRoute): unknown {
  const body = route.schema?.body;
  if (typeof body !== 'object' || body === null || !('content' in body)) return body;
  const content = (body as { content: Record<string, { schema?: unknown }> }).content;
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}

/** The route's URL with its path parameters filled (or the names nobody gave a value for). */
export function fillPath(
  url: string,
  param: (name: string) => string | undefined,
): { path: string; missing: string[] } {
  const missing: string[] = [];
  const path = url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const v = param(name);
    if (v === undefined) {
      missing.push(name);
      return 'x';
    }
    return encodeURIComponent(v);
  });
  return { path, missing };
}

function query(values: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    for (const item of [v].flat()) q.append(k, typeof item === 'string' ? item : JSON.stringify(item));
  }
  return q.toString();
}

export interface BuiltRequest {
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/**
 * A request a caller would send to `route`: path from the samples, the querystring and body the route's schemas
 * accept (so it is the access check that answers, not validation), `?lang=en`, the session cookie, for unsafe
 * methods the CSRF header, and for the object the act's signed link as `t`.
 */
export function requestFor(
  world: RouteWorld,
  route: SeenRoute,
  caller: Caller,
  overrides: { query?: Record<string, unknown>; payload?: string; contentType?: string } = {},
): BuiltRequest {
  const { path } = fillPath(route.url, world.param);
  const schema = (route.schema ?? {}) as { querystring?: unknown };
  const q: Record<string, unknown> = {
    ...((sampleOf(schema.querystring, world.param) as Record<string, unknown> | undefined) ?? {}),
    lang: 'en',
    ...overrides.query,
  };
  if (caller.kind === 'object' && route.access?.includes('object-link'))
    q.t = /^(\/api)?\/requests\//.test(route.url) ? world.samples.requestToken : world.samples.token;
  const headers: Record<string, string> = {};
  if (caller.cookie) headers.cookie = caller.cookie;
  const request: BuiltRequest = { method: route.method, url: `${path}?${query(q)}`, headers };
  if (UNSAFE.has(route.method)) {
    if (caller.csrf) headers['x-csrf-token'] = caller.csrf;
    if (overrides.payload !== undefined) {
      request.payload = overrides.payload;
      if (overrides.contentType) headers['content-type'] = overrides.contentType;
    } else {
      const bodySchema = bodySchemaOf(route);
      const body = (bodySchema ? sampleOf(bodySchema, world.param) : undefined) ?? {};
      if (route.page) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        request.payload = query(body as Record<string, unknown>);
      } else {
        headers['content-type'] = 'application/json';
        request.payload = JSON.stringify(body);
      }
    }
  }
  return request;
}

/**
 * How a response answers "was the caller let in?": refused by the access check (401 not-authenticated, or a GET page's
 * redirect to the login page with `next=`; 403 forbidden), refused with a 401/403 of the route's own (a wrong password,
 * a form's token, an object link that is missing or bad), sent to the login page without a way back (what logout
 * answers, signed in or not), or let in (anything else).
 */
export type Verdict = 'unauthenticated' | 'forbidden' | 'own-refusal' | 'to-login' | 'let-in';

const DENIAL_TEXT = {
  'not-authenticated': errorMessage('en', 'not-authenticated', {}),
  forbidden: errorMessage('en', 'forbidden', {}),
};

export function verdictOf(res: LightMyRequestResponse): Verdict {
  if (res.statusCode === 303 || res.statusCode === 302) {
    const location = String(res.headers.location ?? '');
    if (/^\/login(\?|$)/.test(location)) return /[?&]next=/.test(location) ? 'unauthenticated' : 'to-login';
    return 'let-in';
  }
  if (res.statusCode !== 401 && res.statusCode !== 403) return 'let-in';
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    let code = '';
    try {
      code = res.json<{ error?: { code?: string } }>().error?.code ?? '';
    } catch {
      // not JSON after all
    }
    if (code === 'not-authenticated') return 'unauthenticated';
    if (code === 'forbidden') return 'forbidden';
    return 'own-refusal';
  }
  if (res.body.includes(DENIAL_TEXT['not-authenticated'])) return 'unauthenticated';
  if (res.body.includes(DENIAL_TEXT.forbidden)) return 'forbidden';
  return 'own-refusal';
}

/** A caller the route lets in: anonymous for public routes, the object for link routes, else a signed-in account of council 1 / group 1. */
export function callerFor(world: RouteWorld, route: SeenRoute): Caller {
  const access = route.access ?? [];
  const named = (name: string) => world.callers.find((c) => c.name === name)!;
  if (access.includes('public')) return named('anonymous');
  if (access.includes('object-link')) return named('object (act link)');
  if (access.includes('staff-of-every-council')) return named('staff of every council');
  if (access.includes('session') || access.includes('staff')) return named('staff of council 1');
  if (access.includes('chair')) return named('chair of group 1');
  if (access.includes('deputy')) return named('deputy of council 1');
  if (access.includes('member')) return named('member of group 1');
  throw new Error(`${route.method} ${route.url}: no caller for access [${access.join(', ')}]`);
}
