// `jmeg projections rebuild`: truncates the projection tables and replays the event log into them.
import { rebuildProjections } from '../../db/rebuild-projections';
import { leaf, runCommand, type Group } from '../command';
import { withDatabase } from '../with-database';

export const command: Group = {
  name: 'projections',
  summary: 'The tables read from the event log.',
  subcommands: [
    leaf({
      name: 'rebuild',
      summary: 'Truncates the projection tables and replays the event log into them.',
      run: rebuild,
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

async function rebuild(): Promise<number> {
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
