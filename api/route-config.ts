// What every route declares in its `config`: who may call it (the authorisation matrix test, test/authz.test.ts,
// reads this from every registered route and fails on a route without it) and whether it is a page (errors are
// then an HTML page in the request's language, and a missing login on a GET redirects to /login).
export type Access =
  /** Anyone, no login. */
  | 'public'
  /** Council staff (their council's groups, or every council for staff without a council). */
  | 'staff'
  /** Only staff of every council (a staff account with no council): what no one council's staff may do, e.g. register a council. */
  | 'staff-of-every-council'
  /** The chair of the group in the path. */
  | 'chair'
  /** A member of the group in the path (reads). */
  | 'member'
  /** A deputy of the council (reads, receives escalations). */
  | 'deputy'
  /** The monitored object, through the signed link of its act (no login). */
  | 'object-link'
  /** Any logged-in account (logout, own session, own password). */
  | 'session'
  /**
   * A secret per-resource token in the URL (the group's calendar feed, which phone calendar apps fetch without a
   * login). A caller with neither the token nor a listed role gets 404, the answer for a group that does not exist,
   * so the feed gives nothing to probe.
   */
  | 'feed-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: readonly Access[];
    page?: boolean;
    /** The route reads a multipart body whose first field may carry the CSRF token (api/auth/form-csrf.ts). */
    multipartCsrf?: boolean;
  }
}

export {};
