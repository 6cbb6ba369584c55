// The events of conflicts of interest (6.3-6.4), on the group's stream (group-<id>): a member's written declaration
// (6.3) and the council chair's temporary removal of the member from that object or matter (6.4). The declaration's
// text and file stay on the group's record; the public sees only that the member stood aside (api/conflicts/public.ts).
import type { AnnexData } from './events';
import type { IsoDate } from '../domain/dates';

type Ev<T extends string, P> = { type: T; payload: P };

export type ConflictEvent =
  | Ev<
      'conflict.declared',
      {
        groupId: string;
        declarationId: string;
        membershipId: string;
        personId: string;
        /** The member's or chair's account that declared, or null when staff recorded a paper declaration. */
        accountId: string | null;
        objectId: string | null;
        /** An item of the group's work plan (7.3.1); absent in events recorded before it existed. */
        planItemId?: string | null;
        matter: string | null;
        text: string | null;
        /** A scan, stored as act annexes are (<dataDir>/annexes/<sha256>). */
        file: AnnexData | null;
        declaredOn: IsoDate;
      }
    >
  | Ev<
      'conflict.removal-recorded',
      {
        groupId: string;
        removalId: string;
        declarationId: string;
        from: IsoDate;
        to: IsoDate;
        reason: string;
        recordedOn: IsoDate;
      }
    >;
