// `jmeg worker`: only the Temporal worker (what the docker-compose `worker` service runs).
import { loadConfig } from '../../config/config';
import { runEngine } from '../../worker/run-engine';
import { leaf, runCommand } from '../command';

export const command = leaf({
  name: 'worker',
  summary: 'Runs only the Temporal worker (what the docker-compose `worker` service runs).',
  notes: ['Settings come from environment variables (TEMPORAL_ADDRESS, DATABASE_URL, SMTP_URL; see README).'],
  run: worker,
});

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

function worker(): Promise<number> {
  return runEngine({
    config: loadConfig(),
    searchPath: process.env.PATH,
    first: 'temporal',
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  });
}
