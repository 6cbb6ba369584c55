// `jmeg worker`: only the Temporal worker (what the docker-compose `worker` service runs).
import { loadConfig } from '../../config/config';
import { runEngine } from '../../worker/run-engine';
import { CliError } from '../cli-error';

export async function run(argv: string[]): Promise<number> {
  if (argv.length > 0)
    throw new CliError('usage: jmeg worker   (settings come from environment variables, see README)');
  return runEngine({
    config: loadConfig(),
    searchPath: process.env.PATH,
    first: 'temporal',
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  });
}
