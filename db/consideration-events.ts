// The council's answer to the group's recommendations (issue 15 point 3): the session that considered an act (or a
// summary report) and the decision on each recommendation, on the act's (the report's) stream; the council's own period for considering acts, on its stream.
import type { CouncilDecision } from '../domain/council-consideration';
import type { IsoDate } from '../domain/dates';

type Ev<T extends string, P> = { type: T; payload: P };

export type ConsiderationEvent =
  | Ev<
      'act.council-considered',
      {
        considerationId: string;
        actId: string;
        groupId: string;
        sessionOn: IsoDate;
        agendaItem: string;
        decisions: { recommendation: number; decision: CouncilDecision; text: string }[];
      }
    >
  | Ev<
      'report.council-considered',
      {
        considerationId: string;
        reportId: string;
        groupId: string;
        sessionOn: IsoDate;
        agendaItem: string;
        decisions: { recommendation: number; decision: CouncilDecision; text: string }[];
      }
    >
  | Ev<'council.consideration-days-set', { councilId: string; days: number }>;
