// The `jmeg` command line: dispatches to one module per command (cli/command-list.ts), each a definition run by
// cli/command.ts. `jmeg`, `jmeg help`, `jmeg --help` list the commands; `jmeg help <command>` and
// `jmeg <command> --help` print the command's usage; all exit 0.
import { ConfigError } from '../config/config';
import { CliError } from './cli-error';
import { usage as commandUsage } from './command';
import { commands } from './command-list';

function usage(): string {
  return [
    'Usage: jmeg <command> [<subcommand>] [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((c) => `  jmeg ${c.summary}`),
    '',
    'Run "jmeg <command> --help" (or "jmeg help <command>") for its subcommands and options.',
  ].join('\n');
}

function commandOf(name: string) {
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new CliError(`jmeg: unknown command "${name}"; run "jmeg --help" for the list`);
  return command;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (name === 'help') {
    const mod = await commandOf(rest[0]!).load();
    process.stdout.write(commandUsage(rest[0]!, mod.command) + '\n');
    return 0;
  }
  const mod = await commandOf(name).load();
  return mod.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(error.message + '\n');
    process.exitCode = error.exitCode;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`jmeg: setting ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`jmeg: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  }
}
