// `jmeg restore FILE [--force]`: see ./backup.ts.
import { runCommand } from '../command';
import { restoreCommand } from './backup';

export const command = restoreCommand;
export const run = (argv: string[]): Promise<number> => runCommand(restoreCommand, argv);
