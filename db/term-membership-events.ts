// 5.4.8: a member's departure and replacement over the term, on the group's stream (the term procedure appends them;
// member.removed, member.added and member.role-changed carry the memberships themselves).
import type { IsoDate } from '../domain/dates';
import type { MemberCategory } from './events';

type Ev<T extends string, P> = { type: T; payload: P };

export type TermMembershipEvent =
  /** 5.4.8: the council's reading: do 5.4.2/5.4.3's 15 working days apply to a replacement (default: yes)? On the council's stream. */
  | Ev<'council.replacement-periods-set', { councilId: string; apply: boolean }>
  | Ev<
      'term.vacancy-opened',
      {
        groupId: string;
        /** The departed member's membership id. */
        vacancyId: string;
        category: MemberCategory;
        openedOn: IsoDate;
        reason: string;
        chair: boolean;
        /** 5.4.2/5.4.3 for a replacement (the default reading): 15 working days; null for citizens. */
        nominateBy: IsoDate | null;
      }
    >
  | Ev<
      'term.replacement-nominated',
      {
        groupId: string;
        vacancyId: string;
        fullName: string;
        category: MemberCategory;
        source: {
          kind: 'executive-head' | 'council-chair' | 'community-gathering';
          ref: string;
          date: IsoDate;
          participants: number | null;
          votesFor: number | null;
        };
        late: boolean;
      }
    >
  | Ev<
      'term.replacement-appointed',
      {
        groupId: string;
        vacancyId: string;
        membershipId: string;
        fullName: string;
        category: MemberCategory;
        decisionNumber: string;
        decisionDate: IsoDate;
      }
    >;
