// What the councils API and the registration page share: the input rules of a council (the `jmeg council create`
// rules: both names, an IANA time zone, Asia/Bishkek by default; and, because reminders are mailed to it and notices
// link to it, an e-mail address mail servers accept and an http(s) website), the idempotent registration (a key
// fixes the council's id, so a double submit registers one council), and which councils an account may see.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { SessionAccount } from '../../db/accounts';
import { findCouncilById, listCouncils, registerCouncil, type Council } from '../../db/councils';
import type { Database } from '../../db/database';
import { ConcurrencyError } from '../../db/event-store';
import { findGroupById } from '../../db/groups';
import { isEmailAddress } from '../../db/objects';
import { LANGS, type Lang, type Localized } from '../../domain/i18n';
import { AppError } from '../app-error';
import { msg, type MessageKey } from '../ui/messages';

export const DEFAULT_TIME_ZONE = 'Asia/Bishkek';
export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const WEBSITE_MAX = 500;

export type CouncilField = 'nameKy' | 'nameRu' | 'email' | 'website' | 'timeZone';

export interface CouncilInput {
  nameKy: string;
  nameRu: string;
  email?: string | null | undefined;
  website?: string | null | undefined;
  timeZone?: string | null | undefined;
}

export interface CheckedCouncil {
  name: { ky: string; ru: string };
  email: string | null;
  website: string | null;
  timeZone: string;
}

/** Staff of every council: a staff account with no council of its own (the only ones who register councils). */
export function isStaffOfEveryCouncil(account: Pick<SessionAccount, 'role' | 'council_id'>): boolean {
  return account.role === 'staff' && account.council_id === null;
}

/** A preValidation hook letting through staff of every council only (401 without a session, 403 for anyone else). */
export function requireStaffOfEveryCouncil() {
  return (request: FastifyRequest): Promise<void> => {
    if (!request.auth) throw new AppError('not-authenticated', 'log in first');
    if (!isStaffOfEveryCouncil(request.auth.account))
      throw new AppError('forbidden', 'only staff of every council register councils');
    return Promise.resolve();
  };
}

const localized = (key: MessageKey, params: Readonly<Record<string, string>> = {}): Localized =>
  Object.fromEntries(LANGS.map((l) => [l, msg(l, key, params)])) as Localized;

/** A 400 naming the field (its JSON name, or on a page its label) with the rule and the reason in every language. */
function refuse(field: string, rule: string, key: MessageKey, params: Readonly<Record<string, string>> = {}): AppError {
  return new AppError('invalid-input', `${field}: ${rule}`, {
    field,
    rule,
    problems: [{ code: rule, field, clause: null, message: localized(key, params) }],
  });
}

/** A control character (C0, DEL, C1: a NUL cannot even be stored) or an unpaired surrogate (not text: the event log's JSON refuses it). */
function isBrokenUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return true;
  if (c >= 0xd800 && c < 0xdc00)
    return !(i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) < 0xe000);
  if (c >= 0xdc00 && c < 0xe000) return !(i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) < 0xdc00);
  return false;
}

function hasBroken(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isBrokenUnit(text, i)) return true;
  return false;
}

/** What a refused value looks like inside a message: printable, and short. */
function shown(value: string): string {
  let clean = '';
  for (let i = 0; i < value.length; i++) clean += isBrokenUnit(value, i) ? '\ufffd' : value[i];
  const chars = [...clean];
  return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : clean;
}

function checkName(value: string, field: string): string {
  const name = value.trim();
  if (name === '') throw refuse(field, 'required', 'councils.problem.required');
  if (hasBroken(name)) throw refuse(field, 'characters', 'councils.problem.characters');
  if ([...name].length > NAME_MAX) throw refuse(field, 'range', 'councils.problem.tooLong', { max: String(NAME_MAX) });
  return name;
}

function checkEmail(value: string | null | undefined, field: string): string | null {
  const email = (value ?? '').trim();
  if (email === '') return null;
  if (email.length > EMAIL_MAX || !isEmailAddress(email))
    throw refuse(field, 'email', 'councils.problem.email', { value: shown(email) });
  return email;
}

/** An http(s) address with a dotted host name; typed without a scheme ("aksuu.kg"), https:// is assumed. */
function checkWebsite(value: string | null | undefined, field: string): string | null {
  const typed = (value ?? '').trim();
  if (typed === '') return null;
  const text = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(typed) ? typed : `https://${typed}`;
  const bad = () => refuse(field, 'url', 'councils.problem.website', { value: shown(typed) });
  if (text.length > WEBSITE_MAX || hasBroken(text) || /\s/.test(text)) throw bad();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad();
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '')
    throw bad();
  const labels = url.hostname.split('.');
  if (
    labels.length < 2 ||
    labels.some((l) => l === '') ||
    !/^([a-z]{2,}|xn--[a-z0-9-]+)$/.test(labels[labels.length - 1]!)
  )
    throw bad();
  return text;
}

/** An IANA time zone as Intl knows it, in its canonical spelling (asia/bishkek → Asia/Bishkek). */
function checkTimeZone(value: string | null | undefined, field: string): string {
  const typed = (value ?? '').trim();
  if (typed === '') return DEFAULT_TIME_ZONE;
  const bad = () => refuse(field, 'time-zone', 'councils.problem.timeZone', { value: shown(typed) });
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(typed)) throw bad();
  try {
    return new Intl.DateTimeFormat('en', { timeZone: typed }).resolvedOptions().timeZone;
  } catch {
    throw bad();
  }
}

/** The input checked field by field (in the form's order); a 400 naming the first bad field. `fieldName` words it. */
export function checkCouncilInput(
  input: CouncilInput,
  fieldName: (field: CouncilField) => string = (f) => f,
): CheckedCouncil {
  return {
    name: { ky: checkName(input.nameKy, fieldName('nameKy')), ru: checkName(input.nameRu, fieldName('nameRu')) },
    email: checkEmail(input.email, fieldName('email')),
    website: checkWebsite(input.website, fieldName('website')),
    timeZone: checkTimeZone(input.timeZone, fieldName('timeZone')),
  };
}

/** The council id a key stands for: the same account and key give the same id (a UUID-shaped sha-256 prefix). */
export function councilIdForKey(accountId: string, key: string): string {
  const hex = createHash('sha256').update(`council\u0000${accountId}\u0000${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const sameCouncil = (c: Council, input: CheckedCouncil) =>
  c.name_ky === input.name.ky &&
  c.name_ru === input.name.ru &&
  c.email === input.email &&
  c.website === input.website &&
  c.time_zone === input.timeZone;

export interface RegisteredCouncil {
  councilId: string;
  /** False when the key had registered this very council before (a repeat). */
  created: boolean;
}

/**
 * Registers a council (council.registered). With a key (the API's Idempotency-Key, the form's nonce), a repeat with
 * the same data returns the council the first request registered; the same key with other data is a 409.
 */
export async function registerCouncilOnce(
  db: Kysely<Database>,
  input: CheckedCouncil,
  by: { accountId: string; key: string | null; lang: Lang },
): Promise<RegisteredCouncil> {
  const councilId = by.key === null ? randomUUID() : councilIdForKey(by.accountId, by.key);
  const repeat = async (): Promise<RegisteredCouncil | null> => {
    const existing = await findCouncilById(db, councilId);
    if (!existing) return null;
    if (!sameCouncil(existing, input)) {
      const name = by.lang === 'ky' ? existing.name_ky : existing.name_ru;
      throw new AppError('conflict', `idempotency key reused for council ${councilId}`, {
        subject: councilId,
        problems: [
          {
            code: 'idempotency-key-reused',
            field: 'idempotency-key',
            clause: null,
            message: localized('councils.problem.keyReused', { name }),
          },
        ],
      });
    }
    return { councilId, created: false };
  };
  const before = await repeat();
  if (before) return before;
  try {
    await registerCouncil(
      db,
      { id: councilId, name: input.name, email: input.email, website: input.website, timeZone: input.timeZone },
      `staff:${by.accountId}`,
    );
  } catch (error) {
    // The same key raced in twice: the other request registered it.
    if (!(error instanceof ConcurrencyError)) throw error;
    const after = await repeat();
    if (after) return after;
    throw error;
  }
  return { councilId, created: true };
}

/** The councils `account` may see: staff and deputies their council (staff of every council: all), chairs and members their group's. */
export async function visibleCouncils(db: Kysely<Database>, account: SessionAccount): Promise<Council[]> {
  if (isStaffOfEveryCouncil(account)) return listCouncils(db);
  let councilId = account.council_id;
  if ((account.role === 'chair' || account.role === 'member') && account.group_id !== null)
    councilId = (await findGroupById(db, account.group_id))?.council_id ?? null;
  if (councilId === null) return [];
  const council = await findCouncilById(db, councilId);
  return council ? [council] : [];
}

/** The ids of the executive bodies (4.2: one per council) of `councilIds`, by council. */
export async function executiveBodies(
  db: Kysely<Database>,
  councilIds: readonly string[],
): Promise<Map<string, string>> {
  if (councilIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('monitored_objects')
    .select(['id', 'council_id'])
    .where('is_executive_body', '=', true)
    .where('council_id', 'in', councilIds)
    .execute();
  return new Map(rows.map((r) => [r.council_id, r.id]));
}
