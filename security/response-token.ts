// The monitored object's response link (4.3): a signed, expiring token that opens the response page of ONE act
// without an account. Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, first part)).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Localized } from '../domain/i18n';

/**
 * How long a link works unless configured otherwise: 60 days. The object has 10 working days from receipt (4.3),
 * receipt itself may take a few working days, holidays (New Year, May, Orozo and Kurman Ait) can add more than a
 * week, and a late answer is still accepted after the escalation; 60 days covers that with room to spare, and
 * staff can send a fresh link after it expires. Longer would leave a forwarded link usable for months.
 */
export const DEFAULT_RESPONSE_LINK_DAYS = 60;

/** A secret shorter than this is refused (HMAC-SHA256 wants at least 256 bits of key). */
export const MIN_SECRET_BYTES = 32;

export interface ResponseTokenPayload {
  actId: string;
  objectId: string;
  /** Expiry as milliseconds since the epoch (UTC). */
  expiresAtMs: number;
  /**
   * The link's generation for its act (or request) and party: 0 (absent) for the link mailed with it, 1, 2, ... for
   * each fresh link staff re-sent (db/link-generations.ts); a link older than the newest one is revoked.
   */
  generation?: number;
}

/**
 * - malformed: not a token of this format (cut short, wrong characters, not JSON);
 * - tampered: well-formed, but the signature does not match the content (changed, or signed with another secret);
 * - expired: genuine but past its expiry;
 * - wrong-act: genuine, for another act than the page it was used on;
 * - wrong-party: genuine, for this act, but another party's (the object's link used for the executive body's receipt,
 *   or the reverse: each party's receipt starts its own count, 4.3(3) and (4)).
 */
/** - revoked: genuine, but a fresh link was re-sent since (db/link-generations.ts): only the newest works (410). */
export type ResponseTokenErrorCode = 'malformed' | 'tampered' | 'expired' | 'wrong-act' | 'wrong-party' | 'revoked';

/** What the response page says for each refusal, in the three languages. */
export const RESPONSE_TOKEN_MESSAGES: Record<ResponseTokenErrorCode, Localized> = {
  malformed: {
    ky: 'Шилтеме толук эмес же бузулган. Катта келген шилтемени толугу менен көчүрүп ачыңыз.',
    ru: 'Ссылка неполная или повреждена. Откройте ссылку из письма целиком.',
    en: 'The link is incomplete or damaged. Open the whole link from the e-mail.',
  },
  tampered: {
    ky: 'Шилтеме өзгөртүлгөн же жараксыз. Катта келген шилтемени колдонуңуз же топко кайрылыңыз.',
    ru: 'Ссылка изменена или недействительна. Воспользуйтесь ссылкой из письма или обратитесь в группу.',
    en: 'The link has been altered or is not valid. Use the link from the e-mail or contact the group.',
  },
  expired: {
    ky: 'Шилтеменин мөөнөтү бүттү. Жаңы шилтеме алуу үчүн топко же айыл өкмөтүнө кайрылыңыз; жоопту кечиктирип берүүгө болот.',
    ru: 'Срок действия ссылки истёк. Чтобы получить новую, обратитесь в группу или айыл окмоту; ответ можно дать и с опозданием.',
    en: 'The link has expired. Ask the group or the executive body for a new one; a late answer is still accepted.',
  },
  'wrong-act': {
    ky: 'Бул шилтеме башка актыга тиешелүү.',
    ru: 'Эта ссылка относится к другому акту.',
    en: 'This link belongs to another act.',
  },
  'wrong-party': {
    ky: 'Бул шилтеме башка тараптыкы: ар бир тарап актыны алганын өз шилтемеси менен гана белгилейт (Жобонун 4.3-пункту: объекттин мөөнөтү объект алган күндөн, айыл өкмөтүнүн 30 күнү өзү алган күндөн эсептелет).',
    ru: 'Эта ссылка принадлежит другой стороне: каждая сторона отмечает получение акта только своей ссылкой (пункт 4.3 Положения: срок объекта считается с его получения, 30 дней айыл окмоту — с получения им самим).',
    en: "This link belongs to the other party: each party records its receipt of the act only through its own link (4.3: the object's period counts from its receipt, the executive body's 30 days from its own).",
  },
  revoked: {
    ky: 'Бул шилтеме жаңы шилтеме менен алмаштырылды жана мындан ары иштебейт. Эң акыркы катта келген шилтемени ачыңыз.',
    ru: 'Эта ссылка заменена новой и больше не действует. Откройте ссылку из самого последнего письма.',
    en: 'This link has been replaced by a new one and no longer works. Open the link from the most recent e-mail.',
  },
};

export class ResponseTokenError extends Error {
  constructor(
    readonly code: ResponseTokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResponseTokenError';
  }
}

const VERSION = 1;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function key(secret: string | Uint8Array): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < MIN_SECRET_BYTES)
    throw new RangeError(`response link secret: ${bytes.length} bytes, at least ${MIN_SECRET_BYTES} needed`);
  return bytes;
}

function sign(body: string, secret: string | Uint8Array): Buffer {
  return createHmac('sha256', key(secret)).update(body).digest();
}

/** Signs a link for one act and its object, valid until `expiresAtMs`. */
export function createResponseToken(payload: ResponseTokenPayload, secret: string | Uint8Array): string {
  if (!payload.actId || !payload.objectId) throw new RangeError('response token: actId and objectId are required');
  if (!Number.isSafeInteger(payload.expiresAtMs))
    throw new RangeError(`response token: expiry ${payload.expiresAtMs} is not a whole number of milliseconds`);
  const generation = payload.generation ?? 0;
  if (!Number.isSafeInteger(generation) || generation < 0)
    throw new RangeError(`response token: generation ${generation} is not a whole number >= 0`);
  // The first link of a party carries no generation: its bytes are the ones mailed before links could be re-sent.
  const body = Buffer.from(
    JSON.stringify({
      v: VERSION,
      a: payload.actId,
      o: payload.objectId,
      e: payload.expiresAtMs,
      ...(generation > 0 ? { g: generation } : {}),
    }),
    'utf8',
  ).toString('base64url');
  return `${body}.${sign(body, secret).toString('base64url')}`;
}

/** The expiry of a link issued at `issuedAtMs` that lives `days` days. */
export function responseTokenExpiry(issuedAtMs: number, days: number = DEFAULT_RESPONSE_LINK_DAYS): number {
  return issuedAtMs + days * 24 * 60 * 60 * 1000;
}

/**
 * Checks a link: format, then signature (in constant time), then expiry against `nowMs`, then, when given, that it
 * is for `actId`. Returns the payload; throws ResponseTokenError with the first failing check's code.
 */
export function verifyResponseToken(
  token: string,
  secret: string | Uint8Array,
  options: { nowMs: number; actId?: string },
): ResponseTokenPayload {
  const parts = token.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]!) || !BASE64URL.test(parts[1]!)) {
    throw new ResponseTokenError('malformed', 'response token: expected two base64url parts joined by "."');
  }
  const [body, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ResponseTokenError('tampered', 'response token: the signature does not match');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new ResponseTokenError('malformed', 'response token: the payload is not JSON');
  }
  const p = decoded as { v?: unknown; a?: unknown; o?: unknown; e?: unknown; g?: unknown };
  if (
    p.v !== VERSION ||
    typeof p.a !== 'string' ||
    typeof p.o !== 'string' ||
    typeof p.e !== 'number' ||
    !Number.isSafeInteger(p.e) ||
    (p.g !== undefined && (typeof p.g !== 'number' || !Number.isSafeInteger(p.g) || p.g < 1))
  ) {
    throw new ResponseTokenError('malformed', 'response token: the payload lacks act, object or expiry');
  }
  if (options.nowMs >= p.e)
    throw new ResponseTokenError('expired', `response token: expired at ${new Date(p.e).toISOString()}`);
  if (options.actId !== undefined && options.actId !== p.a)
    throw new ResponseTokenError('wrong-act', 'response token: issued for another act');
  return { actId: p.a, objectId: p.o, expiresAtMs: p.e, ...(typeof p.g === 'number' ? { generation: p.g } : {}) };
}
