// The monitored object's link to an information request (7.3.2(1)): the response link's signed, expiring format
// (response-token.ts) with the subject "request:<id>", so an act's link never opens a request and the reverse.
import {
  createResponseToken,
  ResponseTokenError,
  verifyResponseToken,
  type ResponseTokenPayload,
} from './response-token';

export interface RequestTokenPayload {
  requestId: string;
  objectId: string;
  expiresAtMs: number;
  /** 0 (absent) for the link mailed with the request; 1, 2, ... for each fresh link re-sent (response-token.ts). */
  generation?: number;
}

const SUBJECT = 'request:';

/** Signs a link for one request and its object, valid until `expiresAtMs`. */
export function createRequestToken(payload: RequestTokenPayload, secret: string | Uint8Array): string {
  return createResponseToken(
    {
      actId: `${SUBJECT}${payload.requestId}`,
      objectId: payload.objectId,
      expiresAtMs: payload.expiresAtMs,
      ...(payload.generation ? { generation: payload.generation } : {}),
    },
    secret,
  );
}

/** Checks a request link as verifyResponseToken does; a link for an act or another request is 'wrong-act'. */
export function verifyRequestToken(
  token: string,
  secret: string | Uint8Array,
  options: { nowMs: number; requestId?: string },
): RequestTokenPayload {
  const payload: ResponseTokenPayload = verifyResponseToken(token, secret, {
    nowMs: options.nowMs,
    ...(options.requestId === undefined ? {} : { actId: `${SUBJECT}${options.requestId}` }),
  });
  if (!payload.actId.startsWith(SUBJECT))
    throw new ResponseTokenError('wrong-act', 'request token: issued for an act, not a request');
  return {
    requestId: payload.actId.slice(SUBJECT.length),
    objectId: payload.objectId,
    expiresAtMs: payload.expiresAtMs,
    ...(payload.generation ? { generation: payload.generation } : {}),
  };
}
