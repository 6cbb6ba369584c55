// `jmeg person erase PERSON_ID --reason TEXT`: erase a person's phone, e-mail and birth date from the log (their
// data key is destroyed; the log itself stays append-only) and from every projection.
// `jmeg person erase-expired [--on YYYY-MM-DD] [--dry-run]`: erase everyone whose every group's term ended more than
// their council's retention period before that day (default: today in Bishkek); run it daily.
import { parseArgs } from 'node:util';
import { eraseExpiredPersons, erasePersonData } from '../../db/person-erasure';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { DomainError } from '../../domain/domain-error';
import { CliError } from '../cli-error';
import { withDatabase } from '../with-database';

const USAGE =
  'usage: jmeg person erase PERSON_ID --reason TEXT | jmeg person erase-expired [--on YYYY-MM-DD] [--dry-run] [--json]';

function parsed<T>(sub: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError(`person ${sub}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'erase-expired') return eraseExpired(rest);
  if (sub !== 'erase') throw new CliError(sub === undefined ? USAGE : `person: unknown subcommand "${sub}"; ${USAGE}`);
  const { values, positionals } = parsed('erase', () =>
    parseArgs({ args: rest, options: { reason: { type: 'string' } }, allowPositionals: true, strict: true }),
  );
  const personId = positionals[0];
  if (positionals.length !== 1 || !personId) throw new CliError(`person erase: one PERSON_ID is required\n${USAGE}`);
  const reason = values.reason?.trim() ?? '';
  if (reason === '')
    throw new CliError(`person erase: --reason TEXT is required (e.g. "the person's request of 2026-12-01")\n${USAGE}`);
  return withDatabase(async (db) => {
    try {
      const result = await erasePersonData(db, personId, { reason, actor: 'cli:staff' });
      process.stdout.write(
        result.status === 'erased'
          ? `erased: the phone, e-mail and birth date of ${personId} (group ${result.groupId})\n`
          : `already erased: ${personId}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unknown-person')
        throw new CliError(`person erase: no person with id ${personId}`);
      throw error;
    }
  });
}

async function eraseExpired(args: string[]): Promise<number> {
  const { values, positionals } = parsed('erase-expired', () =>
    parseArgs({
      args,
      options: { on: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (positionals.length > 0)
    throw new CliError(`person erase-expired: unexpected argument "${positionals[0]}"\n${USAGE}`);
  const on = values.on ?? bishkekDateOf(Date.now());
  if (!isIsoDate(on))
    throw new CliError(`person erase-expired: --on "${on}" is not a real date in the form YYYY-MM-DD`);
  const dryRun = values['dry-run'] === true;
  return withDatabase(async (db) => {
    const { due, erased } = await eraseExpiredPersons(db, { on, dryRun, actor: 'cli:retention' });
    if (values.json === true) {
      process.stdout.write(
        `${JSON.stringify({ on, dryRun, due: due.map((p) => ({ personId: p.personId, reason: p.reason })), erased })}\n`,
      );
      return 0;
    }
    for (const p of due)
      process.stdout.write(
        `${dryRun ? 'would erase' : erased.includes(p.personId) ? 'erased' : 'already erased'}: ${p.personId}\t${p.reason}\n`,
      );
    process.stdout.write(
      dryRun ? `${due.length} to erase on ${on} (dry run: nothing written)\n` : `${erased.length} erased on ${on}\n`,
    );
    return 0;
  });
}
