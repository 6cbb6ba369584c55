// 4.3(3): the names of an answer's files, for the forwarded answer's mail. The mail names them and links to the act's
// page where they are; it never carries the files themselves (they may be large, and the page keeps who may read them).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';

interface ResponseFileNameRow {
  response_id: string;
  file_name: string;
  uploaded_at: Date;
  id: string;
}

/** The file names recorded against the response (migration 20261127T0900), oldest first; none when there are none. */
export async function responseFileNames(db: Kysely<Database>, responseId: string): Promise<string[]> {
  const rows = await db
    .withTables<{ response_files: ResponseFileNameRow }>()
    .selectFrom('response_files')
    .select('file_name')
    .where('response_id', '=', responseId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.file_name);
}
