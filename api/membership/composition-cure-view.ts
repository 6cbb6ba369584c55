// A council decision adopted with a composition that breaks 5.2 (5.4.5; a group taken on with its findings), shown with
// the composition the group has now: the record stays as adopted, and under it "cured on <date> by the council's
// decision No." or "still does not meet 5.2" with the arithmetic (domain/composition-cure.ts). Staff pages also say
// what the council does to cure it and link the membership page (5.4.8 replacements, 5.4.5 additions); the public page
// shows neither the advice nor anything personal (no birth dates: a finding about one member is named by its clause).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { isoDateOf } from '../../db/database';
import { findGroupAdoption } from '../../db/groups';
import { parseStoredBirthDate } from '../../db/members';
import {
  CURE_WORDS,
  cureStatus,
  smallestAddition,
  type CureStatus,
  type DecisionRef,
  type MemberSpan,
  type RecordedViolation,
} from '../../domain/composition-cure';
import type { IsoDate } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { formationDecisionRecord } from '../public/composition-decision';
import { html, type Html } from '../ui/html';

/** The decision as adopted (date and violations) from the group's record: the formation's or the adoption's. */
async function adoptedDecision(
  db: Kysely<Database>,
  groupId: string,
): Promise<{ on: IsoDate; violations: RecordedViolation[] } | undefined> {
  const formed = await formationDecisionRecord(db, groupId);
  if (formed?.createdOn) return { on: formed.createdOn, violations: formed.violations };
  const adoption = await findGroupAdoption(db, groupId);
  if (!adoption) return undefined;
  return {
    on: isoDateOf(adoption.decided_on)!,
    violations: adoption.findings.filter((f) => f.severity === 'violation'),
  };
}

/** Every membership of the group over its term with the days it began and ended, and the council's decision that brought it in. */
async function membershipSpans(db: Kysely<Database>, groupId: string): Promise<MemberSpan[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.category', 'm.joined_on', 'm.left_on', 'p.full_name', 'p.sex', 'p.birth_date'])
    .where('m.group_id', '=', groupId)
    .orderBy('m.id')
    .execute();
  const events = await db
    .selectFrom('events')
    .select(['type', 'payload'])
    .where('stream_id', '=', `group-${groupId}`)
    .where('type', 'in', ['term.replacement-appointed', 'term.members-added'])
    .execute();
  const by = new Map<string, DecisionRef>();
  for (const e of events) {
    const p = e.payload as {
      membershipId?: string;
      decisionNumber: string;
      decisionDate: IsoDate;
      added?: { membershipId: string }[];
    };
    const ref = { number: p.decisionNumber, date: p.decisionDate };
    if (p.membershipId) by.set(p.membershipId, ref);
    for (const a of p.added ?? []) by.set(a.membershipId, ref);
  }
  return rows.map((r) => ({
    member: {
      fullName: r.full_name,
      sex: r.sex,
      birthDate: r.birth_date === null ? null : parseStoredBirthDate(r.birth_date),
      category: r.category,
      workplace: null,
      village: null,
      phone: null,
      email: null,
    },
    joinedOn: isoDateOf(r.joined_on),
    leftOn: isoDateOf(r.left_on),
    joinedBy: by.get(r.id) ?? null,
  }));
}

/** Whether the decision as adopted is cured on `today` (undefined: the group has no decision on record yet). */
export async function compositionCureOf(
  db: Kysely<Database>,
  groupId: string,
  today: IsoDate,
): Promise<CureStatus | undefined> {
  const decision = await adoptedDecision(db, groupId);
  if (!decision) return undefined;
  const chair = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select('p.full_name')
    .where('m.group_id', '=', groupId)
    .where('m.role', '=', 'chair')
    .where('m.left_on', 'is', null)
    .executeTakeFirst();
  return cureStatus({
    adoptedOn: decision.on,
    violations: decision.violations,
    spans: await membershipSpans(db, groupId),
    today,
    ...(chair ? { chair: chair.full_name } : {}),
  });
}

/**
 * The cure under the "adopted with a composition that does not meet ..." banner. staff: the findings in full, what the
 * council does (5.4.8, 5.4.5 with 5.4.2-5.4.4), the fewest members to add when a category is short, and (link) the
 * membership page; public: the dates, decisions and arithmetic only.
 */
export async function compositionCureNote(
  db: Kysely<Database>,
  groupId: string,
  lang: Lang,
  today: IsoDate,
  opts: { staff: boolean; link: boolean },
): Promise<Html> {
  const s = await compositionCureOf(db, groupId, today);
  if (!s || s.kind === 'none') return html``;
  if (s.kind === 'cured')
    return html`<p class="ok" role="status" data-cure="cured"><strong>${CURE_WORDS.cured(s.on, s.by)[lang]}</strong></p>`;
  const findings = s.remaining.map((f) =>
    opts.staff || !f.member
      ? html`<li>${f.message[lang]}${f.clause ? ` (${f.clause})` : ''}</li>`
      : html`<li>${f.clause ?? '5.2'}</li>`,
  );
  const arithmetic = s.current.arithmetic.map((a) => html`<li>${a.holds ? '✓' : '✗'} ${a.text[lang]}</li>`);
  const short = s.current.arithmetic.some((a) => !a.holds && a.rule !== 'women-max' && a.rule !== 'men-max');
  const fewest = short
    ? smallestAddition({
        municipal_employee: s.current.counts.municipal_employee,
        deputy: s.current.counts.deputy,
        citizen: s.current.counts.citizen,
      })
    : null;
  return html`<div class="notice" role="note" data-cure="not-cured"><p><strong>${CURE_WORDS.notCured(s.current.size)[lang]}</strong></p><ul>${findings}</ul><ul>${arithmetic}</ul>${
    opts.staff
      ? html`<p>${CURE_WORDS.advice[lang]}${fewest ? html` ${CURE_WORDS.fewest(fewest)[lang]}` : ''}</p>${
          opts.link
            ? html`<p><a href="/manage/groups/${encodeURIComponent(groupId)}/membership?lang=${lang}">${CURE_WORDS.link[lang]}</a></p>`
            : ''
        }`
      : ''
  }</div>`;
}
