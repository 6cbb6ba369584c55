// `jmeg council create|list`: the councils this installation serves.
import { parseArgs } from 'node:util';
import { listCouncils, registerCouncil } from '../../db/councils';
import { CliError } from '../cli-error';
import { withDatabase } from '../with-database';

const USAGE =
  'usage: jmeg council create --name-ky NAME --name-ru NAME [--website URL] [--email ADDRESS] [--time-zone Asia/Bishkek] | jmeg council list';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list' && rest.length === 0) {
    return withDatabase(async (db) => {
      for (const c of await listCouncils(db)) process.stdout.write(`${c.id}\t${c.name_ky}\t${c.name_ru}\t${c.email ?? ''}\n`);
      return 0;
    });
  }
  if (sub !== 'create') throw new CliError(USAGE);
  const { values } = parse(rest);
  const nameKy = values['name-ky']?.trim();
  const nameRu = values['name-ru']?.trim();
  if (!nameKy || !nameRu) throw new CliError('council create: --name-ky and --name-ru are both required (the name in Kyrgyz and in Russian)');
  const timeZone = values['time-zone'] ?? 'Asia/Bishkek';
  if (!isTimeZone(timeZone)) throw new CliError(`council create: --time-zone "${timeZone}" is not an IANA time zone (e.g. Asia/Bishkek)`);
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
