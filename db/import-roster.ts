// Importing a validated roster into a group: one member.added event per person, all or nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkComposition, type CheckedMember, type CompositionResult } from '../domain/composition';
import type { IsoDate } from '../domain/dates';
import { DomainError } from '../domain/domain-error';
import { nameKey, type RosterMember, type RosterRowError } from '../domain/roster';
import type { Database } from './database';
import { streams, type NewEvent } from './events';
import { listRosterEntries, storedBirthDate } from './members';
import { recordInTransaction } from './record';

export interface ImportRosterOptions {
  actor: string;
  /** Reference date of the composition check (ages on that day, 5.2.1). */
  on: IsoDate;
}

export interface ImportRosterResult {
  /** Members recorded now. */
  added: number;
  /** Members of the file already recorded by an earlier import (not recorded again). */
  alreadyPresent: number;
  /** The group's current members after the import, in the order the check numbers them (erased data as null). */
  members: CheckedMember[];
  /** The composition check (5.2, 5.4.6) of the group's current members. */
  composition: CompositionResult;
}

/** Refusal of a whole import: nothing was written. Row numbers are 1-based data rows, as in the file. */
export class RosterImportError extends Error {
  readonly code = 'roster-import-refused';
  constructor(readonly errors: RosterRowError[]) {
    super(errors.map((e) => `row ${e.row}, ${e.field}: ${e.message.en}`).join('; '));
    this.name = 'RosterImportError';
  }
}

/** The business identity of a roster line: the same person (name and birth date) in the same group. */
export function rosterIdempotencyKey(groupId: string, member: RosterMember): string {
  return `roster:${groupId}:${nameKey(member.fullName)}:${storedBirthDate(member.birthDate)}`;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/**
 * The idempotency key stored in the log: the business identity hashed (the birth date never reaches the events
 * table in clear). Logs written before keys were hashed hold rosterIdempotencyKey itself; importRoster looks for both.
 */
function storedRosterKey(groupId: string, member: RosterMember): string {
  return `roster:${groupId}:${digest(rosterIdempotencyKey(groupId, member))}`;
}

/**
 * Records each member as a member.added event on the group's stream, in one transaction: a re-import of the
 * same file is a no-op, and a refused import (unknown group, the same person twice in the file) writes nothing.
 * `members` must come from a roster without row errors: member i is data row i + 1.
 */
export async function importRoster(
  db: Kysely<Database>,
  groupId: string,
  members: readonly RosterMember[],
  options: ImportRosterOptions,
): Promise<ImportRosterResult> {
  const duplicates = duplicateRows(groupId, members);
  if (duplicates.length > 0) throw new RosterImportError(duplicates);

  return db.transaction().execute(async (trx) => {
    const group = await trx
      .selectFrom('groups')
      .select(['id', 'council_id'])
      .where('id', '=', groupId)
      .executeTakeFirst();
    if (!group) throw new DomainError('unknown-group', `group ${groupId} does not exist`, { groupId });

    const legacyKeys = members.map((member) => rosterIdempotencyKey(groupId, member));
    const legacyStored = new Set(
      (
        await trx.selectFrom('events').select('idempotency_key').where('idempotency_key', 'in', legacyKeys).execute()
      ).map((r) => r.idempotency_key),
    );
    const events: NewEvent[] = members
      .filter((_, i) => !legacyStored.has(legacyKeys[i]!))
      .map((member) => {
        const key = rosterIdempotencyKey(groupId, member);
        return {
          type: 'member.added',
          idempotencyKey: storedRosterKey(groupId, member),
          payload: {
            groupId,
            membershipId: `m-${digest(key)}`,
            personId: `p-${digest(`${group.council_id}:${nameKey(member.fullName)}:${storedBirthDate(member.birthDate)}`)}`,
            person: {
              fullName: member.fullName,
              sex: member.sex,
              birthDate: storedBirthDate(member.birthDate),
              workplace: member.workplace,
              village: member.village,
              phone: member.phone,
              email: member.email,
            },
            category: member.category,
            role: 'member',
            joinedOn: null,
          },
        };
      });
    const result =
      events.length > 0
        ? await recordInTransaction(trx, { stream: streams.group(groupId), events, actor: options.actor })
        : { appended: [] };

    const entries = await listRosterEntries(trx, groupId);
    const chair = entries.find((e) => e.role === 'chair');
    const current = entries.map((e) => e.member);
    return {
      added: result.appended.length,
      alreadyPresent: members.length - result.appended.length,
      members: current,
      composition: checkComposition(
        current,
        chair ? { on: options.on, chair: chair.member.fullName } : { on: options.on },
      ),
    };
  });
}

function duplicateRows(groupId: string, members: readonly RosterMember[]): RosterRowError[] {
  const firstRow = new Map<string, number>();
  const errors: RosterRowError[] = [];
  members.forEach((member, i) => {
    const key = rosterIdempotencyKey(groupId, member);
    const earlier = firstRow.get(key);
    if (earlier === undefined) {
      firstRow.set(key, i + 1);
      return;
    }
    errors.push({
      row: i + 1,
      field: 'full_name',
      rule: 'same-person-twice',
      fullName: member.fullName,
      message: {
        ky: `${earlier}-жазуудагы адам кайталанат (аты-жөнү жана туулган күнү бирдей)`,
        ru: `повторяет человека из записи ${earlier} (то же ФИО и дата рождения)`,
        en: `repeats the person of row ${earlier} (same full name and birth date)`,
      },
    });
  });
  return errors;
}
