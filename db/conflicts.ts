// Conflicts of interest (6.3-6.4): recording a member's written declaration and the council chair's temporary removal
// (conflict.* events on the group's stream, db/conflict-events.ts), and reading them back: the removals the 6.4 check
// (domain/conflict-of-interest.ts checkNotRemoved) is given, the group's record and the public standing aside.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Removal } from '../domain/conflict-of-interest';
import type { IsoDate } from '../domain/dates';
import { annexFileName, checkAnnexFile } from '../security/annex-policy';
import { annexDirOf } from './acts';
import type { Database } from './database';
import { streams, type AnnexData } from './events';
import { record } from './record';

const day = (value: unknown): IsoDate =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

export interface ConflictDeclaration {
  id: string;
  groupId: string;
  membershipId: string;
  personId: string;
  memberName: string;
  accountId: string | null;
  objectId: string | null;
  objectName: string | null;
  /** An item of the group's work plan (7.3.1) and its subject. */
  planItemId: string | null;
  planItemSubject: string | null;
  matter: string | null;
  text: string | null;
  file: AnnexData | null;
  declaredOn: IsoDate;
  removals: ConflictRemoval[];
}

export interface ConflictRemoval {
  id: string;
  declarationId: string;
  from: IsoDate;
  to: IsoDate;
  reason: string;
  recordedOn: IsoDate;
}

/** The scan of a declaration: checked by the annex policy (type by name and content, at most 10 MB), stored by hash. */
export function storeDeclarationFile(dataDir: string, fileName: string, bytes: Uint8Array): AnnexData {
  const name = annexFileName(fileName);
  const accepted = checkAnnexFile(name, bytes); // throws AnnexRefusal naming the rule
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = annexDirOf(dataDir);
  const file = join(dir, sha256);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${randomUUID()}.tmp`;
    writeFileSync(temporary, bytes, { mode: 0o600 });
    renameSync(temporary, file);
  }
  return {
    annexId: randomUUID(),
    fileName: name,
    mediaType: accepted.mediaType,
    sizeBytes: accepted.sizeBytes,
    storageKey: sha256,
  };
}

export async function recordDeclaration(
  db: Kysely<Database>,
  input: {
    declarationId?: string;
    groupId: string;
    membershipId: string;
    personId: string;
    accountId: string | null;
    objectId: string | null;
    planItemId: string | null;
    matter: string | null;
    text: string | null;
    file: AnnexData | null;
    declaredOn: IsoDate;
  },
  actor: string,
): Promise<string> {
  const declarationId = input.declarationId ?? randomUUID();
  const result = await record(db, {
    stream: streams.group(input.groupId),
    actor,
    events: [
      {
        type: 'conflict.declared',
        idempotencyKey: `conflict-declared:${declarationId}`,
        payload: { ...input, declarationId },
      },
    ],
  });
  const stored = result.events[0]!;
  return stored.type === 'conflict.declared' ? stored.payload.declarationId : declarationId;
}

export async function recordRemoval(
  db: Kysely<Database>,
  input: { groupId: string; declarationId: string; from: IsoDate; to: IsoDate; reason: string; recordedOn: IsoDate },
  actor: string,
): Promise<string> {
  const removalId = randomUUID();
  await record(db, {
    stream: streams.group(input.groupId),
    actor,
    events: [{ type: 'conflict.removal-recorded', payload: { ...input, reason: input.reason.trim(), removalId } }],
  });
  return removalId;
}

/** The group's declarations with their removals, newest first (the group's record: text and file included). */
export async function groupConflicts(db: Kysely<Database>, groupId: string): Promise<ConflictDeclaration[]> {
  const rows = await db
    .selectFrom('conflict_declarations as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .leftJoin('monitored_objects as o', 'o.id', 'd.object_id')
    .leftJoin('plan_items as i', 'i.id', 'd.plan_item_id')
    .select([
      'd.id',
      'd.group_id',
      'd.membership_id',
      'd.person_id',
      'd.account_id',
      'd.object_id',
      'd.plan_item_id',
      'i.subject as plan_item_subject',
      'd.matter',
      'd.text',
      'd.file',
      'd.declared_on',
      'p.full_name',
      'o.name as object_name',
    ])
    .where('d.group_id', '=', groupId)
    .orderBy('d.declared_on', 'desc')
    .orderBy('d.id')
    .execute();
  const removals = await db
    .selectFrom('conflict_removals')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('from_date')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    membershipId: r.membership_id,
    personId: r.person_id,
    memberName: r.full_name,
    accountId: r.account_id,
    objectId: r.object_id,
    objectName: r.object_name ?? null,
    planItemId: r.plan_item_id,
    planItemSubject: r.plan_item_subject ?? null,
    matter: r.matter,
    text: r.text,
    file: r.file,
    declaredOn: day(r.declared_on),
    removals: removals
      .filter((x) => x.declaration_id === r.id)
      .map((x) => ({
        id: x.id,
        declarationId: x.declaration_id,
        from: day(x.from_date),
        to: day(x.to_date),
        reason: x.reason,
        recordedOn: day(x.recorded_on),
      })),
  }));
}

export async function findDeclaration(
  db: Kysely<Database>,
  groupId: string,
  declarationId: string,
): Promise<{ id: string; groupId: string } | undefined> {
  const row = await db
    .selectFrom('conflict_declarations')
    .select(['id', 'group_id'])
    .where('id', '=', declarationId)
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return row ? { id: row.id, groupId: row.group_id } : undefined;
}

/** Every removal of the group (6.4), as checkNotRemoved takes them. */
export async function groupRemovals(db: Kysely<Database>, groupId: string): Promise<Removal[]> {
  const rows = await db
    .selectFrom('conflict_removals as r')
    .innerJoin('conflict_declarations as d', 'd.id', 'r.declaration_id')
    .select(['d.account_id', 'd.person_id', 'd.object_id', 'd.plan_item_id', 'd.matter', 'r.from_date', 'r.to_date'])
    .where('r.group_id', '=', groupId)
    .execute();
  return rows.map((r) => ({
    accountId: r.account_id,
    personId: r.person_id,
    objectId: r.object_id,
    planItemId: r.plan_item_id,
    matter: r.matter,
    from: day(r.from_date),
    to: day(r.to_date),
  }));
}
