// The council and group a public page is about, for the header every public page shares (layout.ts SiteContext):
// the council's two names and which of its groups (groups have no name: forming, or created on a date). Names and
// dates only; nothing of a member is read here.
import type { Kysely } from 'kysely';
import { findCouncilById, type Council } from '../../db/councils';
import type { Database } from '../../db/database';
import { findGroupById, listGroups, type Group } from '../../db/groups';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import type { SiteContext } from '../ui/layout';
import { msg } from '../ui/messages';

/** "Group being formed" / "Group created on 01.03.2026" / the same with its term ended. */
export function groupLabel(lang: Lang, group: Pick<Group, 'status' | 'created_on'>): string {
  if (group.created_on === null) return msg(lang, 'public.group.forming');
  const date = dmy(group.created_on);
  return group.status === 'term-ended' || group.status === 'dissolved'
    ? msg(lang, 'public.group.ended', { date })
    : msg(lang, 'public.group.created', { date });
}

/** The group the council's public pages lead to: its newest group still in office or in formation, else its newest. */
export function currentGroup(groups: readonly Group[]): Group | null {
  const live = groups.filter((g) => g.status !== 'term-ended' && g.status !== 'dissolved');
  return live.at(-1) ?? groups.at(-1) ?? null;
}

function context(lang: Lang, council: Council | undefined, group: Group | null): SiteContext {
  return {
    council: council ? { id: council.id, name: { ky: council.name_ky, ru: council.name_ru } } : null,
    group: group ? { id: group.id, label: groupLabel(lang, group) } : null,
  };
}

/** A council's page (the notice board): the council and its current group. */
export async function councilSite(db: Kysely<Database>, lang: Lang, council: Council): Promise<SiteContext> {
  return context(lang, council, currentGroup(await listGroups(db, council.id)));
}

/** A group's page (composition, acts, an act): the group and its council. */
export async function groupSite(db: Kysely<Database>, lang: Lang, group: Group): Promise<SiteContext> {
  return context(lang, await findCouncilById(db, group.council_id), group);
}

/** A group's page known by id (an act's group): its context, or none when the group is not recorded. */
export async function groupSiteById(
  db: Kysely<Database>,
  lang: Lang,
  groupId: string,
): Promise<SiteContext | undefined> {
  const group = await findGroupById(db, groupId);
  return group ? groupSite(db, lang, group) : undefined;
}
