// `jmeg db migrate`: brings the database schema up to date (also done on every start).
import { loadConfig } from '../../config/config';
import { createDb, describeTarget } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { CliError } from '../cli-error';
import { firstLine, refuseIfLocked } from '../with-database';

const USAGE =
  'usage: jmeg db migrate   (DATABASE_URL selects Postgres; otherwise PGlite in $JMEG_DATA_DIR/pglite, default ./data/pglite)';

export async function run(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0] !== 'migrate') throw new CliError(USAGE);
  const config = loadConfig();
  const target = describeTarget(config);
  const db = createDb(config);
  try {
    const applied = await migrateToLatest(db);
    process.stdout.write(
      applied.length === 0 ? `${target}: schema is up to date\n` : `${target}: applied ${applied.join(', ')}\n`,
    );
    return 0;
  } catch (error) {
    refuseIfLocked(error);
    throw new CliError(`${target}: ${firstLine(error)}`);
  } finally {
    await db.destroy();
  }
}
