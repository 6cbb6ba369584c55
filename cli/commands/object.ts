// `jmeg object register|list|edit|deactivate|activate|history`: the monitored objects of a council (4.2) and the e-mail
// addresses acts go to (4.3). Edits and (de)activations are events keeping the old values (issue 12, point 7).
import {
  editObject,
  findObjectById,
  listObjects,
  objectHistory,
  ObjectError,
  registerObject,
  setObjectActive,
  type MonitoredObject,
} from '../../db/objects';
import { InvalidInputError } from '../../procedures/refusals';
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

const OBJECT_ID = [{ name: 'OBJECT_ID', description: 'the object (see "jmeg object list")' }] as const;

const EDIT = {
  'name-ky': { type: 'string', placeholder: 'NAME', description: 'the new name in Kyrgyz' },
  'name-ru': { type: 'string', placeholder: 'NAME', description: 'the new name in Russian' },
  email: {
    type: 'string',
    placeholder: 'ADDRESS',
    description: 'the new e-mail addresses (repeat; replaces the whole list; at least one, 4.3)',
    multiple: true,
  },
  postal: { type: 'string', placeholder: 'ADDRESS', description: 'the postal address ("" for none)' },
  lang: LANG,
  json: { type: 'boolean', description: 'print the object as JSON' },
} as const satisfies Options;

const DEACTIVATE = {
  reason: { type: 'string', placeholder: 'TEXT', description: 'why it is no longer monitored' },
  lang: LANG,
} as const satisfies Options;

const ACTIVATE = { lang: LANG } as const satisfies Options;
const HISTORY = { json: { type: 'boolean', description: 'print JSON' } } as const satisfies Options;

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
    leaf({
      name: 'edit',
      summary:
        "Changes an object's names, e-mail addresses or postal address; recorded with the old values, mails sent afterwards go to the new addresses.",
      positionals: OBJECT_ID,
      options: EDIT,
      run: edit,
    }),
    leaf({
      name: 'deactivate',
      summary: 'Marks an object inactive: no new acts or information requests to it (4.2); earlier acts stay.',
      positionals: OBJECT_ID,
      options: DEACTIVATE,
      run: deactivate,
    }),
    leaf({
      name: 'activate',
      summary: 'Marks an inactive object active again.',
      positionals: OBJECT_ID,
      options: ACTIVATE,
      run: activate,
    }),
    leaf({
      name: 'history',
      summary: "An object's record: its registration, every edit with the values it replaced, (de)activations.",
      positionals: OBJECT_ID,
      options: HISTORY,
      run: history,
    }),
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
      // An inactive object (no new acts or requests, 4.2) says so in a last column; active ones print as before.
      const inactive = o.active ? [] : [{ ky: 'активдүү эмес', ru: 'неактивен', en: 'inactive' }[lang]];
      process.stdout.write([o.id, o.name.ky, o.name.ru, kind, o.emails.join(', '), ...inactive].join('\t') + '\n');
    }
    return 0;
  });
}

function printObject(o: MonitoredObject, json: boolean | undefined): void {
  if (json) {
    process.stdout.write(JSON.stringify(o, null, 2) + '\n');
    return;
  }
  const state = o.active ? 'active' : 'inactive';
  process.stdout.write(
    [o.id, o.name.ky, o.name.ru, o.emails.join(', '), o.postalAddress ?? '', state].join('\t') + '\n',
  );
}

const unknownObject = (sub: string, id: string) =>
  new CliError(`object ${sub}: there is no object ${id} (see "jmeg object list")`, 1);

async function edit({ values, positionals }: Parsed<typeof EDIT>): Promise<number> {
  const lang = langOf('edit', values.lang);
  const objectId = positionals[0]!;
  const name = { ky: values['name-ky'], ru: values['name-ru'] };
  if (name.ky === undefined && name.ru === undefined && values.email === undefined && values.postal === undefined)
    throw new CliError('object edit: nothing to change: give --name-ky, --name-ru, --email or --postal');
  return withDatabase(async (db) => {
    try {
      const object = await editObject(
        db,
        objectId,
        { name, emails: values.email, postalAddress: values.postal },
        'cli',
      );
      if (!object) throw unknownObject('edit', objectId);
      printObject(object, values.json);
      return 0;
    } catch (error) {
      if (error instanceof ObjectError)
        throw new CliError(`object edit: ${error.field}: ${error.messages[lang]} [${error.code}]`);
      if (error instanceof InvalidInputError)
        throw new CliError(`object edit: ${error.field}: ${error.message} [${error.rule}]`);
      throw error;
    }
  });
}

async function setActive(sub: string, objectId: string, active: boolean, reason: string | null, lang: Lang) {
  return withDatabase(async (db) => {
    const object = await setObjectActive(db, objectId, active, reason, 'cli');
    if (!object) throw unknownObject(sub, objectId);
    const words = {
      ky: active ? 'активдүү' : 'активдүү эмес: ага жаңы акт же суроо-талап жиберилбейт (4.2)',
      ru: active ? 'активен' : 'неактивен: новые акты и запросы ему не направляются (п. 4.2)',
      en: active ? 'active' : 'inactive: no new acts or requests go to it (4.2)',
    };
    process.stdout.write(`${object.id}\t${words[lang]}\n`);
    return 0;
  });
}

async function deactivate({ values, positionals }: Parsed<typeof DEACTIVATE>): Promise<number> {
  return setActive('deactivate', positionals[0]!, false, values.reason ?? null, langOf('deactivate', values.lang));
}

async function activate({ values, positionals }: Parsed<typeof ACTIVATE>): Promise<number> {
  return setActive('activate', positionals[0]!, true, null, langOf('activate', values.lang));
}

async function history({ values, positionals }: Parsed<typeof HISTORY>): Promise<number> {
  const objectId = positionals[0]!;
  return withDatabase(async (db) => {
    if (!(await findObjectById(db, objectId))) throw unknownObject('history', objectId);
    const entries = await objectHistory(db, objectId);
    if (values.json) {
      process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
      return 0;
    }
    for (const e of entries)
      process.stdout.write(
        [e.at, e.actor, e.type, JSON.stringify(e.changes), JSON.stringify(e.previous), e.reason ?? ''].join('\t') +
          '\n',
      );
    return 0;
  });
}
