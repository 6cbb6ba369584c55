// 5.4.8: a member's departure and replacement over the term, and the election of a new chair (5.4.6). Each use case
// checks its input first (domain/term-membership.ts: a refusal names the field and the clause, nothing is written or
// sent), then sends an update to the group's term procedure, whose validator checks it again against its own state.
// The composition (5.2) is re-checked after each change and returned with its arithmetic (domain/composition.ts).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { streams } from '../../db/events';
import { listRosterEntries } from '../../db/members';
import { nameKey } from '../../domain/roster';
import { record } from '../../db/record';
import { checkComposition, type CompositionResult } from '../../domain/composition';
import type { IsoDate } from '../../domain/dates';
import { loc } from '../../domain/i18n';
import { termEndedProblem } from '../../domain/term';
import { problem, type Problem } from '../../domain/problem';
import {
  checkAdditionInput,
  checkAppointmentInput,
  checkChairCandidate,
  checkDepartureInput,
  checkNominationInput,
} from '../../domain/term-membership';
import { ProcedureRefusedError } from '../engine';
import { requireEngine, todayIn, type ProcedureDeps } from '../deps';
import { termState } from './term-state';
import {
  appointReplacementUpdate,
  changeMembersUpdate,
  electChairUpdate,
  nominateReplacementUpdate,
  recordDepartureUpdate,
  termWorkflowId,
  type ElectChairInput,
  type NominateReplacementInput,
  type TermMember,
  type TermNomination,
  type RecordDepartureInput,
  type TermState,
  type TermVacancy,
} from '../../workflows/term/contract';

type Deps = Pick<ProcedureDeps, 'engine' | 'now' | 'db'> & Partial<Pick<ProcedureDeps, 'log'>>;

function refuseIf(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ProcedureRefusedError(problems.map((p) => p.message.en).join(' '), problems);
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** The group's current members (from Postgres) checked against 5.2 and 5.4.6 on a day, with the arithmetic. */
export async function compositionOn(db: Kysely<Database>, groupId: string, on: IsoDate): Promise<CompositionResult> {
  const entries = await listRosterEntries(db, groupId);
  const chair = entries.find((e) => e.role === 'chair');
  return checkComposition(
    entries.map((e) => e.member),
    chair ? { on, chair: chair.member.fullName } : { on },
  );
}

async function currentState(deps: Deps, groupId: string): Promise<TermState> {
  const s = await termState({ engine: deps.engine, ...(deps.log ? { log: deps.log } : {}) }, { groupId });
  if (s.source !== 'procedure')
    refuseIf([
      problem(
        'no-term-procedure',
        'groupId',
        '5.3.1',
        loc(
          'Топтун мөөнөтүнүн жол-жобосу иштебей турат.',
          'Процедура срока полномочий группы не запущена или недоступна.',
          "The group's term procedure is not running or not reachable.",
        ),
      ),
    ]);
  return (s as { state: TermState }).state;
}

export interface MembershipChange {
  state: TermState;
  /** 5.2: the composition after the change, with its arithmetic (a vacancy can break 5.2.3 until it is filled). */
  composition: CompositionResult;
}

/** 5.4.8: a member left (date, reason); the quorum base changes from that day; a vacancy opens in their category. */
export async function recordDeparture(
  deps: Deps,
  input: RecordDepartureInput & { groupId: string },
): Promise<MembershipChange> {
  refuseIf(checkDepartureInput(input, todayIn(deps)));
  const { groupId, ...update } = input;
  const state = await requireEngine(deps).update(termWorkflowId(groupId), recordDepartureUpdate, update);
  return { state, composition: await compositionOn(deps.db, groupId, input.leftOn) };
}

/** 5.4.8 with 5.4.2-5.4.4: the nomination by the source the vacancy's category names. */
export async function nominateReplacement(
  deps: Deps,
  input: NominateReplacementInput & { groupId: string },
): Promise<TermVacancy> {
  const { groupId, ...update } = input;
  const state = await currentState(deps, groupId);
  const open = state.vacancies.filter((v) => v.filled === null);
  const already = open.find((v) => v.vacancyId === input.vacancyId)?.nomination;
  if (!already) refuseIf(checkNominationInput(input, todayIn(deps), open));
  return requireEngine(deps).update(termWorkflowId(groupId), nominateReplacementUpdate, update);
}

export interface AppointReplacementRequest {
  groupId: string;
  vacancyId: string;
  /** Optional: when given, it must be the vacancy's (5.4.8). */
  category?: string;
  decisionNumber: string;
  decisionDate: IsoDate;
  /** The new member as the council appointed them; phone, e-mail and birth date stay in Postgres (encrypted in the log). */
  person: {
    fullName: string;
    sex: 'M' | 'F';
    birthDate: string | null;
    workplace?: string | null;
    village?: string | null;
    phone?: string | null;
    email?: string | null;
  };
  actor: string;
}

/**
 * 5.4.8 with 5.4.5: the council's decision appoints the nominee. Checked against the procedure's state first, then the
 * membership is recorded (member.added, joined on the decision's date; idempotent by the vacancy) and the procedure
 * counts the new member from that date and publishes a notice naming them.
 */
export async function appointReplacement(deps: Deps, input: AppointReplacementRequest): Promise<MembershipChange> {
  const { groupId } = input;
  const state = await currentState(deps, groupId);
  const membershipId = `m-r-${digest(`${groupId}:${input.vacancyId}`)}`;
  const filled = state.vacancies.find(
    (v) => v.vacancyId === input.vacancyId && v.filled?.membershipId === membershipId,
  );
  const vacancy = state.vacancies.find((v) => v.vacancyId === input.vacancyId && v.filled === null);
  if (!filled) {
    const problems = checkAppointmentInput(
      input,
      todayIn(deps),
      state.vacancies.filter((v) => v.filled === null),
    );
    const name = typeof input.person?.fullName === 'string' ? input.person.fullName.trim() : '';
    if (problems.length === 0 && vacancy?.nomination && vacancy.nomination.fullName !== name)
      problems.push(
        problem(
          'not-the-nominee',
          'person.fullName',
          '5.4.8',
          loc(
            `Кеңеш көрсөтүлгөн талапкерди (${vacancy.nomination.fullName}) дайындайт.`,
            `Кенеш назначает выдвинутого кандидата (${vacancy.nomination.fullName}).`,
            `The council appoints the nominee (${vacancy.nomination.fullName}).`,
          ),
        ),
      );
    if (input.person?.sex !== 'M' && input.person?.sex !== 'F')
      problems.push(
        problem('required', 'person.sex', '5.2.3', loc('Жынысы: M же F.', 'Пол: M или F.', 'person.sex: M or F.')),
      );
    refuseIf(problems);
  }
  const category = (filled ?? vacancy)!.category;
  const { groupId: _g, ...p } = { groupId, ...input.person };
  void _g;
  await record(deps.db, {
    stream: streams.group(groupId),
    actor: input.actor,
    events: [
      {
        type: 'member.added',
        idempotencyKey: `replacement:${groupId}:${input.vacancyId}`,
        payload: {
          groupId,
          membershipId,
          personId: `p-r-${digest(`${groupId}:${input.vacancyId}`)}`,
          person: {
            fullName: p.fullName.trim(),
            sex: p.sex,
            birthDate: p.birthDate ?? null,
            workplace: p.workplace ?? null,
            village: p.village ?? null,
            phone: p.phone ?? null,
            email: p.email ?? null,
          },
          category,
          role: 'member',
          joinedOn: input.decisionDate,
        },
      },
    ],
  });
  const next = await requireEngine(deps).update(termWorkflowId(groupId), appointReplacementUpdate, {
    vacancyId: input.vacancyId,
    membershipId,
    fullName: input.person.fullName.trim(),
    category,
    decisionNumber: input.decisionNumber,
    decisionDate: input.decisionDate,
    actor: input.actor,
  });
  return { state: next, composition: await compositionOn(deps.db, groupId, input.decisionDate) };
}

/** 5.4.6: after the chair left, a quorate meeting's record elects a new chair from the citizen members. */
export async function electChair(deps: Deps, input: ElectChairInput & { groupId: string }): Promise<MembershipChange> {
  const { groupId, ...update } = input;
  const state = await currentState(deps, groupId);
  if (state.chairMembershipId !== input.membershipId) refuseIf(checkChairCandidate(input.membershipId, state.members));
  const next = await requireEngine(deps).update(termWorkflowId(groupId), electChairUpdate, update);
  return { state: next, composition: await compositionOn(deps.db, groupId, todayIn(deps)) };
}

export interface AddMembersRequest {
  groupId: string;
  decisionNumber: string;
  decisionDate: IsoDate;
  /** Each member named through their category's route (5.4.2-5.4.4); personal data stays in Postgres. */
  members: {
    category: TermMember['category'];
    source: {
      kind: TermNomination['source']['kind'];
      ref: string;
      date: IsoDate;
      participants?: number | null;
      votesFor?: number | null;
    };
    person: AppointReplacementRequest['person'];
  }[];
  actor: string;
}

/**
 * 5.4.5 with 5.4.2-5.4.4: the council's decision adds members over the term, the way a composition adopted short of a
 * 5.2.3 category share is brought within it (a replacement, 5.4.8, comes from the departed member's category and
 * cannot). Input errors are refused naming the field and the clause, with nothing written; the resulting composition
 * is never refused: it is returned with its arithmetic and shown. The memberships are recorded (member.added, joined on
 * the decision's date; idempotent by the decision and the member's place in it) with the decision (term.members-added),
 * then the term procedure counts the new members (its changeMembers update: names and categories only).
 */
export async function addMembersByDecision(deps: Deps, input: AddMembersRequest): Promise<MembershipChange> {
  const { groupId } = input;
  const state = await currentState(deps, groupId);
  // Business key: the decision and the member's name (members one decision adds may be recorded one at a time).
  const number = typeof input.decisionNumber === 'string' ? input.decisionNumber.trim() : '';
  const added = (input.members ?? []).map((m) => {
    const fullName = typeof m.person?.fullName === 'string' ? m.person.fullName.trim() : '';
    const key = digest(`${groupId}:addition:${number}:${nameKey(fullName)}`);
    return { membershipId: `m-a-${key}`, personId: `p-a-${key}`, fullName, category: m.category };
  });
  const done = added.length > 0 && added.every((a) => state.members.some((m) => m.membershipId === a.membershipId));
  if (!done) {
    // Checked before anything is written: the procedure refuses a change of members after the term (5.3.1).
    refuseIf(state.status === 'active' ? [] : [termEndedProblem('decisionDate', state.termEnd)]);
    refuseIf(checkAdditionInput(input, todayIn(deps), state.termStart));
  }
  await record(deps.db, {
    stream: streams.group(groupId),
    actor: input.actor,
    events: [
      ...input.members.map((m, i) => ({
        type: 'member.added' as const,
        idempotencyKey: `addition:${groupId}:${added[i]!.membershipId}`,
        payload: {
          groupId,
          membershipId: added[i]!.membershipId,
          personId: added[i]!.personId,
          person: {
            fullName: added[i]!.fullName,
            sex: m.person.sex,
            birthDate: m.person.birthDate ?? null,
            workplace: m.person.workplace ?? null,
            village: m.person.village ?? null,
            phone: m.person.phone ?? null,
            email: m.person.email ?? null,
          },
          category: m.category,
          role: 'member' as const,
          joinedOn: input.decisionDate,
        },
      })),
      {
        type: 'term.members-added',
        idempotencyKey: `addition:${groupId}:${number}:${added.map((a) => a.membershipId).join(',')}`,
        payload: {
          groupId,
          decisionNumber: number,
          decisionDate: input.decisionDate,
          added: input.members.map((m, i) => ({
            membershipId: added[i]!.membershipId,
            fullName: added[i]!.fullName,
            category: m.category,
            source: {
              kind: m.source.kind,
              ref: m.source.ref.trim(),
              date: m.source.date,
              participants: m.source.participants ?? null,
              votesFor: m.source.votesFor ?? null,
            },
          })),
        },
      },
    ],
  });
  const next = done
    ? state
    : await requireEngine(deps).update(termWorkflowId(groupId), changeMembersUpdate, {
        members: [
          ...state.members,
          ...added
            .filter((a) => !state.members.some((m) => m.membershipId === a.membershipId))
            .map((a) => ({ membershipId: a.membershipId, fullName: a.fullName, category: a.category })),
        ],
        chairMembershipId: state.chairMembershipId,
        // 7.2.3: meetings held before the decision keep their quorum base without the members it adds.
        joinedOn: input.decisionDate,
        reason: `5.4.5: the council's decision № ${number} of ${input.decisionDate} adds members`,
        actor: input.actor,
      });
  return { state: next, composition: await compositionOn(deps.db, groupId, input.decisionDate) };
}
