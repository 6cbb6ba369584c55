// `jmeg group create|members`: open a group for a council; list its public composition.
import { findCouncilById } from '../../db/councils';
import { findGroupById, openGroup } from '../../db/groups';
import { listPublicMembers } from '../../db/members';
import { isIsoDate } from '../../domain/dates';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { withDatabase } from '../with-database';

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
