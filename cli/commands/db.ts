// `jmeg db migrate`: brings the database schema up to date (also done on every start).
import { loadConfig } from '../../config/config';
import { createDb, describeTarget } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group } from '../command';
import { firstLine, refuseIfLocked } from '../with-database';

export const command: Group = {
  name: 'db',
  summary: 'The database schema.',
  subcommands: [
    leaf({
      name: 'migrate',
      summary: 'Brings the database schema up to date (also done on every start).',
      notes: ['DATABASE_URL selects Postgres; otherwise PGlite in $JMEG_DATA_DIR/pglite (default ./data/pglite).'],
      run: migrate,
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

async function migrate(): Promise<number> {
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
