// The Fastify instance the routes are written against (TypeBox type provider) and what they are given.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config/config';
import type { Database } from '../db/database';
import type { ProcedureEngine } from '../procedures/engine';
import type { SetupGate } from '../security/setup-token';
import type { PayloadCodec } from '@temporalio/common';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppDeps {
  db: Kysely<Database>;
  config: AppConfig;
  /** Milliseconds since the epoch; "today" for the pending list is its Bishkek date. Default Date.now. */
  clock?: () => number;
  /** Where workflow actions go (procedures/engine.ts); default: none reachable (every action answers 503). */
  engine?: ProcedureEngine;
  /** The one-time setup link's gate (security/setup-token.ts), made by `npm start` when no account exists; null: /setup is a 404. */
  setup?: SetupGate | null;
  /** The Temporal payload codec the Web UI's codec endpoint uses (api/codec/routes.ts); default: the one of config's keys. */
  payloadCodec?: PayloadCodec;
}
