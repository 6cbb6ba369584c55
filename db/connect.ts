// Opens the database: Postgres when a URL is configured, otherwise the embedded PGlite in the data directory.
// This file is the one place where the two drivers' differences are handled.
import { secureDir } from '../security/data-dir';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PGliteDialect,
  sql,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config/config';
import type { Database } from './database';
import { acquireDirLock, type DirLock } from './data-dir-lock';
import { migrateToLatest } from './migrate';

/** What the database layer needs from the app configuration. */
export type DbConfig = Pick<AppConfig, 'databaseUrl' | 'dataDir'>;

/** The embedded database lives in <dataDir>/pglite. */
export function pgliteDirOf(config: DbConfig): string {
  return join(config.dataDir, 'pglite');
}

const INT8 = 20;
const DATE = 1082;

/** int8 (count(*), identity positions) as a JS number; fails loudly instead of rounding past 2^53. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

/** `date` as the IsoDate string itself: no time zone can shift it. */
const parseDate = (value: string): string => value;

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return parseInt8;
    if (oid === DATE) return parseDate;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface CreateDbOptions {
  /** PGlite only: a directory, or 'memory://' for a throwaway in-memory database. */
  pgliteDir?: string;
  /** Postgres only: the pool size. */
  poolSize?: number;
}

/** A kysely instance on Postgres (config.databaseUrl) or on PGlite in <dataDir>/pglite. Does not migrate. */
export function createDb(config: DbConfig, options: CreateDbOptions = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: createDialect(config, options) });
}

/**
 * createDb, then the migrations: what every entry point (start, CLI) uses. On PGlite the data directory's lock is
 * taken first: another process holding it is a DataDirLockedError (db/data-dir-lock.ts), and nothing is written.
 */
export async function openDb(config: DbConfig, options: CreateDbOptions = {}): Promise<Kysely<Database>> {
  const db = createDb(config, options);
  try {
    // Opens the connection (and takes the lock) before the migrator, whose errors would wrap a refusal.
    await sql`select 1`.execute(db);
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

export function describeTarget(config: DbConfig): string {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    return `Postgres ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  }
  return `PGlite ${pgliteDirOf(config)}`;
}

function createDialect(config: DbConfig, options: CreateDbOptions): Dialect {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: options.poolSize ?? 10, types: pgTypes });
    // An idle client lost (server restart, database dropped) is discarded by the pool; the next query reconnects.
    pool.on('error', () => {});
    return new PostgresDialect({ pool });
  }
  const dir = options.pgliteDir ?? pgliteDirOf(config);
  let lock: DirLock | null = null;
  return new SerializedPGliteDialect(
    {
      pglite: async () => {
        if (!dir.startsWith('memory://')) {
          if (options.pgliteDir === undefined) secureDir(config.dataDir);
          // One process per embedded database: taken before PGlite touches the directory, released on destroy.
          lock = acquireDirLock(dir);
        }
        try {
          if (lock !== null) secureDir(dir);
          const pglite = new PGlite(dir, { parsers: { [INT8]: parseInt8, [DATE]: parseDate } });
          await pglite.waitReady;
          return pglite;
        } catch (error) {
          // kysely does not destroy a driver whose init failed: the lock is released here.
          lock?.release();
          lock = null;
          throw error;
        }
      },
    },
    () => {
      lock?.release();
      lock = null;
    },
  );
}

/** Opens the PGlite database in `dir` under the directory's lock, without kysely or migrations (backup, restore). */
export async function openLockedPGlite(
  dir: string,
  options: { loadDataDir?: Blob } = {},
): Promise<{ pglite: PGlite; close: () => Promise<void> }> {
  const lock = acquireDirLock(dir);
  try {
    secureDir(dir);
    const pglite = new PGlite(dir, options);
    await pglite.waitReady;
    return {
      pglite,
      close: async () => {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * kysely's PGlite driver hands out its single connection to everyone at once, so two concurrent
 * transactions would interleave on it. This dialect queues callers: one connection user at a time.
 */
class SerializedPGliteDialect extends PGliteDialect {
  constructor(
    config: ConstructorParameters<typeof PGliteDialect>[0],
    private readonly afterDestroy: () => void,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver(), this.afterDestroy);
  }
}

class SerializedDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  constructor(
    private readonly inner: Driver,
    private readonly afterDestroy: () => void,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint(...args: Parameters<NonNullable<Driver['savepoint']>>): Promise<void> {
    return this.inner.savepoint!(...args);
  }

  rollbackToSavepoint(...args: Parameters<NonNullable<Driver['rollbackToSavepoint']>>): Promise<void> {
    return this.inner.rollbackToSavepoint!(...args);
  }

  releaseSavepoint(...args: Parameters<NonNullable<Driver['releaseSavepoint']>>): Promise<void> {
    return this.inner.releaseSavepoint!(...args);
  }

  async destroy(): Promise<void> {
    try {
      await this.inner.destroy();
    } finally {
      this.afterDestroy();
    }
  }
}
