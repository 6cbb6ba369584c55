// 5.4.8: a member's departure and replacement over the term, and the election of a new chair (5.4.6). Each use case
// checks its input first (domain/term-membership.ts: a refusal names the field and the clause, nothing is written or
// sent), then sends an update to the group's term procedure, whose validator checks it again against its own state.
// The composition (5.2) is re-checked after each change and returned with its arithmetic (domain/composition.ts).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { streams } from '../../db/events';
import { listRosterEntries } from '../../db/members';
import { record } from '../../db/record';
import { checkComposition, type CompositionResult } from '../../domain/composition';
import type { IsoDate } from '../../domain/dates';
import { loc } from '../../domain/i18n';
import { problem, type Problem } from '../../domain/problem';
import {
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
  electChairUpdate,
  nominateReplacementUpdate,
  recordDepartureUpdate,
  termWorkflowId,
  type ElectChairInput,
  type NominateReplacementInput,
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
