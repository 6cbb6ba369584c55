// What the council considers (issue 15 point 3): an act (3.1) or a summary report (8.1). The two keep their own tables
// and events; the code that records and reads a session's decisions is the same, told apart by these names.
import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { CouncilDecision } from '../domain/council-consideration';
import type { Database, IsoDateColumn, Timestamp } from './database';
import { streams } from './events';
import { reportStream } from './report-events';

export type ConsiderationSubject = 'act' | 'report';

export const CONSIDERATION_SUBJECTS = {
  act: {
    sessions: 'act_considerations',
    decisions: 'recommendation_decisions',
    key: 'act_id',
    event: 'act.council-considered',
    idempotencyPrefix: 'consideration',
    stream: streams.act,
  },
  report: {
    sessions: 'report_considerations',
    decisions: 'report_recommendation_decisions',
    key: 'report_id',
    event: 'report.council-considered',
    idempotencyPrefix: 'report-consideration',
    stream: reportStream,
  },
} as const;

type SubjectKey = (typeof CONSIDERATION_SUBJECTS)[ConsiderationSubject]['key'];
type SubjectKeyColumn = ColumnType<string, string | undefined, string>;
type SessionTable = (typeof CONSIDERATION_SUBJECTS)[ConsiderationSubject]['sessions'];
type DecisionTable = (typeof CONSIDERATION_SUBJECTS)[ConsiderationSubject]['decisions'];

/**
 * The two pairs of tables seen alike: the same columns but for the subject's own key (act_id, report_id), which a
 * query names through CONSIDERATION_SUBJECTS[subject].key (optional on insert: a row has only its own).
 */
export type ConsiderationTables = Record<
  SessionTable,
  { id: string; session_on: IsoDateColumn; agenda_item: string; recorded_at: Timestamp } & Record<
    SubjectKey,
    SubjectKeyColumn
  >
> &
  Record<
    DecisionTable,
    { consideration_id: string; recommendation: number; decision: CouncilDecision; text: string } & Record<
      SubjectKey,
      SubjectKeyColumn
    >
  >;

/** The database as the consideration tables of either subject (the same query serves both). */
export const considerationTables = (db: Kysely<Database>) => db as unknown as Kysely<ConsiderationTables>;
export const considerationTablesIn = (trx: Transaction<Database>) => trx as unknown as Transaction<ConsiderationTables>;
