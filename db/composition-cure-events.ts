// 5.4.5 with 5.4.2-5.4.4: the council's decision adding members to a group over its term, to bring a composition
// adopted short of a 5.2.3 category share within it (a replacement, 5.4.8, comes from the departed member's category
// and cannot). On the group's stream; each membership itself is a member.added fact (joined on the decision's date).
import type { IsoDate } from '../domain/dates';
import type { MemberCategory } from './events';

type Ev<T extends string, P> = { type: T; payload: P };

export type CompositionCureEvent = Ev<
  'term.members-added',
  {
    groupId: string;
    decisionNumber: string;
    decisionDate: IsoDate;
    /** Names and categories only (no personal data): the nominations as their category's route made them. */
    added: {
      membershipId: string;
      fullName: string;
      category: MemberCategory;
      source: {
        kind: 'executive-head' | 'council-chair' | 'community-gathering';
        ref: string;
        date: IsoDate;
        participants: number | null;
        votesFor: number | null;
      };
    }[];
  }
>;
