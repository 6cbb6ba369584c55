// `jmeg object register|list`: the monitored objects of a council (4.2) and the e-mail addresses acts go to (4.3).
import { listObjects, ObjectError, registerObject } from '../../db/objects';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import { isLang, type Lang } from '../../domain/i18n';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { withDatabase } from '../with-database';

const LANG = { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' } as const;

const REGISTER = {
  council: {
    type: 'string',
    placeholder: 'ID',
    description: 'the council (see "jmeg council list")',
    required: true,
  },
  kind: {
    type: 'string',
    placeholder: 'KIND',
    description: `the kind of 4.2: ${Object.keys(MONITORED_OBJECT_KINDS).join(', ')}`,
    required: true,
  },
  'name-ky': { type: 'string', placeholder: 'NAME', description: 'the name in Kyrgyz' },
  'name-ru': { type: 'string', placeholder: 'NAME', description: 'the name in Russian' },
  email: { type: 'string', placeholder: 'ADDRESS', description: 'an address acts are mailed to', multiple: true },
  lang: LANG,
} as const satisfies Options;

const LIST = {
  council: { type: 'string', placeholder: 'ID', description: 'the council', required: true },
  lang: LANG,
  json: { type: 'boolean', description: 'print JSON' },
} as const satisfies Options;

export const command: Group = {
  name: 'object',
  summary: 'The monitored objects of a council (4.2) and the e-mail addresses acts go to (4.3).',
  subcommands: [
    leaf({
      name: 'register',
      summary: 'Registers a monitored object of a council (4.2) with the e-mail addresses its acts go to (4.3).',
      options: REGISTER,
      run: register,
    }),
    leaf({ name: 'list', summary: 'Lists the monitored objects of a council.', options: LIST, run: list }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

function langOf(sub: string, value: string | undefined): Lang {
  const lang = value ?? 'ky';
  if (!isLang(lang)) throw new CliError(`object ${sub}: --lang "${lang}" must be ky, ru or en`);
  return lang;
}

async function register({ values }: Parsed<typeof REGISTER>): Promise<number> {
  const lang = langOf('register', values.lang);
  const input = {
    councilId: values.council!,
    kind: values.kind!,
    name: { ky: values['name-ky'] ?? '', ru: values['name-ru'] ?? '' },
    emails: values.email ?? [],
  };
  return withDatabase(async (db) => {
    try {
      const object = await registerObject(db, input, 'cli');
      process.stdout.write(`${object.id}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ObjectError)
        throw new CliError(`object register: ${error.field}: ${error.messages[lang]} [${error.code}]`);
      throw error;
    }
  });
}

async function list({ values }: Parsed<typeof LIST>): Promise<number> {
  const lang = langOf('list', values.lang);
  const councilId = values.council!;
  return withDatabase(async (db) => {
    const objects = await listObjects(db, councilId);
    if (values.json) {
      process.stdout.write(JSON.stringify(objects, null, 2) + '\n');
      return 0;
    }
    for (const o of objects) {
      const kind = MONITORED_OBJECT_KINDS[o.kind][lang];
      process.stdout.write([o.id, o.name.ky, o.name.ru, kind, o.emails.join(', ')].join('\t') + '\n');
    }
    return 0;
  });
}
