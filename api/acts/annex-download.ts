// GET /acts/:actId/annexes/:annexId: an act's annex file (8.1: protocols, photos, visual materials).
//
// Who may download it. An issued act is public (8.1 results; monitoring is done openly, clause 1), and its annexes are
// part of it (8.1 lists them as the act's mandatory content), so once the act is issued its files are public like
// the act page. Annexes can hold personal data (a protocol's participant list, faces in photos): Law No. 58 allows
// publishing names with their role, not phones, birth dates or addresses, and 3.2 asks for the confidentiality of
// information obtained. That is checked where the file comes in, not here: the staff page says, next to the upload,
// that the file will be public with the act and must not carry such data, and a draft's files are not public (the
// readers of the act's staff page only: the council's staff and deputies, the group's chair and members; anyone
// else gets the same 404 as for an unknown file, so drafts cannot be probed).
//
// The answer is always an attachment with the media type recorded when the file was checked by content
// (security/annex-policy.ts), and `X-Content-Type-Options: nosniff`, so a browser never renders it as a page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from 'typebox';
import { annexDirOf, findAct } from '../../db/acts';
import { findGroupById } from '../../db/groups';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { mayAccessGroup } from '../auth/require-role';
import { sendFile } from './pages';

export function annexDownload(app: App, deps: AppDeps): void {
  app.get(
    '/acts/:actId/annexes/:annexId',
    {
      schema: {
        hide: true,
        params: Type.Object({
          actId: Type.String({ minLength: 1, maxLength: 200 }),
          annexId: Type.String({ minLength: 1, maxLength: 200 }),
        }),
      },
      config: { access: ['public'], page: true },
    },
    async (request, reply) => {
      const { actId, annexId } = request.params;
      const notFound = () => new AppError('not-found', `annex ${annexId}`, { subject: annexId });
      const act = await findAct(deps.db, actId);
      const annex = act?.annexes.find((a) => a.id === annexId);
      if (!act || !annex || !/^[0-9a-f]{64}$/.test(annex.sha256)) throw notFound();
      if (act.status === 'draft') {
        const group = await findGroupById(deps.db, act.groupId);
        const account = request.auth?.account;
        if (!group || !account || !mayAccessGroup(account, ['staff', 'deputy', 'chair', 'member'], group))
          throw notFound();
      }
      const path = join(annexDirOf(deps.config.dataDir), annex.sha256);
      if (!existsSync(path)) throw notFound();
      return sendFile(reply, path, annex.fileName, annex.mediaType, annex.sizeBytes);
    },
  );
}
