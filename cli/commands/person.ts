// `jmeg person erase PERSON_ID --reason TEXT`: erase a person's phone, e-mail and birth date from the log (their
// data key is destroyed; the log itself stays append-only) and from every projection.
// `jmeg person erase-expired [--on YYYY-MM-DD] [--dry-run]`: erase everyone whose every group's term ended more than
// their council's retention period before that day (default: today in Bishkek); run it daily.
import { eraseExpiredPersons, erasePersonData } from '../../db/person-erasure';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { DomainError } from '../../domain/domain-error';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { withDatabase } from '../with-database';

const ERASE = {
  reason: {
    type: 'string',
    placeholder: 'TEXT',
    description: 'why, e.g. "the person\'s request of 2026-12-01"',
    required: true,
  },
} as const satisfies Options;

const ERASE_EXPIRED = {
  on: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the day to count from (default: today in Bishkek)' },
  'dry-run': { type: 'boolean', description: 'list who would be erased, write nothing' },
  json: { type: 'boolean', description: 'print JSON' },
} as const satisfies Options;

export const command: Group = {
  name: 'person',
  summary: "Erasure of a person's personal data.",
  subcommands: [
    leaf({
      name: 'erase',
      summary:
        "Erases a person's phone, e-mail and birth date (their data key is destroyed; the log stays append-only).",
      positionals: [{ name: 'PERSON_ID', description: 'the person to erase' }],
      options: ERASE,
      run: eraseOne,
    }),
    leaf({
      name: 'erase-expired',
      summary:
        "Erases everyone whose every group's term ended more than their council's retention period ago; run daily.",
      options: ERASE_EXPIRED,
      run: eraseExpired,
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

async function eraseOne({ values, positionals }: Parsed<typeof ERASE>): Promise<number> {
  const personId = positionals[0]!;
  const reason = values.reason?.trim() ?? '';
  if (reason === '')
    throw new CliError(`person erase: --reason TEXT is required (e.g. "the person's request of 2026-12-01")`);
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

async function eraseExpired({ values }: Parsed<typeof ERASE_EXPIRED>): Promise<number> {
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
