// 6.4 at the group's meetings (issue 14 point 2): a meeting decision may name what it is about (a monitored object, an
// item of the work plan, or a matter); members present who are under a removal in force on the meeting's day for that
// subject stand aside: they are not recorded as taking part, and listing one of them among those who voted is
// refused naming 6.4. Pure: the removals, the attendance and the day are parameters.
import type { Removal } from './conflict-of-interest';
import { removalInForce } from './conflict-of-interest';
import type { IsoDate } from './dates';
import { loc } from './i18n';
import { problem, type Problem } from './problem';

/** What a decision is about, as the term procedure keeps it (the label is the object's or item's name, or the matter). */
export interface DecisionSubject {
  kind: 'object' | 'plan-item' | 'matter';
  /** The monitored object: the object itself, or the plan item's object; null for a matter. */
  objectId: string | null;
  planItemId: string | null;
  /** A matter's words (as in a declaration), or null. */
  matter: string | null;
  /** How pages show it: the object's name, the plan item's subject, the matter. */
  label: string;
}

/** What a request names: at most one of the three (none: the decision is about neither). */
export interface DecisionAbout {
  objectId?: string | null | undefined;
  planItemId?: string | null | undefined;
  matter?: string | null | undefined;
}

export const MATTER_MAX = 300;

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** Whether the matter of a removal and a decision's matter are the same words (case and spacing aside). */
export const sameMatter = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && norm(a) !== '' && norm(a) === norm(b);

/**
 * 6.4: the removal is "from the monitoring of that subject". A removal from an object covers a decision about the
 * object and about any plan item of that object; a removal from a plan item covers a decision about that item; a
 * removal from a matter covers a decision about the same matter.
 */
export function removalCovers(
  removal: Pick<Removal, 'objectId' | 'planItemId' | 'matter'>,
  subject: DecisionSubject,
): boolean {
  if (removal.planItemId) return subject.planItemId === removal.planItemId;
  if (removal.objectId) return subject.objectId === removal.objectId;
  return sameMatter(removal.matter, subject.matter);
}

export interface PresentMember {
  membershipId: string;
  /** The person behind the membership (memberships.person_id): a removal names the person. */
  personId: string;
}

/** 6.4: the members present who stand aside from a decision about `subject` at a meeting held on `on`. */
export function standingAside(
  present: readonly PresentMember[],
  removals: readonly Pick<Removal, 'personId' | 'objectId' | 'planItemId' | 'matter' | 'from' | 'to'>[],
  subject: DecisionSubject | null,
  on: IsoDate,
): string[] {
  if (!subject) return [];
  return present
    .filter((m) =>
      removals.some(
        (r) => r.personId !== null && r.personId === m.personId && removalInForce(r, on) && removalCovers(r, subject),
      ),
    )
    .map((m) => m.membershipId);
}

/**
 * 7.2.3 with 6.4: the quorum is the meeting's (more than half of all members present; a member who stands aside is
 * present and counts for it). The decision needs more than half of those present who may take part: the present
 * minus those standing aside. Counting the removed members in the base would make their silence weigh as a vote
 * against, an influence on the decision that 6.4 takes away from them.
 */
export const decisionBase = (present: number, stoodAside: number): number => Math.max(0, present - stoodAside);

/** A request names at most one subject; a matter has words and at most MATTER_MAX characters. */
export function checkDecisionAbout(about: DecisionAbout | null | undefined): Problem[] {
  if (!about) return [];
  const given = (['objectId', 'planItemId', 'matter'] as const).filter(
    (k) => typeof about[k] === 'string' && about[k].trim() !== '',
  );
  if (given.length > 1)
    return [
      problem(
        'one-subject',
        given[1]!,
        '6.4',
        loc(
          'Чечим бир гана нерсе жөнүндө болот: объект, иш планынын пункту же маселе.',
          'Решение касается чего-то одного: объекта, пункта плана работы или вопроса.',
          'A decision is about one thing: an object, a work-plan item or a matter.',
        ),
      ),
    ];
  if (typeof about.matter === 'string' && about.matter.trim().length > MATTER_MAX)
    return [
      problem(
        'too-long',
        'matter',
        null,
        loc(
          `Маселе ${MATTER_MAX} белгиден ашпасын.`,
          `Вопрос — не более ${MATTER_MAX} знаков.`,
          `The matter: at most ${MATTER_MAX} characters.`,
        ),
      ),
    ];
  return [];
}

/**
 * Who took part in a decision: by default the members present minus those standing aside (6.4); when the chair lists
 * them, each must be present (7.2.3) and none may be standing aside (6.4, a conflict: 409). Votes (for, against,
 * abstained together) cannot be more than those taking part.
 */
export function checkParticipants(input: {
  presentMembershipIds: readonly string[];
  stoodAside: readonly string[];
  participants: readonly string[] | null | undefined;
  votes: { for: number; against: number; abstained: number };
  names?: ReadonlyMap<string, string>;
}): { participants: string[]; input: Problem[]; conflicts: Problem[] } {
  const aside = new Set(input.stoodAside);
  const listed = input.participants ? [...new Set(input.participants)] : null;
  const participants = listed ?? input.presentMembershipIds.filter((id) => !aside.has(id));
  const problems: Problem[] = [];
  const conflicts: Problem[] = [];
  const name = (id: string) => input.names?.get(id) ?? id;
  if (listed) {
    const absent = listed.filter((id) => !input.presentMembershipIds.includes(id));
    if (absent.length > 0)
      problems.push(
        problem(
          'participant-not-present',
          'participantMembershipIds',
          '7.2.3',
          loc(
            `Жыйналышка катышпаган мүчө добуш бере албайт: ${absent.map(name).join(', ')}.`,
            `Голосовать может только присутствовавший член группы: ${absent.map(name).join(', ')} не присутствовал(и).`,
            `Only members present can vote: ${absent.map(name).join(', ')} were not present.`,
          ),
        ),
      );
    const removed = listed.filter((id) => aside.has(id));
    if (removed.length > 0)
      conflicts.push(
        problem(
          'removed-for-conflict-of-interest',
          'participantMembershipIds',
          '6.4',
          loc(
            `${removed.map(name).join(', ')} кызыкчылыктардын кагылышуусу боюнча бул маселеден убактылуу четтетилген (6.4-пункт): чечимге катышкандардын катарына жазылбайт.`,
            `${removed.map(name).join(', ')} временно отстранен(ы) от этого вопроса из-за конфликта интересов (п. 6.4): в числе принимавших решение не записывается.`,
            `${removed.map(name).join(', ')} ${removed.length === 1 ? 'is' : 'are'} temporarily removed from this subject for a conflict of interest (clause 6.4) and cannot be recorded as taking part in the decision.`,
          ),
        ),
      );
  }
  const cast = input.votes.for + input.votes.against + input.votes.abstained;
  if (Number.isInteger(cast) && cast > participants.length)
    problems.push(
      problem(
        'votes-exceed-participants',
        'votes',
        '7.2.3',
        loc(
          `Добуштар (${cast}) чечимге катышкандардан (${participants.length}) көп.`,
          `Голосов (${cast}) больше, чем участвовавших в решении (${participants.length}).`,
          `The votes (${cast}) are more than those taking part in the decision (${participants.length}).`,
        ),
      ),
    );
  return { participants, input: problems, conflicts };
}
