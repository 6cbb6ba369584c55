// `jmeg roster import FILE.csv --group ID [--on YYYY-MM-DD] [--lang ky|ru|en]`: records the members as events
// (one per person; a re-import is a no-op) and prints the group's composition check. All or nothing.
import { findGroupById } from '../../db/groups';
import { importRoster, RosterImportError } from '../../db/import-roster';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { isLang, type Lang } from '../../domain/i18n';
import { rowLabel } from '../../domain/roster';
import { CliError } from '../cli-error';
import type { Parsed } from '../command';
import { readRosterFile } from '../read-roster';
import { withDatabase } from '../with-database';
import { formatResult, formatRowErrors, type IMPORT } from './roster';

const NOTHING_WRITTEN: Record<Lang, string> = {
  ky: 'Эч нерсе сакталган жок: каталарды оңдоп, файлды кайра жүктөңүз.',
  ru: 'Ничего не записано: исправьте ошибки и загрузите файл снова.',
  en: 'Nothing was written: fix the errors and import the file again.',
};

const IMPORTED: Record<Lang, (added: number, present: number, group: string) => string> = {
  ky: (a, p, g) => `${g} тобуна жазылды: жаңы ${a}, мурда жазылган ${p}.`,
  ru: (a, p, g) => `Записано в группу ${g}: новых ${a}, уже было ${p}.`,
  en: (a, p, g) => `Recorded in group ${g}: ${a} added, ${p} already present.`,
};

function parse({ values, positionals }: Parsed<typeof IMPORT>) {
  const lang = values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`roster import: --lang "${lang}" must be ky, ru or en`);
  if (values.on !== undefined && !isIsoDate(values.on))
    throw new CliError(`roster import: --on "${values.on}" is not a real date in the form YYYY-MM-DD`);
  return { file: positionals[0]!, groupId: values.group!, on: values.on, lang };
}

/**
 * Exit 0: imported, composition without violations; 1: imported, composition has violations; 2: nothing written
 * (the file or a row cannot be read). Rows with warnings (kept as written) are imported and the warnings printed.
 */
export async function importRosterCommand(parsed: Parsed<typeof IMPORT>): Promise<number> {
  const args = parse(parsed);
  const today = bishkekDateOf(Date.now());
  const on = args.on ?? today;
  const { members, errors, warnings } = await readRosterFile(args.file, { today });
  if (errors.length > 0) {
    process.stderr.write(formatRowErrors(args.file, errors, args.lang) + NOTHING_WRITTEN[args.lang] + '\n');
    return 2;
  }
  return withDatabase(async (db) => {
    if (!(await findGroupById(db, args.groupId)))
      throw new CliError(
        `roster import: no group with id ${args.groupId} (create one with "jmeg group create --council ID")`,
      );
    try {
      const result = await importRoster(db, args.groupId, members, { actor: 'cli', on });
      process.stdout.write(IMPORTED[args.lang](result.added, result.alreadyPresent, args.groupId) + '\n');
      process.stdout.write(formatResult(`group ${args.groupId}`, on, result.composition, args.lang, warnings));
      return result.composition.ok ? 0 : 1;
    } catch (error) {
      if (!(error instanceof RosterImportError)) throw error;
      const lines = error.errors.map(
        (e) => `${args.file}: ${rowLabel(e.row, e.fullName)[args.lang]}: ${e.message[args.lang]} [${e.rule}]\n`,
      );
      process.stderr.write(lines.join('') + NOTHING_WRITTEN[args.lang] + '\n');
      return 2;
    }
  });
}
