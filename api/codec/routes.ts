// The remote codec of the Temporal Web UI: POST /codec/decode and /codec/encode take `{ payloads: [...] }` (metadata
// values and data in base64, as the UI sends them) and answer the same shape, decoded or encoded with the product's
// payload codec (security/payload-codec.ts), so staff read histories in the UI in clear while the server keeps them
// encrypted. Staff of every council only. The UI calls from its own origin with the staff member's session cookie:
// answers carry CORS headers for the origins of JMEG_TEMPORAL_UI_ORIGINS only, with credentials, and the preflight
// (OPTIONS) is public. Neither route changes anything, so they take no CSRF token (the UI cannot send one); another
// origin's page may post to them but cannot read the answer.
import type { Payload, PayloadCodec } from '@temporalio/common';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PayloadDecryptionError } from '../../security/payload-codec';
import { dataConverterOf } from '../../worker/temporal-client';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { isStaffOfEveryCouncil } from '../councils/input';

export const CODEC_PATHS = ['/codec/decode', '/codec/encode'] as const;
const MAX_PAYLOADS = 10_000;
const CORS_MAX_AGE_S = 600;

const Base64 = Type.String({ maxLength: 16 * 1024 * 1024, pattern: '^[A-Za-z0-9+/_-]*={0,2}$' });
const WirePayload = Type.Object(
  { metadata: Type.Optional(Type.Record(Type.String({ maxLength: 256 }), Base64)), data: Type.Optional(Base64) },
  { additionalProperties: false },
);
const Body = Type.Object(
  { payloads: Type.Array(WirePayload, { maxItems: MAX_PAYLOADS }) },
  { additionalProperties: false },
);
interface WirePayloadShape {
  metadata?: Record<string, string>;
  data?: string;
}

function fromWire(p: WirePayloadShape): Payload {
  const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, bytes(v)])),
    data: bytes(p.data ?? ''),
  };
}

function toWire(p: Payload): WirePayloadShape {
  const base64 = (b: Uint8Array | null | undefined): string => Buffer.from(b ?? new Uint8Array()).toString('base64');
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, base64(v)])),
    data: base64(p.data),
  };
}

/** The codec of this deployment: the one given in deps, else the one of its configured keys (made on first use). */
function codecOf(deps: AppDeps): () => PayloadCodec {
  let codec = deps.payloadCodec;
  return () => (codec ??= dataConverterOf(deps.config).payloadCodecs![0]!);
}

function allowOrigin(origins: readonly string[], request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('vary', 'Origin');
  const origin = request.headers.origin;
  if (origin === undefined || !origins.includes(origin)) return;
  void reply.header('access-control-allow-origin', origin);
  void reply.header('access-control-allow-credentials', 'true');
}

function staffOfEveryCouncil(request: FastifyRequest): Promise<void> {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  if (!isStaffOfEveryCouncil(request.auth.account))
    throw new AppError('forbidden', 'only staff of every council read decoded Temporal payloads');
  return Promise.resolve();
}

export function codecRoutes(app: App, deps: AppDeps): void {
  const codec = codecOf(deps);
  const origins = deps.config.temporalUiOrigins;
  for (const path of CODEC_PATHS) {
    const decode = path === '/codec/decode';
    app.options(path, { schema: { hide: true }, config: { access: ['public'] } }, (request, reply) => {
      allowOrigin(origins, request, reply);
      if (reply.getHeader('access-control-allow-origin') !== undefined) {
        void reply.header('access-control-allow-methods', 'POST, OPTIONS');
        void reply.header('access-control-allow-headers', 'content-type, x-namespace, authorization');
        void reply.header('access-control-max-age', String(CORS_MAX_AGE_S));
      }
      return reply.status(204).send();
    });
    app.post(
      path,
      {
        schema: {
          tags: ['temporal'],
          summary: decode
            ? "The Temporal Web UI's remote codec: decrypts payloads (staff of every council)"
            : "The Temporal Web UI's remote codec: encrypts payloads (staff of every council)",
          body: Body,
        },
        config: { access: ['staff-of-every-council'] },
        // CORS headers before the access check, so the UI can read a 401 or 403 and say why.
        onRequest: (request, reply, done) => {
          allowOrigin(origins, request, reply);
          done();
        },
        preValidation: staffOfEveryCouncil,
      },
      async (request) => {
        const payloads = request.body.payloads.map(fromWire);
        try {
          const result = decode ? await codec().decode(payloads) : await codec().encode(payloads);
          return { payloads: result.map(toWire) };
        } catch (error) {
          if (error instanceof PayloadDecryptionError)
            throw new AppError('invalid-input', error.message, { field: 'payloads', rule: 'decryptable' });
          throw error;
        }
      },
    );
  }
}
