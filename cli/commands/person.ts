// `jmeg person erase PERSON_ID --reason TEXT`: erase a person's phone, e-mail and birth date from the log (their
// data key is destroyed; the log itself stays append-only) and from every projection.
import { parseArgs } from 'node:util';
import { erasePersonData } from '../../db/person-erasure';
import { DomainError } from '../../domain/domain-error';
import { CliError } from '../cli-error';
import { withDatabase } from '../with-database';

const USAGE = 'usage: jmeg person erase PERSON_ID --reason TEXT';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'erase') throw new CliError(sub === undefined ? USAGE : `person: unknown subcommand "${sub}"; ${USAGE}`);
  let values: { reason?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: { reason: { type: 'string' } }, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new CliError(`person erase: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const personId = positionals[0];
  if (positionals.length !== 1 || !personId) throw new CliError(`person erase: one PERSON_ID is required\n${USAGE}`);
  const reason = values.reason?.trim() ?? '';
  if (reason === '') throw new CliError(`person erase: --reason TEXT is required (e.g. "the person's request of 2026-12-01")\n${USAGE}`);
  return withDatabase(async (db) => {
    try {
      const result = await erasePersonData(db, personId, { reason, actor: 'cli:staff' });
      process.stdout.write(result.status === 'erased' ? `erased: the phone, e-mail and birth date of ${personId} (group ${result.groupId})\n` : `already erased: ${personId}\n`);
      return 0;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unknown-person') throw new CliError(`person erase: no person with id ${personId}`);
      throw error;
    }
  });
}
