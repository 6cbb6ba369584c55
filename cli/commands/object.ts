// `jmeg object register|list`: the monitored objects of a council (4.2) and the e-mail addresses acts go to (4.3).
import { parseArgs } from 'node:util';
import { listObjects, ObjectError, registerObject } from '../../db/objects';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import { isLang, type Lang } from '../../domain/i18n';
import { CliError } from '../cli-error';
import { withDatabase } from '../with-database';

const USAGE =
  'usage: jmeg object register --council ID --kind KIND --name-ky NAME --name-ru NAME --email ADDRESS [--email ADDRESS] [--lang ky|ru|en]' +
  ' | jmeg object list --council ID [--lang ky|ru|en] [--json]';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'register') return register(rest);
  if (sub === 'list') return list(rest);
  throw new CliError(sub === undefined ? USAGE : `object: unknown subcommand "${sub}"; ${USAGE}`);
}

function parse(sub: string, args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      options: {
        council: { type: 'string' },
        kind: { type: 'string' },
        'name-ky': { type: 'string' },
        'name-ru': { type: 'string' },
        email: { type: 'string', multiple: true },
        lang: { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new CliError(`object ${sub}: ${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
  }
}

function langOf(sub: string, value: string | undefined): Lang {
  const lang = value ?? 'ky';
  if (!isLang(lang)) throw new CliError(`object ${sub}: --lang "${lang}" must be ky, ru or en`);
  return lang;
}

async function register(args: string[]): Promise<number> {
  const values = parse('register', args);
  const lang = langOf('register', values.lang);
  if (!values.council)
    throw new CliError(`object register: --council ID is required (see "jmeg council list"); ${USAGE}`);
  if (!values.kind)
    throw new CliError(
      `object register: --kind is required, one of ${Object.keys(MONITORED_OBJECT_KINDS).join(', ')} (4.2)`,
    );
  const input = {
    councilId: values.council,
    kind: values.kind,
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

async function list(args: string[]): Promise<number> {
  const values = parse('list', args);
  const lang = langOf('list', values.lang);
  if (!values.council) throw new CliError(`object list: --council ID is required; ${USAGE}`);
  const councilId = values.council;
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
