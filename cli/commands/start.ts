// `jmeg start` (npm start): the product on this machine (./start-product.ts). Says at once that it is starting and
// where its data is, then loads the server, the worker and the database driver, which take seconds to load.
import { loadConfig } from '../../config/config';
import { leaf, runCommand } from '../command';

export const command = leaf({
  name: 'start',
  summary: 'Runs the API and the Temporal worker on embedded defaults (PGlite, .eml mail, local Temporal).',
  notes: ['Settings come from environment variables (see README).'],
  run: start,
});

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

async function start(): Promise<number> {
  const config = loadConfig();
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`Starting jmeg: data directory ${config.dataDir}, opening the database…`);
  const { startProduct } = await import('./start-product');
  return startProduct({
    config,
    searchPath: process.env.PATH,
    out,
    err: (line) => process.stderr.write(line + '\n'),
  });
}
