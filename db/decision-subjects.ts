// What a meeting decision may be about (6.4, issue 14 point 2), read from Postgres: the council's monitored objects, the
// items of the group's work plans (7.3.1) and the matters of the group's declarations (6.3), as the decision form
// offers them; a request's subject resolved to what the term procedure keeps; the memberships' persons (a removal names
// the person); and, for the public minutes, who stood aside from each decision (names only, from the event log).
import { sql, type Kysely } from 'kysely';
import type { DecisionAbout, DecisionSubject } from '../domain/decision-stand-aside';
import { loc, type Lang } from '../domain/i18n';
import { problem, type Problem } from '../domain/problem';
import type { Database } from './database';
import { streams } from './events';

export interface SubjectChoices {
  objects: { id: string; name: string }[];
  planItems: { id: string; objectId: string; label: string }[];
  /** The matters the group's members declared a conflict about (distinct, in the order first declared). */
  matters: string[];
}

/** The choices of the decision form: the council's active objects, the group's plan items, the declared matters. */
export async function decisionSubjectChoices(db: Kysely<Database>, groupId: string): Promise<SubjectChoices> {
  const group = await db.selectFrom('groups').select('council_id').where('id', '=', groupId).executeTakeFirst();
  if (!group) return { objects: [], planItems: [], matters: [] };
  const objects = await db
    .selectFrom('monitored_objects')
    .select(['id', 'name'])
    .where('council_id', '=', group.council_id)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  const items = await db
    .selectFrom('plan_items as i')
    .innerJoin('work_plans as p', 'p.id', 'i.plan_id')
    .innerJoin('monitored_objects as o', 'o.id', 'i.object_id')
    .select(['i.id', 'i.object_id', 'i.subject', 'o.name', 'p.title'])
    .where('p.group_id', '=', groupId)
    .where('i.state', '!=', 'dropped')
    .orderBy('p.created_at', 'desc')
    .orderBy('i.position')
    .execute();
  const declared = await db
    .selectFrom('conflict_declarations')
    .select(['matter'])
    .where('group_id', '=', groupId)
    .where('matter', 'is not', null)
    .orderBy('declared_on')
    .orderBy('id')
    .execute();
  const matters: string[] = [];
  for (const d of declared) if (d.matter && !matters.includes(d.matter)) matters.push(d.matter);
  return {
    objects: objects.map((o) => ({ id: o.id, name: o.name })),
    planItems: items.map((i) => ({ id: i.id, objectId: i.object_id, label: `${i.subject} (${i.name}; ${i.title})` })),
    matters,
  };
}

const unknown = (field: 'objectId' | 'planItemId', id: string): Problem =>
  field === 'objectId'
    ? problem(
        'unknown-object',
        'objectId',
        '4.2',
        loc(
          `${id} бул кеңештин мониторинг объектиси эмес (4.2-пункт).`,
          `${id} — не объект мониторинга этого кенеша (п. 4.2).`,
          `${id} is not a monitored object of this council (clause 4.2).`,
        ),
      )
    : problem(
        'unknown-plan-item',
        'planItemId',
        '7.3.1',
        loc(
          `${id} бул топтун иш планынын пункту эмес (7.3.1-пункт).`,
          `${id} — не пункт плана работы этой группы (п. 7.3.1).`,
          `${id} is not an item of this group's work plan (clause 7.3.1).`,
        ),
      );

/** The subject a request names, as the term procedure keeps it; an unknown object or plan item is a Problem. */
export async function resolveDecisionSubject(
  db: Kysely<Database>,
  groupId: string,
  about: DecisionAbout | null | undefined,
): Promise<{ subject: DecisionSubject | null; problems: Problem[] }> {
  const objectId = about?.objectId?.trim();
  const planItemId = about?.planItemId?.trim();
  const matter = about?.matter?.trim().replace(/\s+/g, ' ');
  if (objectId) {
    const row = await db
      .selectFrom('monitored_objects as o')
      .innerJoin('groups as g', 'g.council_id', 'o.council_id')
      .select(['o.id', 'o.name'])
      .where('o.id', '=', objectId)
      .where('g.id', '=', groupId)
      .executeTakeFirst();
    if (!row) return { subject: null, problems: [unknown('objectId', objectId)] };
    return {
      subject: { kind: 'object', objectId: row.id, planItemId: null, matter: null, label: row.name },
      problems: [],
    };
  }
  if (planItemId) {
    const row = await db
      .selectFrom('plan_items as i')
      .innerJoin('work_plans as p', 'p.id', 'i.plan_id')
      .innerJoin('monitored_objects as o', 'o.id', 'i.object_id')
      .select(['i.id', 'i.object_id', 'i.subject', 'o.name'])
      .where('i.id', '=', planItemId)
      .where('p.group_id', '=', groupId)
      .executeTakeFirst();
    if (!row) return { subject: null, problems: [unknown('planItemId', planItemId)] };
    return {
      subject: {
        kind: 'plan-item',
        objectId: row.object_id,
        planItemId: row.id,
        matter: null,
        label: `${row.subject} (${row.name})`,
      },
      problems: [],
    };
  }
  if (matter)
    return { subject: { kind: 'matter', objectId: null, planItemId: null, matter, label: matter }, problems: [] };
  return { subject: null, problems: [] };
}

/** The persons behind the group's memberships (a removal names the person: memberships.person_id). */
export async function personsOfMemberships(
  db: Kysely<Database>,
  groupId: string,
  membershipIds: readonly string[],
): Promise<{ membershipId: string; personId: string }[]> {
  if (membershipIds.length === 0) return [];
  const rows = await db
    .selectFrom('memberships')
    .select(['id', 'person_id'])
    .where('group_id', '=', groupId)
    .where('id', 'in', [...membershipIds])
    .execute();
  return rows.map((r) => ({ membershipId: r.id, personId: r.person_id }));
}

/**
 * For the public minutes: per decision of the meeting, what it was about and the names of those who stood aside (6.4),
 * from the decisions' events (the term procedure's record); never a declaration's text or a reason.
 */
export async function decisionsStandingAside(
  db: Kysely<Database>,
  groupId: string,
  meetingId: string,
  lang: Lang = 'ky',
): Promise<Map<string, { subject: string | null; stoodAside: string[] }>> {
  const rows = await db
    .selectFrom('events')
    .select(['payload'])
    .where('stream_id', '=', streams.group(groupId))
    .where('type', '=', 'meeting.decision-recorded')
    .where(sql<string>`payload->>'meetingId'`, '=', meetingId)
    .orderBy('stream_version')
    .execute();
  const decisions = rows.map(
    (r) =>
      r.payload as {
        decisionId: string;
        subject?: DecisionSubject | null;
        stoodAsideMembershipIds?: string[];
      },
  );
  const ids = [...new Set(decisions.flatMap((d) => d.stoodAsideMembershipIds ?? []))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const people = await db
      .selectFrom('memberships as m')
      .innerJoin('persons as p', 'p.id', 'm.person_id')
      .select(['m.id', 'p.full_name'])
      .where('m.id', 'in', ids)
      .execute();
    for (const p of people) names.set(p.id, p.full_name);
  }
  const label = await subjectLabelsIn(
    db,
    decisions.flatMap((d) => (d.subject ? [d.subject] : [])),
    lang,
  );
  return new Map(
    decisions.map((d) => [
      d.decisionId,
      {
        subject: d.subject ? label(d.subject) : null,
        stoodAside: (d.stoodAsideMembershipIds ?? []).map((id) => names.get(id) ?? '').filter((n) => n !== ''),
      },
    ]),
  );
}

/**
 * How a page in `lang` names decision subjects: an object by its name in that language (the Russian name on Russian and
 * English pages, when the register has one); a plan item or a matter by the words recorded with the decision.
 */
export async function subjectLabelsIn(
  db: Kysely<Database>,
  subjects: readonly DecisionSubject[],
  lang: Lang,
): Promise<(subject: DecisionSubject) => string> {
  const ids = [...new Set(subjects.filter((s) => s.kind === 'object' && s.objectId).map((s) => s.objectId!))];
  const names = new Map<string, string>();
  if (lang !== 'ky' && ids.length > 0)
    for (const o of await db.selectFrom('monitored_objects').select(['id', 'name_ru']).where('id', 'in', ids).execute())
      if (o.name_ru) names.set(o.id, o.name_ru);
  return (subject) => (subject.kind === 'object' && subject.objectId && names.get(subject.objectId)) || subject.label;
}
