// `jmeg projections rebuild`: truncates the projection tables and replays the event log into them.
import { rebuildProjections } from '../../db/rebuild-projections';
import { CliError } from '../cli-error';
import { withDatabase } from '../with-database';

export async function run(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0] !== 'rebuild') throw new CliError('usage: jmeg projections rebuild');
  return withDatabase(async (db, target) => {
    const started = performance.now();
    const result = await rebuildProjections(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${target}: replayed ${result.events} events into ${result.tables.length} projection tables in ${seconds} s\n`,
    );
    return 0;
  });
}
