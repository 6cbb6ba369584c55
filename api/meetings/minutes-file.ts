// The signed minutes' file (7.2.5: the chair keeps the group's documents): checked as an annex is (type by name and
// content, at most 10 MB), stored once under its SHA-256 in the data directory's annexes folder, as act annexes are.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annexDirOf } from '../../db/acts';
import { annexFileName, AnnexRefusal, checkAnnexFile } from '../../security/annex-policy';
import type { MeetingMinutes } from '../../workflows/term/contract';
import { annexAppError } from '../acts/common';
import { AppError } from '../app-error';

/** Checks and stores the file; a refused file is a 400 naming `file`, and nothing is stored. */
export function storeMinutesFile(
  dataDir: string,
  upload: { fileName: string; bytes: Uint8Array },
): NonNullable<MeetingMinutes['file']> {
  const fileName = annexFileName(upload.fileName);
  let accepted;
  try {
    accepted = checkAnnexFile(fileName, upload.bytes);
  } catch (error) {
    if (error instanceof AnnexRefusal) throw annexAppError(error);
    throw error;
  }
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const dir = annexDirOf(dataDir);
  const file = join(dir, sha256);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${randomUUID()}.tmp`;
    writeFileSync(temporary, upload.bytes, { mode: 0o600 });
    renameSync(temporary, file);
  }
  return { fileName, mediaType: accepted.mediaType, sizeBytes: accepted.sizeBytes, storageKey: sha256 };
}

export async function minutesFileBytes(dataDir: string, storageKey: string): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(storageKey))
    throw new AppError('not-found', 'no such file', { field: 'meetingId', subject: storageKey });
  return readFile(join(annexDirOf(dataDir), storageKey));
}
