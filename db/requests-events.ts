// The information request's facts (7.3.2(1), Law No. 217), one stream per request: written and sent, received,
// extended once, answered or refused, escalated.
import type { RefusalGround } from '../domain/request';
import type { CalendarKind } from '../domain/object-calendar';
import type { IsoDate } from '../domain/dates';

type Ev<T extends string, P> = { type: T; payload: P };

export const requestStream = (requestId: string): string => `request-${requestId}`;

export type RequestEvent =
  | Ev<
      'request.written',
      {
        requestId: string;
        groupId: string;
        councilId: string;
        objectId: string;
        subject: string;
        purpose: string;
        reference: string | null;
        actId: string | null;
        calendarKind: CalendarKind;
        sentOn: IsoDate;
      }
    >
  | Ev<'request.received', { requestId: string; receivedOn: IsoDate; via: 'link' | 'staff'; dueDate: IsoDate }>
  /** The working-day calendar changed: the first period's due date moved (before any extension). */
  | Ev<'request.due-changed', { requestId: string; dueDate: IsoDate; reason: string }>
  | Ev<'request.extended', { requestId: string; on: IsoDate; dueDate: IsoDate; reason: string }>
  | Ev<'request.answered', { requestId: string; on: IsoDate; text: string; late: boolean }>
  | Ev<'request.refused', { requestId: string; on: IsoDate; ground: RefusalGround; text: string }>
  | Ev<'request.escalated', { requestId: string; dueDate: IsoDate }>;
