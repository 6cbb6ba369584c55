// The HTTP application as a pure factory: routes, schemas, OpenAPI docs and the error handling, with no listen();
// the caller (tests, later `npm start`) decides where it runs.
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { AppConfig } from '../config/config';
import { AppError } from './app-error';
import { registerAuth } from './auth/auth-plugin';
import type { App, AppDeps } from './app-types';
import { errorBody, handleError } from './error-handler';
import { logRefusals } from './logging';
import { calendarYearRoute } from './calendar/year';
import { deadlineRoute } from './calendar/deadline';
import { groupIcsRoute } from './calendar/group-ics';
import { groupMembersRoute } from './public/members';
import { groupObligationsRoute } from './dashboard/obligations';
import { publicPages } from './public/register';
import { notFoundPages } from './public/not-found';
import { loginPages } from './accounts/login-page';
import { stylesheetRoute } from './ui/stylesheet-route';
import { accountsArea } from './accounts/routes';
import { MAX_ANNEX_BYTES } from '../security/annex-policy';
import { formationRoutes } from './formation/register';
import { dashboardRoutes } from './dashboard/routes';
import { councilCalendarRoutes } from './calendar/routes';
import { calendarEditPages } from './calendar/edit-page';
import { objectsRoutes } from './acts/objects';
import { actsRoutes } from './acts/routes';
import { manageObjectsPages } from './acts/objects-page';
import { actPrintPage } from './acts/print-page';
import { manageActsPages } from './acts/pages';
import { objectRespondPages } from './acts/respond-page';
import { annexDownload } from './acts/annex-download';
import { councilsArea } from './councils/routes';
import { codecRoutes } from './codec/routes';
import { personsArea } from './persons/pages';
import { requestsRoutes } from './requests/routes';
import { requestPages } from './requests/pages';
import { manageRequestsPages } from './requests/manage-page';
import { considerationRoutes } from './recommendations/routes';
import { reportRoutes } from './reports/routes';
import { plansArea } from './plans';
import { linkRoutes } from './links/routes';
import { groupsRoutes } from './groups/register';
import { meetingsRoutes } from './meetings/routes';
import { termMembershipRoutes } from './membership/term-membership-routes';
import { conflictRoutes } from './conflicts/routes';
import { accountMembershipRoutes } from './accounts/membership-link';
import './route-config';

// The pages run no script and load styles only from /assets (api/ui/stylesheets.ts); nothing may frame them.
const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Only browsers that reached the site over https keep it; not the council's other subdomains.
  strictTransportSecurity: { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false },
};
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Whether a browser or proxy may keep the response: only what anyone may see, asked without a session, setting no
 * cookie. Every signed-in page and JSON answer, the object's link pages and the login form are `no-store`.
 */
function storable(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.auth !== null || reply.getHeader('set-cookie') !== undefined) return false;
  const access = request.routeOptions.config.access;
  return access !== undefined && access.includes('public');
}

/** JMEG_TRUST_PROXY as Fastify takes it: a number of hops becomes "trust the nearest n". */
function trustProxyOption(
  setting: AppConfig['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

function noStoreUnlessPublic(app: App, _opts: unknown, done: () => void): void {
  app.addHook('onSend', (request, reply, payload, next) => {
    if (reply.getHeader('cache-control') === undefined && !storable(request, reply))
      void reply.header('cache-control', 'no-store');
    next(null, payload);
  });
  done();
}
Object.defineProperty(noStoreUnlessPublic, Symbol.for('skip-override'), { value: true });

export interface BuildAppOptions {
  /** Fastify's logger: none by default (tests); api/logging.ts's loggerOptions for the server. */
  logger?: FastifyServerOptions['logger'];
  /** Sees every route as it is registered, plugins' routes included (the authorisation matrix test lists them so). */
  onRoute?: (route: RouteOptions) => void;
}

export function buildApp(deps: AppDeps, options: BuildAppOptions = {}): App {
  const app = Fastify({
    logger: options.logger ?? false,
    // Behind a reverse proxy (JMEG_TRUST_PROXY): the client's address for the login limits and https for the cookie.
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // Fastify's default ajv removes unknown properties silently; we refuse them (schemas say additionalProperties: false).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  void app.register(logRefusals);

  app.setErrorHandler(handleError);
  // A browser gets a 404 (or 405) page in its language; /api/... and other clients the JSON error.
  const notFound = notFoundPages();
  app.addHook('onRoute', (route) => notFound.onRoute(route));
  app.setNotFoundHandler(
    (request, reply) =>
      notFound.handle(request, reply) ??
      reply
        .status(404)
        .type('application/json; charset=utf-8')
        .send(errorBody(request, new AppError('route-not-found', `no route ${request.method} ${request.url}`))),
  );

  void app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'JMEG: joint monitoring and evaluation group',
        description:
          "API of a village council's joint monitoring and evaluation group (Kyrgyz Republic). Texts in ky (default), ru and en: ?lang= or Accept-Language.",
        version: '0.1.0',
      },
      tags: [
        { name: 'public', description: 'No login' },
        { name: 'chair', description: "The group chair's views (login comes with the auth step)" },
      ],
    },
  });
  void app.register(helmet, SECURITY_HEADERS);
  // Swagger UI's own page sets inline styles; it holds no personal data.
  void app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });

  // gzip for clients that ask: a phone on a slow link gets the dashboard ~40x smaller (bench/pages.ts). Not brotli: its
  // default quality costs too much CPU for pages made per request. Before the routes, so every reply is covered;
  // bodies under 1 kB are sent as they are.
  void app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
  // Pages post urlencoded forms; the response and annex forms post multipart (one file, within the annex limit).
  void app.register(formbody, { bodyLimit: 1024 * 1024 });
  void app.register(multipart, {
    limits: { fileSize: MAX_ANNEX_BYTES, files: 1, fields: 50, fieldSize: 100 * 1024, parts: 60 },
  });
  registerAuth(app, deps);
  // After the auth plugin, so this onSend hook runs after the cookie plugin's and sees the Set-Cookie it writes.
  void app.register(noStoreUnlessPublic);

  // Routes inside a plugin registered after swagger, so its onRoute hook sees every one of them.
  void app.register((api: App, _opts, done) => {
    deadlineRoute(api, deps);
    calendarYearRoute(api, deps);
    groupMembersRoute(api, deps);
    groupObligationsRoute(api, deps);
    publicPages(api, deps);
    stylesheetRoute(api);
    groupIcsRoute(api, deps);
    loginPages(api, deps);
    formationRoutes(api, deps);
    accountsArea(api, deps);
    dashboardRoutes(api, deps);
    councilCalendarRoutes(api, deps);
    calendarEditPages(api, deps);
    objectsRoutes(api, deps);
    actsRoutes(api, deps);
    manageObjectsPages(api, deps);
    actPrintPage(api, deps);
    manageActsPages(api, deps);
    objectRespondPages(api, deps);
    annexDownload(api, deps);
    councilsArea(api, deps);
    codecRoutes(api, deps);
    personsArea(api, deps);
    requestsRoutes(api, deps);
    linkRoutes(api, deps);
    requestPages(api, deps);
    manageRequestsPages(api, deps);
    meetingsRoutes(api, deps);
    termMembershipRoutes(api, deps);
    groupsRoutes(api, deps);
    considerationRoutes(api, deps);
    reportRoutes(api, deps);
    conflictRoutes(api, deps);
    accountMembershipRoutes(api, deps);
    plansArea(api, deps);
    done();
  });
  return app;
}
