// `jmeg --help` like any CLI: every command and every subcommand prints its usage, generated from its definition
// (cli/command.ts), with every option it declares, and exits 0; an unknown option exits 2 naming it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli/cli-error';
import { runCommand, type Command, type Leaf } from '../cli/command';
import { commands } from '../cli/command-list';

function jmeg(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function helpOf(command: Command, argv: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runCommand(command, argv, (t) => (text += t));
  return { code, text };
}

const leaves = (c: Command): Leaf[] => ('subcommands' in c ? [...c.subcommands] : [c]);

const defined = Object.keys(commands);

describe('jmeg <command> [<subcommand>] --help', () => {
  it.each(defined)('%s: the command and each subcommand print their usage and every option', async (name) => {
    const mod = await commands[name]!.load();
    const command = mod.command;
    expect(command.name).toBe(name);
    for (const flag of ['--help', '-h']) {
      const { code, text } = await helpOf(command, [flag]);
      expect(code).toBe(0);
      expect(text).toMatch(new RegExp(`^usage: jmeg ${name}\\b`));
    }
    for (const sub of leaves(command)) {
      const argv = 'subcommands' in command ? [sub.name, '--help'] : ['--help'];
      const { code, text } = await helpOf(command, argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(text).toContain(sub.summary);
      for (const option of Object.keys(sub.options ?? {})) expect(text, `${name} ${sub.name}`).toContain(`--${option}`);
      for (const p of sub.positionals ?? []) expect(text).toContain(p.name);
    }
  });

  it.each(defined)('%s: an unknown option is refused in one line naming it, exit 2', async (name) => {
    const command = (await commands[name]!.load()).command;
    for (const sub of leaves(command)) {
      const argv = [...('subcommands' in command ? [sub.name] : []), '--no-such-option'];
      const refusal = await runCommand(command, argv, () => {}).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(CliError);
      const { message, exitCode } = refusal as CliError;
      expect(exitCode).toBe(2);
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toContain('unknown option "--no-such-option"');
      expect(message).toContain(`usage: jmeg ${name}`);
    }
  });
});

describe('jmeg as a process', () => {
  it('jmeg, jmeg help and jmeg --help list every command, exit 0', () => {
    for (const args of [[], ['help'], ['--help'], ['-h']]) {
      const r = jmeg(...args);
      expect([r.code, r.stderr]).toEqual([0, '']);
      for (const name of Object.keys(commands)) expect(r.stdout).toContain(`jmeg ${name}`);
    }
  });

  it('jmeg help calendar and jmeg calendar set --help print the usage, exit 0', () => {
    const help = jmeg('help', 'calendar');
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^usage: jmeg calendar <subcommand>/);
    const set = jmeg('calendar', 'set', '--help');
    expect([set.code, set.stderr]).toEqual([0, '']);
    expect(set.stdout).toMatch(/^usage: jmeg calendar set YYYY-MM-DD --type day-off\|working-day/);
  });

  it('an unknown option: exit 2, one line naming it; an unknown command: exit 2', () => {
    const r = jmeg('group', 'create', '--councel', 'c-1');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^group create: unknown option "--councel"; usage: jmeg group create --council ID/),
    ]);
    const unknown = jmeg('grop');
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toBe('jmeg: unknown command "grop"; run "jmeg --help" for the list\n');
  });
});
