// Taking on an existing group (issue 13, point 1): staff register a group the council created before the product was
// used, from the council's resolution (number, date, publication), the chair it names or none yet (5.4.6) and the
// members from a roster CSV. The composition is checked (5.2.1, 5.2.3) and every finding is kept on the group's record
// (group.adopted), never a refusal: the council has adopted the group. Bad input (dates, a missing number, a chair who
// is not a citizen member, a row of the file that cannot be read) is refused with nothing written. Then the group's
// term procedure starts (procedures/term/start-term.ts). `jmeg group adopt`, the JSON route and the staff page call
// adoptGroup.
import { createHash } from 'node:crypto';
import { ConcurrencyError } from '../../db/event-store';
import { streams, type NewEvent } from '../../db/events';
import { findCouncilById } from '../../db/councils';
import { findGroupAdoption, findGroupById, liveGroups } from '../../db/groups';
import { rosterIdempotencyKey } from '../../db/import-roster';
import { storedBirthDate } from '../../db/members';
import { record } from '../../db/record';
import { checkAdoptionDates, checkNamedChair, recordedFinding, type AdoptionFinding } from '../../domain/adoption';
import { checkComposition } from '../../domain/composition';
import type { IsoDate } from '../../domain/dates';
import { loc } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { problem, type Problem } from '../../domain/problem';
import { nameKey, rowLabel, type RosterMember } from '../../domain/roster';
import { checkTermInput } from '../../domain/term';
import { requireEngine, todayIn, type ProcedureDeps } from '../deps';
import { ProcedureRefusedError } from '../engine';
import { ConflictError, InvalidInputError } from '../refusals';
import { startTerm, type StartTermResult } from '../term/start-term';
import { readRosterCsv } from './roster-csv';

export interface AdoptGroupInput {
  councilId: string;
  decisionNumber: unknown;
  /** The date the council adopted the resolution. */
  decidedOn: unknown;
  /** The date it was published on the council's website: item 6, it takes effect then, and the term starts. */
  publishedOn: unknown;
  /** Only for a resolution in force from another date than its publication. */
  termStartsOn?: unknown;
  /** The chair the resolution names; null: the group elects its chair at a meeting (5.4.6). */
  chair: unknown;
  /** The roster file (`jmeg roster check`'s format), as bytes or text. */
  csv: Uint8Array | string | null;
  actor: string;
}

export interface AdoptedGroup {
  groupId: string;
  adoption: 'adopted' | 'already-adopted';
  resolutionNumber: string;
  decidedOn: IsoDate;
  publishedOn: IsoDate;
  termStart: IsoDate;
  termEnd: IsoDate;
  chair: string | null;
  members: number;
  /** The composition's findings kept on the group's record, violations first. */
  findings: AdoptionFinding[];
  /** Rows of the file kept as written (a phone that is not a valid number, a birth year alone). */
  warnings: Problem[];
  term: StartTermResult;
}

/** The group a resolution stands for: the same council and resolution number give the same id (UUID-shaped). */
export function adoptedGroupId(councilId: string, decisionNumber: string): string {
  const hex = createHash('sha256')
    .update(`adoption\u0000${councilId}\u0000${nameKey(decisionNumber)}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** The same identities as `jmeg roster import` (db/import-roster.ts), so importing the file again adds no one. */
function membershipIdOf(groupId: string, m: RosterMember): string {
  return `m-${digest(rosterIdempotencyKey(groupId, m))}`;
}

function sameRowTwice(members: readonly RosterMember[]): Problem[] {
  const first = new Map<string, number>();
  const out: Problem[] = [];
  members.forEach((m, i) => {
    const key = `${nameKey(m.fullName)}:${storedBirthDate(m.birthDate)}`;
    const earlier = first.get(key);
    if (earlier === undefined) return void first.set(key, i + 1);
    const where = rowLabel(i + 1, m.fullName);
    out.push(
      problem(
        'same-person-twice',
        `csv: row ${i + 1}, full_name`,
        '5.2.1',
        loc(
          `${where.ky}: ${earlier}-жазуудагы адам кайталанат (аты-жөнү жана туулган күнү бирдей)`,
          `${where.ru}: повторяет человека из записи ${earlier} (то же ФИО и дата рождения)`,
          `${where.en}: repeats the person of row ${earlier} (same full name and birth date)`,
        ),
      ),
    );
  });
  return out;
}

function refused(problems: Problem[]): ProcedureRefusedError {
  return new ProcedureRefusedError(problems.map((p) => `${p.field}: ${p.message.en}`).join('; '), problems);
}

const severityOrder = (f: AdoptionFinding) => (f.severity === 'violation' ? 0 : 1);

/**
 * Records the group, its members, the resolution and the composition's findings in one transaction, then starts the
 * group's term procedure. The same council and resolution number again is the same group: nothing is recorded twice
 * and the term procedure is asked to start again ('already-started' when it runs), so a start that failed can be
 * repeated. Refusals write nothing: bad input (400), the engine away (503), another group in office (409).
 */
export async function adoptGroup(deps: ProcedureDeps, input: AdoptGroupInput): Promise<AdoptedGroup> {
  const today = todayIn(deps);
  const { dates, problems } = checkAdoptionDates(input, today);
  let members: RosterMember[] = [];
  let warnings: Problem[] = [];
  if (input.csv === null || (typeof input.csv === 'string' ? input.csv.trim() : input.csv).length === 0) {
    problems.push(
      problem(
        'csv-required',
        'csv',
        '5.2.1',
        loc(
          'мүчөлөрдүн тизмеси (CSV файл) керек',
          'нужен список членов (CSV-файл)',
          'the list of members (a CSV file) is required',
        ),
      ),
    );
  } else {
    const roster = readRosterCsv(input.csv, today);
    problems.push(...roster.problems, ...sameRowTwice(roster.members));
    members = roster.members;
    warnings = roster.warnings;
  }
  // The chair is looked for in a list that could be read whole; a refused row may be the chair's.
  const listRead = members.length > 0 && !problems.some((p) => p.field.startsWith('csv'));
  const chairCheck =
    listRead || input.chair === null ? checkNamedChair(input.chair, members) : { index: null, problems: [] };
  problems.push(...chairCheck.problems);
  if (problems.length > 0 || !dates) throw refused(problems);

  const council = await findCouncilById(deps.db, input.councilId);
  if (!council)
    throw new InvalidInputError('councilId', 'unknown', `councilId: no council ${input.councilId}`, input.councilId);

  const groupId = adoptedGroupId(input.councilId, dates.decisionNumber);
  const chairIndex = chairCheck.index;
  const memberIds = members.map((m) => membershipIdOf(groupId, m));
  const termMembers = members.map((m, i) => ({
    membershipId: memberIds[i]!,
    fullName: m.fullName,
    category: m.category,
  }));
  const chairMembershipId = chairIndex === null ? null : memberIds[chairIndex]!;
  const termProblems = checkTermInput({
    termStart: dates.termStart,
    termEnd: dates.termEnd,
    members: termMembers,
    chairMembershipId,
    decidedOn: dates.decidedOn,
  });
  if (termProblems.length > 0) throw refused(termProblems);
  requireEngine(deps);

  const composition = checkComposition(members, { on: dates.decidedOn });
  const findings = composition.findings.map(recordedFinding).sort((a, b) => severityOrder(a) - severityOrder(b));

  let adoption: AdoptedGroup['adoption'] = 'adopted';
  const existing = await findGroupAdoption(deps.db, groupId);
  if (existing) {
    if (existing.decided_on !== dates.decidedOn)
      throw new ConflictError(
        [
          problem(
            'resolution-recorded',
            'decisionNumber',
            '5.4.5',
            loc(
              `№ ${dates.decisionNumber} токтому ${dmy(existing.decided_on)} күнү менен мурда эле жазылган`,
              `постановление № ${dates.decisionNumber} уже записано с датой ${dmy(existing.decided_on)}`,
              `resolution No. ${dates.decisionNumber} is already recorded, dated ${dmy(existing.decided_on)}`,
            ),
          ),
        ],
        groupId,
      );
    adoption = 'already-adopted';
  } else {
    const others = (await liveGroups(deps.db, input.councilId)).filter((g) => g.id !== groupId);
    if (others.length > 0)
      throw new ConflictError(
        [
          problem(
            'group-in-office',
            'councilId',
            '5.3.1',
            loc(
              `Бул кеңештин тобу бар (${others[0]!.status === 'forming' ? 'түзүлүп жатат' : 'ыйгарым укуктарынын мөөнөтү бүтө элек'}); кеңештин бир эле учурда бир тобу болот`,
              `У этого кенеша уже есть группа (${others[0]!.status === 'forming' ? 'идёт формирование' : 'срок полномочий не истёк'}); у кенеша одна группа одновременно`,
              `This council already has a group (${others[0]!.status === 'forming' ? 'being formed' : 'its term of office is running'}); a council has one group at a time`,
            ),
          ),
        ],
        others[0]!.id,
      );
    try {
      await recordAdoption(deps, input, groupId, dates, members, memberIds, chairMembershipId, findings);
    } catch (error) {
      // The same resolution raced in twice: the other request recorded it.
      if (!(error instanceof ConcurrencyError)) throw error;
      adoption = 'already-adopted';
    }
  }
  const recorded = await findGroupAdoption(deps.db, groupId);
  const group = await findGroupById(deps.db, groupId);
  if (!recorded || !group) throw new Error(`group ${groupId}: not projected after group.adopted`);

  const term = await startTerm(deps, {
    groupId,
    councilId: input.councilId,
    termStart: recorded.term_start,
    termEnd: recorded.term_end,
    members: termMembers,
    chairMembershipId,
  });
  return {
    groupId,
    adoption,
    resolutionNumber: recorded.resolution_number,
    decidedOn: recorded.decided_on,
    publishedOn: recorded.published_on,
    termStart: recorded.term_start,
    termEnd: recorded.term_end,
    chair: chairIndex === null ? null : members[chairIndex]!.fullName,
    members: recorded.members,
    findings: recorded.findings,
    warnings,
    term,
  };
}

async function recordAdoption(
  deps: ProcedureDeps,
  input: AdoptGroupInput,
  groupId: string,
  dates: NonNullable<ReturnType<typeof checkAdoptionDates>['dates']>,
  members: readonly RosterMember[],
  memberIds: readonly string[],
  chairMembershipId: string | null,
  findings: AdoptionFinding[],
): Promise<void> {
  const key = (what: string) => `adoption:${groupId}:${what}`;
  const memberEvents: NewEvent[] = members.map((m, i) => ({
    type: 'member.added',
    idempotencyKey: `roster:${groupId}:${digest(rosterIdempotencyKey(groupId, m))}`,
    payload: {
      groupId,
      membershipId: memberIds[i]!,
      personId: `p-${digest(`${input.councilId}:${nameKey(m.fullName)}:${storedBirthDate(m.birthDate)}`)}`,
      person: {
        fullName: m.fullName,
        sex: m.sex,
        birthDate: storedBirthDate(m.birthDate),
        workplace: m.workplace,
        village: m.village,
        phone: m.phone,
        email: m.email,
      },
      category: m.category,
      role: memberIds[i] === chairMembershipId ? 'chair' : 'member',
      joinedOn: dates.termStart,
    },
  }));
  const violations = findings.filter((f) => f.severity === 'violation').length;
  await record(deps.db, {
    stream: streams.group(groupId),
    expectedVersion: 0,
    actor: input.actor,
    events: [
      {
        type: 'group.opened',
        idempotencyKey: key('opened'),
        payload: { groupId, councilId: input.councilId, councilFormedOn: null },
      },
      ...memberEvents,
      {
        type: 'group.created',
        idempotencyKey: key('created'),
        payload: {
          groupId,
          createdOn: dates.termStart,
          resolutionNumber: dates.decisionNumber,
          termEnd: dates.termEnd,
        },
      },
      {
        type: 'group.adopted',
        idempotencyKey: key('adopted'),
        payload: {
          groupId,
          resolutionNumber: dates.decisionNumber,
          decidedOn: dates.decidedOn,
          publishedOn: dates.publishedOn,
          termStart: dates.termStart,
          termEnd: dates.termEnd,
          chairMembershipId,
          members: members.length,
          findings,
        },
      },
      {
        type: 'group.status-changed',
        idempotencyKey: key('active'),
        payload: {
          groupId,
          status: 'active',
          reason:
            `taken on: council resolution No. ${dates.decisionNumber} of ${dates.decidedOn}, published ${dates.publishedOn}; ` +
            `term ${dates.termStart} to ${dates.termEnd} (5.3.1); ${violations} composition violation(s) kept on record`,
        },
      },
    ],
  });
}
