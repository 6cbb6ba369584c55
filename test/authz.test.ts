// The authorisation matrix: every route the app registers × every kind of caller. Each route declares who may call it
// (`config.access`, api/route-config.ts); this test sends each caller's request and checks that exactly the declared
// callers get past the access check: the others get 401 (no login; a GET page redirects to /login?next=) or 403
// (signed in but not allowed, or the resource belongs to another council or group). Routes are read from the app
// itself (buildApp's onRoute option), so a route added later is in the matrix without editing this file.
// Real Postgres; the engine is `unavailableEngine` (a workflow action a caller may send answers 503, not 401/403).
import { afterAll, describe, expect, it } from 'vitest';
import type { Access } from '../api/route-config';
import {
  createRouteWorld,
  fillPath,
  paramNames,
  requestFor,
  TENANT_PARAMS,
  verdictOf,
  type Caller,
  type SeenRoute,
  type Verdict,
} from './support/route-world';

const world = await createRouteWorld();
afterAll(() => world.close());

const isDocs = (r: SeenRoute) => r.url === '/docs' || r.url.startsWith('/docs/');
// HEAD routes are Fastify's copies of the GET routes (same handler, same config).
const matrix = world.routes.filter((r) => !isDocs(r) && r.method !== 'HEAD' && r.method !== 'OPTIONS');

type Expected = 'let-in' | 'unauthenticated' | 'forbidden';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the declared access says `caller` should get on `route` (the sample ids belong to council 1 and group 1). */
function expectedFor(route: SeenRoute, caller: Caller): Expected {
  const access: readonly Access[] = route.access ?? [];
  if (access.includes('public')) return 'let-in';
  if (caller.kind === 'object') return access.includes('object-link') ? 'let-in' : 'unauthenticated';
  if (caller.kind === 'anonymous') return 'unauthenticated';
  if (access.includes('session')) return 'let-in';
  // Staff of every council (no council of their own) are the only callers of such a route; other staff get 403.
  if (access.includes('staff-of-every-council') && caller.role === 'staff' && caller.tenant === 'all') return 'let-in';
  if (!caller.role || !access.includes(caller.role)) return 'forbidden';
  const ownsSomething = paramNames(route.url).some((p) => TENANT_PARAMS.has(p));
  if (ownsSomething && caller.tenant === 'foreign') return 'forbidden';
  return 'let-in';
}

/** Whether the answer fits what was expected (see Verdict in test/support/route-world.ts). */
function fits(route: SeenRoute, caller: Caller, expected: Expected, got: Verdict): boolean {
  const objectLink = route.access?.includes('object-link') === true;
  switch (expected) {
    case 'let-in':
      // The object with its valid link must really get through; others may meet the route's own refusals.
      if (caller.kind === 'object' && objectLink) return got === 'let-in' || got === 'to-login';
      return got === 'let-in' || got === 'own-refusal' || got === 'to-login';
    case 'unauthenticated':
      // A link route refuses a missing or bad link in its own words (403), and logout sends anyone to /login.
      return (
        got === 'unauthenticated' ||
        got === 'to-login' ||
        (objectLink && (got === 'forbidden' || got === 'own-refusal'))
      );
    case 'forbidden':
      return got === 'forbidden' || (objectLink && got === 'own-refusal');
  }
}

/** Denied callers first: an allowed unsafe request may change the sample data (and sessions are checked before each). */
function ordered(route: SeenRoute): Caller[] {
  return [...world.callers].sort(
    (a, b) => Number(expectedFor(route, a) === 'let-in') - Number(expectedFor(route, b) === 'let-in'),
  );
}

describe('every route declares who may call it', () => {
  it('the app has the routes of the matrix (a sanity check of the route list)', () => {
    const urls = matrix.map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        'GET /api/groups/:groupId/obligations',
        'POST /api/login',
        'POST /api/logout',
        'GET /api/session',
        'GET /login',
        'GET /acts/:actId',
      ]),
    );
  });

  it('no route without config.access (the names of any are listed)', () => {
    expect(
      matrix.filter((r) => r.access === undefined || r.access.length === 0).map((r) => `${r.method} ${r.url}`),
    ).toEqual([]);
  });

  it('no path parameter without a sample value (add it to paramValues in test/support/route-world.ts)', () => {
    const missing = matrix.flatMap((r) =>
      fillPath(r.url, world.param).missing.map((name) => `${r.method} ${r.url}: :${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('the OpenAPI docs (registered by @fastify/swagger-ui) are public', async () => {
    const docs = world.routes.filter(isDocs);
    expect(docs.length).toBeGreaterThan(0);
    for (const url of ['/docs', '/docs/json']) {
      expect(
        docs.some((r) => r.url === url),
        url,
      ).toBe(true);
      const res = await world.app.inject({ method: 'GET', url });
      expect([200, 302], `GET ${url}`).toContain(res.statusCode);
    }
  });
});

describe('the matrix: every route × every caller', () => {
  it('covers every caller with both outcomes somewhere (the matrix is not vacuous)', () => {
    for (const caller of world.callers) {
      const outcomes = new Set(matrix.map((r) => expectedFor(r, caller)));
      expect(outcomes.has('let-in'), caller.name).toBe(true);
      if (caller.kind !== 'account') expect(outcomes.has('unauthenticated'), caller.name).toBe(true);
      if (caller.tenant === 'foreign' || caller.role === 'member' || caller.role === 'chair')
        expect(outcomes.has('forbidden'), caller.name).toBe(true);
    }
  });

  it.each(
    matrix.map((r) => [`${r.method} ${r.url} [${(r.access ?? []).join(', ') || 'no access declared'}]`, r] as const),
  )('%s', async (_name, route) => {
    const missing = fillPath(route.url, world.param).missing;
    if (missing.length > 0)
      throw new Error(
        `${route.method} ${route.url}: no sample value for :${missing.join(', :')}; add it to paramValues in test/support/route-world.ts`,
      );
    if (!route.access?.length) throw new Error(`${route.method} ${route.url} declares no config.access`);
    const wrong: string[] = [];
    for (const caller of ordered(route)) {
      await world.restoreSamples();
      await world.ensureSession(caller);
      const expected = expectedFor(route, caller);
      const res = await world.app.inject(requestFor(world, route, caller));
      // A feed-token route hides itself from whoever may not read it: 404, as for a group that does not exist.
      const hidden = route.access.includes('feed-token') && res.statusCode === 404;
      const got =
        hidden && expected !== 'let-in'
          ? expected === 'unauthenticated'
            ? 'unauthenticated'
            : 'forbidden'
          : verdictOf(res);
      const detail = `${caller.name}: expected ${expected}, got ${res.statusCode} (${got})${res.statusCode >= 300 && res.statusCode < 400 ? ` → ${String(res.headers.location)}` : ''}`;
      if (!fits(route, caller, expected, got)) wrong.push(`${detail} ${res.body.slice(0, 160).replace(/\s+/g, ' ')}`);
      // 503 is the engine being away (this matrix runs on unavailableEngine), after the access check: fine here.
      else if (res.statusCode >= 500 && res.statusCode !== 503) wrong.push(`${detail}: a server error`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('rights are checked before the input', () => {
  // A caller without rights gets 401/403 even for a body the schema refuses: a 400 would tell them the route's rules.
  const guarded = matrix.filter(
    (r) =>
      UNSAFE_METHODS.has(r.method) &&
      !r.page &&
      !(r.access ?? []).some((a) => ['public', 'object-link', 'session', 'feed-token'].includes(a)),
  );
  it.each(guarded.map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s: 401 for anonymous, 403 for the chair of another group, with a body the schema refuses',
    async (_name, route) => {
      const junk = { payload: JSON.stringify({ 'zz-not-a-field': [1, { a: null }] }), contentType: 'application/json' };
      const anonymous = world.callers.find((c) => c.kind === 'anonymous')!;
      expect((await world.app.inject(requestFor(world, route, anonymous, junk))).statusCode).toBe(401);
      const foreign = world.callers.find((c) => c.name === 'chair of group 2')!;
      await world.ensureSession(foreign);
      expect((await world.app.inject(requestFor(world, route, foreign, junk))).statusCode).toBe(403);
    },
  );
});

describe('the matrix catches what it should (checks of the checker)', () => {
  const obligations = () => matrix.find((r) => r.method === 'GET' && r.url === '/api/groups/:groupId/obligations')!;

  it("another council's staff and another group's chair are refused on group 1 with 403; group 1's are let in", async () => {
    const route = obligations();
    const by = (name: string) => world.callers.find((c) => c.name === name)!;
    const status = async (name: string) => {
      await world.ensureSession(by(name));
      return (await world.app.inject(requestFor(world, route, by(name)))).statusCode;
    };
    expect(await status('staff of council 2')).toBe(403);
    expect(await status('chair of group 2')).toBe(403);
    expect(await status('anonymous')).toBe(401);
    expect(await status('staff of council 1')).toBe(200);
    expect(await status('chair of group 1')).toBe(200);
    expect(await status('member of group 1')).toBe(200);
    expect(await status('deputy of council 1')).toBe(200);
  });

  it('a declaration wider than the check fails (a route declared public that asks for a login)', async () => {
    const route = { ...obligations(), access: ['public'] as const };
    const anonymous = world.callers.find((c) => c.kind === 'anonymous')!;
    const got = verdictOf(await world.app.inject(requestFor(world, route, anonymous)));
    expect(fits(route, anonymous, expectedFor(route, anonymous), got)).toBe(false);
  });

  it('a declaration narrower than the check fails (a member let in where only staff are declared)', async () => {
    const route = { ...obligations(), access: ['staff'] as const };
    const member = world.callers.find((c) => c.name === 'member of group 1')!;
    await world.ensureSession(member);
    const got = verdictOf(await world.app.inject(requestFor(world, route, member)));
    expect(fits(route, member, expectedFor(route, member), got)).toBe(false);
  });
});
