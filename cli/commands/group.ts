// `jmeg group create|members|adopt`: open a group for a council; list its public composition; take on a group the
// council created before the product was used (procedures/groups/adopt-group.ts).
import { findCouncilById } from '../../db/councils';
import { findGroupById, openGroup } from '../../db/groups';
import { listPublicMembers } from '../../db/members';
import { isIsoDate } from '../../domain/dates';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { withDatabase } from '../with-database';
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../config/config';
import { isLang, type Lang } from '../../domain/i18n';
import { EngineUnavailableError, ProcedureRefusedError } from '../../procedures/engine';
import { adoptGroup, type AdoptedGroup } from '../../procedures/groups/adopt-group';
import { ConflictError, InvalidInputError } from '../../procedures/refusals';
import { problemText } from '../refusal';
import { withEngine } from '../with-engine';

const CREATE = {
  council: {
    type: 'string',
    placeholder: 'ID',
    description: 'the council (see "jmeg council list")',
    required: true,
  },
  'council-formed-on': {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: 'the day the council was formed (the group is formed after it, 5.4)',
  },
} as const satisfies Options;

const ADOPT = {
  council: { type: 'string', placeholder: 'ID', description: 'the council (see "jmeg council list")', required: true },
  'decision-number': {
    type: 'string',
    placeholder: 'N',
    description: "the number of the council's resolution that created the group",
    required: true,
  },
  'decided-on': {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: 'the date of the resolution',
    required: true,
  },
  'published-on': {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: "the date it was published on the council's website: it takes effect then and the term starts (5.3.1)",
    required: true,
  },
  'term-starts-on': {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: 'only for a resolution in force from another date than its publication',
  },
  chair: {
    type: 'string',
    placeholder: '"Full Name"',
    description: 'the chair the resolution names (a citizen member, 5.4.6)',
  },
  'chair-elected-later': {
    type: 'boolean',
    description: 'the resolution names no chair: the group elects one at a meeting',
  },
  csv: {
    type: 'string',
    placeholder: 'FILE.csv',
    description: 'the members, in the roster format of "jmeg roster check"',
    required: true,
  },
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const satisfies Options;

export const command: Group = {
  name: 'group',
  summary: 'The groups of a council.',
  subcommands: [
    leaf({ name: 'create', summary: 'Opens a group for a council and prints its id.', options: CREATE, run: create }),
    leaf({
      name: 'members',
      summary: 'Lists the public composition of a group.',
      positionals: [{ name: 'GROUP_ID', description: 'the group' }],
      run: ({ positionals }) => members(positionals[0]!),
    }),
    leaf({
      name: 'adopt',
      summary:
        "Takes on a group the council created before the product was used: records it with its members and the composition's findings, and starts its term.",
      options: ADOPT,
      notes: [
        'Give exactly one of --chair and --chair-elected-later. Violations of 5.2 are recorded and printed, not refused.',
        'Prints the group id, its term, and each finding with its clause; exit 0 once recorded.',
      ],
      run: adopt,
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

async function create({ values }: Parsed<typeof CREATE>): Promise<number> {
  const councilId = values.council!;
  const formedOn = values['council-formed-on'] ?? null;
  if (formedOn !== null && !isIsoDate(formedOn))
    throw new CliError(`group create: --council-formed-on "${formedOn}" is not a date YYYY-MM-DD`);
  return withDatabase(async (db) => {
    if (!(await findCouncilById(db, councilId)))
      throw new CliError(`group create: no council with id ${councilId} (see "jmeg council list")`);
    const id = await openGroup(db, { councilId, councilFormedOn: formedOn }, 'cli');
    process.stdout.write(`${id}\n`);
    return 0;
  });
}

async function members(groupId: string): Promise<number> {
  return withDatabase(async (db) => {
    if (!(await findGroupById(db, groupId))) throw new CliError(`group members: no group with id ${groupId}`);
    for (const m of await listPublicMembers(db, groupId))
      process.stdout.write(`${m.fullName}\t${m.category}\t${m.role}\t${m.village ?? ''}\n`);
    return 0;
  });
}

async function adopt({ values }: Parsed<typeof ADOPT>): Promise<number> {
  const lang = values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`group adopt: --lang "${lang}" must be ky, ru or en`);
  if ((values.chair === undefined) === (values['chair-elected-later'] !== true))
    throw new CliError('group adopt: give exactly one of --chair "Full Name" and --chair-elected-later (5.4.6)');
  let csv: Buffer;
  try {
    csv = await readFile(values.csv!);
  } catch (error) {
    throw new CliError(
      `group adopt: --csv ${values.csv!}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return withEngine(loadConfig(), (engine, unavailable) =>
    withDatabase(async (db) => {
      try {
        const adopted = await adoptGroup(
          { db, engine, now: Date.now },
          {
            councilId: values.council!,
            decisionNumber: values['decision-number'],
            decidedOn: values['decided-on'],
            publishedOn: values['published-on'],
            termStartsOn: values['term-starts-on'],
            chair: values.chair ?? null,
            csv,
            actor: 'cli',
          },
        );
        printAdopted(adopted, lang);
        return 0;
      } catch (error) {
        if (error instanceof ProcedureRefusedError)
          throw new CliError(`group adopt: refused: ${problemLines(error.problems, lang)}`, 1);
        if (error instanceof ConflictError) throw new CliError(`group adopt: ${problemText(error.problems, lang)}`, 1);
        if (error instanceof InvalidInputError && error.field === 'councilId')
          throw new CliError(`group adopt: no council with id ${values.council!} (see "jmeg council list")`);
        if (error instanceof EngineUnavailableError)
          throw new CliError(`group adopt: ${unavailable ?? error.message}`, 1);
        throw error;
      }
    }),
  );
}

/** Each problem with the option it concerns, as the API names the field. */
function problemLines(
  problems: readonly { field: string; clause: string | null; message: Record<Lang, string> }[],
  lang: Lang,
) {
  return problems
    .map((p) => `${OPTION_OF[p.field] ?? p.field}${p.clause ? ` (${p.clause})` : ''}: ${p.message[lang]}`)
    .join('; ');
}

const OPTION_OF: Record<string, string> = {
  decisionNumber: '--decision-number',
  decidedOn: '--decided-on',
  publishedOn: '--published-on',
  termStartsOn: '--term-starts-on',
  termStart: '--term-starts-on',
  chair: '--chair',
  chairMembershipId: '--chair',
  csv: '--csv',
};

function printAdopted(a: AdoptedGroup, lang: Lang): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(a.groupId);
  out(
    `${a.adoption === 'adopted' ? 'adopted' : 'already adopted'}: resolution No. ${a.resolutionNumber} of ${a.decidedOn}, published ${a.publishedOn}; ` +
      `term ${a.termStart} to ${a.termEnd} (5.3.1); ${a.members} members; chair: ${a.chair ?? 'to be elected at a meeting (5.4.6)'}; term procedure ${a.term.start}`,
  );
  for (const f of a.findings) out(`  ${f.severity} (${f.clause ?? '-'}): ${f.message[lang]}`);
  for (const w of a.warnings) out(`  csv warning: ${w.message[lang]}`);
}
