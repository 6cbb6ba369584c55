// Files attached to a response to an act (4.3): checked like annexes (security/annex-policy.ts: type by name and
// content, at most 10 MB), stored once under <dataDir>/response-files/<sha256>, and recorded in response_files
// (migration 20261127T0900) against the response the workflow recorded. The same file for the same response is kept
// once, so a repeated submission (the same form nonce) adds nothing.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { annexFileName, checkAnnexFile } from '../../security/annex-policy';

export interface ResponseFilesTable {
  id: string;
  act_id: string;
  response_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  storage_key: string;
  /** 'object:<id>' through the link, or 'staff:<account id>'. */
  uploaded_by: string;
  uploaded_at: ColumnType<Date, Date | string, never>;
}

type WithResponseFiles = Database & { response_files: ResponseFilesTable };

const files = (db: Kysely<Database>): Kysely<WithResponseFiles> =>
  db.withTables<{ response_files: ResponseFilesTable }>();

export interface ResponseFile {
  id: string;
  actId: string;
  responseId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

export const responseFileDirOf = (dataDir: string): string => join(dataDir, 'response-files');

/** The file's path on disk (the key is a sha256 the server computed, never a client's name). */
export function responseFilePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`response file key "${sha256}" is not a sha256`);
  return join(responseFileDirOf(dataDir), sha256);
}

/** The upload's checks without storing anything (a refusal is an AnnexRefusal naming the rule). */
export function checkResponseFile(file: UploadedFile): { fileName: string; mediaType: string; sizeBytes: number } {
  const fileName = annexFileName(file.fileName);
  const accepted = checkAnnexFile(fileName, file.bytes);
  return { fileName, mediaType: accepted.mediaType, sizeBytes: accepted.sizeBytes };
}

/** Stores the content (once per hash) and records it against the response; returns the record (the existing one on a repeat). */
export async function attachResponseFile(
  db: Kysely<Database>,
  input: { actId: string; responseId: string; file: UploadedFile; dataDir: string; uploadedBy: string; at: Date },
): Promise<ResponseFile> {
  const checked = checkResponseFile(input.file);
  const sha256 = createHash('sha256').update(input.file.bytes).digest('hex');
  const path = responseFilePath(input.dataDir, sha256);
  if (!existsSync(path)) {
    mkdirSync(responseFileDirOf(input.dataDir), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomUUID()}.tmp`;
    writeFileSync(temporary, input.file.bytes, { mode: 0o600 });
    renameSync(temporary, path);
  }
  await files(db)
    .insertInto('response_files')
    .values({
      id: randomUUID(),
      act_id: input.actId,
      response_id: input.responseId,
      file_name: checked.fileName,
      media_type: checked.mediaType,
      size_bytes: checked.sizeBytes,
      storage_key: sha256,
      uploaded_by: input.uploadedBy,
      uploaded_at: input.at,
    })
    .onConflict((oc) => oc.columns(['response_id', 'storage_key']).doNothing())
    .execute();
  const row = await files(db)
    .selectFrom('response_files')
    .selectAll()
    .where('response_id', '=', input.responseId)
    .where('storage_key', '=', sha256)
    .executeTakeFirstOrThrow();
  return toResponseFile(row);
}

function toResponseFile(row: {
  id: string;
  act_id: string;
  response_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  storage_key: string;
  uploaded_at: Date;
}): ResponseFile {
  return {
    id: row.id,
    actId: row.act_id,
    responseId: row.response_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.storage_key,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
  };
}

/** Every file attached to the act's responses, oldest first. */
export async function listResponseFiles(db: Kysely<Database>, actId: string): Promise<ResponseFile[]> {
  const rows = await files(db)
    .selectFrom('response_files')
    .selectAll()
    .where('act_id', '=', actId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map(toResponseFile);
}

export async function findResponseFile(
  db: Kysely<Database>,
  actId: string,
  fileId: string,
): Promise<ResponseFile | undefined> {
  const row = await files(db)
    .selectFrom('response_files')
    .selectAll()
    .where('act_id', '=', actId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return row && toResponseFile(row);
}
