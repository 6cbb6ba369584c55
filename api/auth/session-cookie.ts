// Session ids: 32 random bytes in the cookie, only their sha256 in the database. Idle 12 h, absolute 7 days.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'jmeg_session';
export const IDLE_MS = 12 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Constant-time comparison of two tokens. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A session is over after 12 h without a request or 7 days after login, whichever comes first. */
export function sessionAlive(createdAt: Date, lastSeenAt: Date, now: number): boolean {
  return now - lastSeenAt.getTime() < IDLE_MS && now - createdAt.getTime() < ABSOLUTE_MS;
}
