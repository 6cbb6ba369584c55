// 8.1: an act's draft, its changes and its annex files (attached and removed), before the issue (issue-act.ts). Drafts may be incomplete;
// db/acts.ts refuses what is invalid with an ActError naming the field (an AnnexRefusal for a file). The adapters
// read the draft from what they are given (parseActDraft for JSON, draftFromForm for the page's form).
import {
  attachAnnex as recordAnnex,
  draftAct as recordDraft,
  removeAnnex as recordRemoval,
  updateActDraft as recordUpdate,
  type Act,
  type ActAnnexFile,
} from '../../db/acts';
import type { ActDraft } from '../../domain/act';
import type { ProcedureDeps } from '../deps';
import { refuseInactiveObject } from '../objects/refuse-inactive-object';
import { findAct } from '../../db/acts';
import { linkedPlanItems, refuseIfRemoved } from '../conflicts/conflicts';

const titled = (title: string | undefined) => (title !== undefined ? { title } : {});

/** A new draft of `groupId` about `objectId` (4.2: an object of the group's council). */
export async function draftAct(
  deps: Pick<ProcedureDeps, 'db'>,
  input: {
    groupId: string;
    objectId: string;
    draft: ActDraft;
    title?: string | undefined;
    /** The draft's id when the caller fixes it (a form's nonce: the same submission twice is one draft). */
    id?: string;
    actor: string;
  },
): Promise<Act> {
  await refuseInactiveObject(deps.db, input.objectId); // 4.2: none to an object staff marked inactive
  // 6.4: a member removed from this object for a conflict of interest drafts nothing about it (409, nothing written).
  await refuseIfRemoved(deps, { groupId: input.groupId, objectId: input.objectId, actor: input.actor });
  return recordDraft(
    deps.db,
    {
      groupId: input.groupId,
      objectId: input.objectId,
      draft: input.draft,
      ...titled(input.title),
      ...(input.id !== undefined ? { id: input.id } : {}),
    },
    input.actor,
  );
}

/** A draft's new content (refused once the act is issued). */
export async function updateActDraft(
  deps: Pick<ProcedureDeps, 'db'>,
  input: { actId: string; draft: ActDraft; title?: string | undefined; actor: string },
): Promise<Act> {
  // 6.4: nor edits a draft about it, or one linked to a work-plan item the member is removed from.
  const current = await findAct(deps.db, input.actId);
  if (current)
    await refuseIfRemoved(deps, {
      groupId: current.groupId,
      objectId: current.objectId,
      planItemIds: await linkedPlanItems(deps.db, { actId: current.id }),
      actor: input.actor,
    });
  return recordUpdate(deps.db, input.actId, { draft: input.draft, ...titled(input.title) }, input.actor);
}

/** An annex file of a draft (8.1), kept under the data directory; the annex policy refuses other files. */
export async function annexFile(
  deps: Pick<ProcedureDeps, 'db'> & { dataDir: string },
  input: { actId: string; fileName: string; bytes: Buffer; actor: string },
): Promise<ActAnnexFile> {
  return recordAnnex(
    deps.db,
    { actId: input.actId, fileName: input.fileName, bytes: input.bytes, dataDir: deps.dataDir },
    input.actor,
  );
}

/** A draft's annex file taken off (8.1; refused once the act is issued, and for an annex that is not the act's). */
export async function removeAnnexFile(
  deps: Pick<ProcedureDeps, 'db'>,
  input: { actId: string; annexId: string; actor: string },
): Promise<ActAnnexFile> {
  const { removed } = await recordRemoval(deps.db, { actId: input.actId, annexId: input.annexId }, input.actor);
  return removed;
}
