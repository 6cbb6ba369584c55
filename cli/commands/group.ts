// `jmeg group create|members`: open a group for a council; list its public composition.
import { parseArgs } from 'node:util';
import { findCouncilById } from '../../db/councils';
import { findGroupById, openGroup } from '../../db/groups';
import { listPublicMembers } from '../../db/members';
import { isIsoDate } from '../../domain/dates';
import { CliError } from '../cli-error';
import { withDatabase } from '../with-database';

const USAGE = 'usage: jmeg group create --council ID [--council-formed-on YYYY-MM-DD] | jmeg group members GROUP_ID';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'members' && rest.length === 1) return members(rest[0]!);
  if (sub !== 'create') throw new CliError(USAGE);
  let values: { council?: string; 'council-formed-on'?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { council: { type: 'string' }, 'council-formed-on': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`group create: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const councilId = values.council;
  if (!councilId) throw new CliError('group create: --council ID is required (see "jmeg council list")');
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
