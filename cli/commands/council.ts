// `jmeg council create|list`: the councils this installation serves. `jmeg council retention COUNCIL_ID --months N`:
// how many months after a group's term ends its persons' phones, e-mails and birth dates are kept (0: until asked).
import { listCouncils, registerCouncil, setCouncilRetention } from '../../db/councils';
import { DomainError } from '../../domain/domain-error';
import { RETENTION_MONTHS_MAX } from '../../domain/retention';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { withDatabase } from '../with-database';

const CREATE = {
  'name-ky': { type: 'string', placeholder: 'NAME', description: 'the name in Kyrgyz', required: true },
  'name-ru': { type: 'string', placeholder: 'NAME', description: 'the name in Russian', required: true },
  website: { type: 'string', placeholder: 'URL', description: "the council's website" },
  email: { type: 'string', placeholder: 'ADDRESS', description: "the council's e-mail address" },
  'time-zone': { type: 'string', placeholder: 'ZONE', description: 'an IANA time zone (default Asia/Bishkek)' },
} as const satisfies Options;

const RETENTION = {
  months: {
    type: 'string',
    placeholder: 'N',
    description: `months after a group's term ends (0 to ${RETENTION_MONTHS_MAX}; 0: until the person asks)`,
    required: true,
  },
} as const satisfies Options;

export const command: Group = {
  name: 'council',
  summary: 'The councils this installation serves, and how long their personal data is kept.',
  subcommands: [
    leaf({ name: 'create', summary: 'Registers a council and prints its id.', options: CREATE, run: create }),
    leaf({ name: 'list', summary: 'Lists the councils: id, names, e-mail.', run: list }),
    leaf({
      name: 'retention',
      summary: "How many months after a group's term ends its persons' phones, e-mails and birth dates are kept.",
      positionals: [{ name: 'COUNCIL_ID', description: 'the council' }],
      options: RETENTION,
      run: retention,
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

function list(): Promise<number> {
  return withDatabase(async (db) => {
    for (const c of await listCouncils(db))
      process.stdout.write(`${c.id}\t${c.name_ky}\t${c.name_ru}\t${c.email ?? ''}\n`);
    return 0;
  });
}

async function create({ values }: Parsed<typeof CREATE>): Promise<number> {
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

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

async function retention({ values, positionals }: Parsed<typeof RETENTION>): Promise<number> {
  const councilId = positionals[0]!;
  const text = values.months ?? '';
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
