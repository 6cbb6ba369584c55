// The one argument parser of every `jmeg` command: a command is a definition (its subcommands, each with its
// positionals, options and run function); the usage text is generated from it, `--help`/`-h` prints it (exit 0) at
// the command's and the subcommand's level, and an unknown option, a missing required option or a missing or extra
// argument is refused in one line that names it and the rule, with the synopsis (exit 2, CliError).
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';

export interface OptionDef {
  type: 'string' | 'boolean';
  /** What the value looks like in the usage: `--from YYYY-MM-DD`. */
  placeholder?: string;
  description: string;
  required?: boolean;
  multiple?: boolean;
}

export interface PositionalDef {
  /** As the usage shows it: FILE.csv, ACT_ID. */
  name: string;
  description?: string;
  required?: boolean;
  /** Takes every remaining argument. */
  variadic?: boolean;
}

type ValueOf<O extends OptionDef> = O['type'] extends 'boolean'
  ? O['multiple'] extends true
    ? boolean[]
    : boolean
  : O['multiple'] extends true
    ? string[]
    : string;

export type Options = Record<string, OptionDef>;

export type Values<O extends Record<string, OptionDef>> = { [K in keyof O]?: ValueOf<O[K]> };

export interface Parsed<O extends Record<string, OptionDef>> {
  values: Values<O>;
  positionals: string[];
}

export interface Leaf<O extends Record<string, OptionDef> = Record<string, OptionDef>> {
  name: string;
  summary: string;
  positionals?: readonly PositionalDef[];
  options?: O;
  /** Lines printed after the options in the usage. */
  notes?: readonly string[];
  /** A method, so that a subcommand with its own options is a Leaf of any options. */
  run(args: Parsed<O>): Promise<number> | number;
}

export interface Group {
  name: string;
  summary: string;
  subcommands: readonly Leaf[];
  notes?: readonly string[];
}

export type Command = Leaf | Group;

/** A subcommand (or a command without subcommands), its option types inferred from the definition. */
export function leaf<const O extends Record<string, OptionDef> = Record<never, OptionDef>>(def: Leaf<O>): Leaf<O> {
  return def;
}

const optionsOf = (c: Leaf): [string, OptionDef][] => Object.entries(c.options ?? {});
const isGroup = (c: Command): c is Group => 'subcommands' in c;
const wantsHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

function optionText(name: string, o: OptionDef): string {
  return o.type === 'boolean' ? `--${name}` : `--${name} ${o.placeholder ?? 'VALUE'}`;
}

function positionalText(p: PositionalDef): string {
  const text = p.variadic ? `${p.name}...` : p.name;
  return p.required === false ? `[${text}]` : text;
}

/** One line: `jmeg calendar set YYYY-MM-DD --type TYPE [--council ID]`. */
export function synopsis(path: string, c: Leaf): string {
  const options = optionsOf(c);
  return [
    `jmeg ${path}`,
    ...(c.positionals ?? []).map(positionalText),
    ...options.filter(([, o]) => o.required).map(([n, o]) => optionText(n, o)),
    ...options.filter(([, o]) => !o.required).map(([n, o]) => `[${optionText(n, o)}]`),
  ].join(' ');
}

function table(rows: [string, string][]): string[] {
  const width = Math.min(32, Math.max(...rows.map(([a]) => a.length)));
  return rows.map(([a, b]) =>
    a.length > width ? `  ${a}\n  ${' '.repeat(width)}  ${b}` : `  ${a.padEnd(width)}  ${b}`,
  );
}

/** The usage of a command (its subcommands) or of one subcommand (its arguments and options). */
export function usage(path: string, c: Command): string {
  if (isGroup(c)) {
    return [
      `usage: jmeg ${path} <subcommand> [options]`,
      '',
      c.summary,
      '',
      'Subcommands:',
      ...table(c.subcommands.map((s) => [s.name, s.summary])),
      ...(c.notes?.length ? ['', ...c.notes] : []),
      '',
      `Run "jmeg ${path} <subcommand> --help" for its arguments and options.`,
    ].join('\n');
  }
  const positionals = c.positionals ?? [];
  const options = optionsOf(c);
  return [
    `usage: ${synopsis(path, c)}`,
    '',
    c.summary,
    ...(positionals.length
      ? [
          '',
          'Arguments:',
          ...table(positionals.map((p) => [p.name, p.description ?? (p.required === false ? '(optional)' : '')])),
        ]
      : []),
    '',
    'Options:',
    ...table([
      ...options.map(([n, o]): [string, string] => [
        optionText(n, o),
        `${o.description}${o.required ? ' (required)' : ''}${o.multiple ? ' (may be repeated)' : ''}`,
      ]),
      ['-h, --help', 'this help'],
    ]),
    ...(c.notes?.length ? ['', ...c.notes] : []),
  ].join('\n');
}

function parse(path: string, c: Leaf, argv: string[]): Parsed<Record<string, OptionDef>> {
  const line = `usage: ${synopsis(path, c)}`;
  const options = Object.fromEntries(
    optionsOf(c).map(([n, o]) => [n, { type: o.type, multiple: o.multiple ?? false }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliError(`${path}: unknown option "${option}"; ${line}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const def = c.options?.[option.replace(/^-+/, '').split(/[ =]/)[0]!];
      throw new CliError(
        def?.type === 'boolean'
          ? `${path}: option ${option} takes no value; ${line}`
          : `${path}: option ${option} needs a value; ${line}`,
      );
    }
    throw new CliError(`${path}: ${message.split('\n')[0] ?? message}; ${line}`);
  }
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  for (const [n, o] of optionsOf(c))
    if (o.required && (values[n] === undefined || values[n] === ''))
      throw new CliError(`${path}: ${optionText(n, o)} is required; ${line}`);
  const declared = c.positionals ?? [];
  const given = parsed.positionals;
  declared.forEach((p, i) => {
    if (p.required !== false && given[i] === undefined) throw new CliError(`${path}: ${p.name} is required; ${line}`);
  });
  if (!declared.some((p) => p.variadic) && given.length > declared.length)
    throw new CliError(`${path}: unexpected argument "${given[declared.length]}"; ${line}`);
  return { values: values as Values<Record<string, OptionDef>>, positionals: given };
}

/**
 * Runs `argv` (what follows `jmeg <name>`) against the definition: prints the usage for --help (0), refuses bad
 * arguments (CliError, exit 2), else returns what the subcommand's run returns.
 */
export async function runCommand(
  c: Command,
  argv: string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  if (isGroup(c)) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      out(usage(c.name, sub === 'help' && rest[0] ? subcommandOf(c, rest[0]) : c) + '\n');
      return 0;
    }
    if (sub === undefined)
      throw new CliError(
        `${c.name}: a subcommand is required (${c.subcommands.map((s) => s.name).join(', ')}); run "jmeg ${c.name} --help"`,
      );
    return runLeaf(`${c.name} ${sub}`, subcommandOf(c, sub), rest, out);
  }
  return runLeaf(c.name, c, argv, out);
}

function subcommandOf(c: Group, name: string): Leaf {
  const s = c.subcommands.find((x) => x.name === name);
  if (!s)
    throw new CliError(
      `${c.name}: unknown subcommand "${name}"; subcommands: ${c.subcommands.map((x) => x.name).join(', ')}; run "jmeg ${c.name} --help"`,
    );
  return s;
}

async function runLeaf(path: string, c: Leaf, argv: string[], out: (text: string) => void): Promise<number> {
  if (wantsHelp(argv)) {
    out(usage(path, c) + '\n');
    return 0;
  }
  return c.run(parse(path, c, argv));
}
