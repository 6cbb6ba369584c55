// The per-group secret of the iCalendar feed (GET /api/groups/:groupId/calendar.ics?token=...): a calendar app on a
// phone cannot log in, so the URL carries the credential. The table keeps only the token's sha256 (a copy of the
// database opens no feed). The token itself is an HMAC of the group and the row's creation instant under the server
// secret, so the chair and staff can be shown the same link again (no need to keep the token anywhere); regenerating
// writes a new creation instant, hence a new token, and the old one stops working at once.
import { createHash, createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database';

export interface FeedToken {
  groupId: string;
  /** sha256 hex of the token. */
  tokenHash: string;
  createdAt: Date;
}

export const feedTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The token of a group's feed row: base64url(HMAC-SHA256(secret, group and creation instant)), 43 characters. */
export function deriveFeedToken(secret: string, groupId: string, createdAt: Date): string {
  return createHmac('sha256', secret)
    .update(`jmeg-feed-token:v1:${groupId}:${createdAt.getTime()}`, 'utf8')
    .digest('base64url');
}

export async function findFeedToken(db: Kysely<Database>, groupId: string): Promise<FeedToken | undefined> {
  const row = await db.selectFrom('feed_tokens').selectAll().where('group_id', '=', groupId).executeTakeFirst();
  return row ? { groupId: row.group_id, tokenHash: row.token_hash, createdAt: new Date(row.created_at) } : undefined;
}

/** The token of a group's current row, or null when there is none or it was made with another secret (then regenerate). */
export async function currentFeedToken(
  db: Kysely<Database>,
  secret: string,
  groupId: string,
): Promise<{ token: string; createdAt: Date } | { token: null; createdAt: Date } | null> {
  const row = await findFeedToken(db, groupId);
  if (!row) return null;
  const token = deriveFeedToken(secret, groupId, row.createdAt);
  return feedTokenHash(token) === row.tokenHash
    ? { token, createdAt: row.createdAt }
    : { token: null, createdAt: row.createdAt };
}

/**
 * Makes a new token for the group, replacing the old one (which stops working). The creation instant is now, or one
 * millisecond after the previous one when the clock has not moved, so every regeneration gives a different token.
 */
export async function regenerateFeedToken(
  db: Kysely<Database>,
  secret: string,
  groupId: string,
  now: Date,
): Promise<{ token: string; createdAt: Date }> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('feed_tokens')
      .select('created_at')
      .where('group_id', '=', groupId)
      .forUpdate()
      .executeTakeFirst();
    const createdAt = new Date(Math.max(now.getTime(), previous ? new Date(previous.created_at).getTime() + 1 : 0));
    const token = deriveFeedToken(secret, groupId, createdAt);
    await sql`insert into feed_tokens (group_id, token_hash, created_at) values (${groupId}, ${feedTokenHash(token)}, ${createdAt.toISOString()})
      on conflict (group_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at`.execute(
      trx,
    );
    return { token, createdAt };
  });
}

/** The group a presented token opens, or null (unknown or replaced token). */
export async function groupOfFeedToken(db: Kysely<Database>, token: string): Promise<string | null> {
  const row = await db
    .selectFrom('feed_tokens')
    .select('group_id')
    .where('token_hash', '=', feedTokenHash(token))
    .executeTakeFirst();
  return row?.group_id ?? null;
}
