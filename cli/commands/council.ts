// `jmeg council create|list`: the councils this installation serves. `jmeg council retention COUNCIL_ID --months N`:
// how many months after a group's term ends its persons' phones, e-mails and birth dates are kept (0: until asked).
import { parseArgs } from 'node:util';
import { listCouncils, registerCouncil, setCouncilRetention } from '../../db/councils';
import { DomainError } from '../../domain/domain-error';
import { RETENTION_MONTHS_MAX } from '../../domain/retention';
import { CliError } from '../cli-error';
import { withDatabase } from '../with-database';

const USAGE =
  'usage: jmeg council create --name-ky NAME --name-ru NAME [--website URL] [--email ADDRESS] [--time-zone Asia/Bishkek] | jmeg council list | jmeg council retention COUNCIL_ID --months N';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list' && rest.length === 0) {
    return withDatabase(async (db) => {
      for (const c of await listCouncils(db))
        process.stdout.write(`${c.id}\t${c.name_ky}\t${c.name_ru}\t${c.email ?? ''}\n`);
      return 0;
    });
  }
  if (sub === 'retention') return retention(rest);
  if (sub !== 'create') throw new CliError(USAGE);
  const { values } = parse(rest);
  const nameKy = values['name-ky']?.trim();
  const nameRu = values['name-ru']?.trim();
  if (!nameKy || !nameRu)
    throw new CliError('council create: --name-ky and --name-ru are both required (the name in Kyrgyz and in Russian)');
  const timeZone = values['time-zone'] ?? 'Asia/Bishkek';
  if (!isTimeZone(timeZone))
    throw new CliError(`council create: --time-zone "${timeZone}" is not an IANA time zone (e.g. Asia/Bishkek)`);
  return withDatabase(async (db) => {
    const id = await registerCouncil(
      db,
      { name: { ky: nameKy, ru: nameRu }, website: values.website ?? null, email: values.email ?? null, timeZone },
      'cli',
    );
    process.stdout.write(`${id}\n`);
    return 0;
  });
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        'name-ky': { type: 'string' },
        'name-ru': { type: 'string' },
        website: { type: 'string' },
        email: { type: 'string' },
        'time-zone': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliError(`council create: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

async function retention(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { months: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliError(`council retention: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const councilId = parsed.positionals[0];
  if (parsed.positionals.length !== 1 || !councilId)
    throw new CliError(`council retention: one COUNCIL_ID is required\n${USAGE}`);
  const text = parsed.values.months ?? '';
  const months = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(months <= RETENTION_MONTHS_MAX))
    throw new CliError(
      `council retention: --months must be a whole number from 0 to ${RETENTION_MONTHS_MAX} (0: keep until the person asks)`,
    );
  return withDatabase(async (db) => {
    try {
      const { changed } = await setCouncilRetention(db, councilId, months, 'cli:staff');
      const what = months === 0 ? 'kept until the person asks' : `erased ${months} months after a group's term ends`;
      process.stdout.write(`${changed ? 'set' : 'unchanged'}: personal data of council ${councilId} is ${what}\n`);
      return 0;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unknown-council')
        throw new CliError(`council retention: no council with id ${councilId}`);
      throw error;
    }
  });
}
