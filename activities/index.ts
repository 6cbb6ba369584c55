// All activities, built from their dependencies: the worker injects the database, the mail transport and the clock.
// Each family lives in its own folder and contributes a create<Family>Activities(deps); add new families here.
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config/config';
import { createActActivities, type ActConfig } from './acts/act-activities';
import type { Database } from '../db/database';
import { createCalendarActivities } from './calendar/load-calendar';
import { createEventActivities } from './events/append-domain-events';
import type { ActActivities } from '../workflows/act/activities-contract';
import type { FormationActivities } from '../workflows/formation/activities-contract';
import type { ObligationActivities } from '../workflows/obligation/activities-contract';
import type { MailTransport } from './mail/build-transport';
import { createObligationMailActivities } from './mail/obligation-mail-activities';
import { createNoticeActivities } from './notices/publish-notice';
import { createObligationEventActivities } from './obligations/record-obligation-event';
import { createRequestActivities } from './requests/request-activities';
import type { RequestActivities } from '../workflows/request/activities-contract';
import { createTermActivities } from './term/term-activities';
import type { TermActivities } from '../workflows/term/activities-contract';
import { createReportActivities } from './reports/report-activities';
import type { ReportActivities } from '../workflows/report/activities-contract';
import { createConflictActivities } from './conflicts/conflict-activities';
import type { ConflictActivities } from '../workflows/conflict/activities-contract';

export interface ActivityDeps {
  db: Kysely<Database>;
  transport: MailTransport;
  /** The act activities also read the response link settings (the secret, or the data directory that keeps one). */
  config: Pick<AppConfig, 'mailFrom'> & ActConfig;
  /** The activities' clock, for "now" in records and mails (the tests pass the test server's clock). */
  clock?: () => Date;
}

export function createActivities(deps: ActivityDeps) {
  const clock = deps.clock ?? (() => new Date());
  return {
    ...createObligationMailActivities({ ...deps, clock }),
    ...createCalendarActivities(deps),
    ...createObligationEventActivities(deps),
    ...createNoticeActivities({ ...deps, clock }),
    ...createEventActivities(deps),
    ...createActActivities({ ...deps, clock }),
    ...createRequestActivities({ ...deps, clock }),
    ...createTermActivities({ ...deps, clock }),
    ...createReportActivities({ ...deps, clock }),
    ...createConflictActivities({ ...deps, clock }),
  };
}

export type Activities = ReturnType<typeof createActivities>;

// The workflows' activity contracts are met by the real activities: `tsc` fails here if one drifts.
export type ActContractMet = Activities extends ActActivities ? true : never;
export type ObligationContractMet = Activities extends ObligationActivities ? true : never;
export type FormationContractMet = Activities extends FormationActivities ? true : never;
export type RequestContractMet = Activities extends RequestActivities ? true : never;
export const REQUEST_CONTRACT_MET: RequestContractMet = true;
export type TermContractMet = Activities extends TermActivities ? true : never;
export const TERM_CONTRACT_MET: TermContractMet = true;
export const ACTIVITY_CONTRACTS_MET: [ActContractMet, ObligationContractMet, FormationContractMet] = [true, true, true];
export type ReportContractMet = Activities extends ReportActivities ? true : never;
export const REPORT_CONTRACT_MET: ReportContractMet = true;
export type ConflictContractMet = Activities extends ConflictActivities ? true : never;
export const CONFLICT_CONTRACT_MET: ConflictContractMet = true;
