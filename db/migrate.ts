// Runs the migrations: an explicit map of modules (no directory scanning, so it works under tsx, vitest and bundlers).
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import * as initial from './migrations/20261123T1900-initial';
import * as actsTracking from './migrations/20261124T0900-acts-tracking';
import * as accounts from './migrations/20261125T1000-accounts';
import * as accountRoles from './migrations/20261126T0900-account-roles';
import * as responseFiles from './migrations/20261127T0900-response-files';
import * as personKeys from './migrations/20261128T0900-person-keys';
import * as councilRetention from './migrations/20261129T0900-council-retention';
import * as objectCalendar from './migrations/20261201T0900-object-calendar';
import * as informationRequests from './migrations/20261201T1000-information-requests';
import * as passwordLinks from './migrations/20261202T0900-password-links';
import * as objectEdits from './migrations/20261207T0903-object-edits';
import * as groupAdoptions from './migrations/20261207T0905-group-adoptions';
import * as linkRevocation from './migrations/20261207T0901-link-revocation';
import * as councilCadenceReading from './migrations/20261207T0906-council-cadence-reading';
import * as term from './migrations/20261207T0904-term';
import * as councilConsideration from './migrations/20261207T0908-council-consideration';
import * as summaryReports from './migrations/20261207T0910-summary-reports';
import * as previousGroup from './migrations/20261207T0913-previous-group';
import * as workPlan from './migrations/20261207T0909-work-plan';
import * as replacementPeriods from './migrations/20261207T0911-replacement-periods';
import * as conflictsOfInterest from './migrations/20261207T0912-conflicts-of-interest';
import * as accountMembership from './migrations/20261207T0914-account-membership';
import * as conflictPlanItem from './migrations/20261207T0915-conflict-plan-item';
import * as reportConsiderations from './migrations/20261207T0918-report-considerations';

const migrations: Record<string, Migration> = {
  '20261123T1900-initial': initial,
  '20261124T0900-acts-tracking': actsTracking,
  '20261125T1000-accounts': accounts,
  '20261126T0900-account-roles': accountRoles,
  '20261127T0900-response-files': responseFiles,
  '20261128T0900-person-keys': personKeys,
  '20261129T0900-council-retention': councilRetention,
  '20261201T0900-object-calendar': objectCalendar,
  '20261201T1000-information-requests': informationRequests,
  '20261202T0900-password-links': passwordLinks,
  '20261207T0903-object-edits': objectEdits,
  '20261207T0905-group-adoptions': groupAdoptions,
  '20261207T0901-link-revocation': linkRevocation,
  '20261207T0906-council-cadence-reading': councilCadenceReading,
  '20261207T0904-term': term,
  '20261207T0908-council-consideration': councilConsideration,
  '20261207T0910-summary-reports': summaryReports,
  '20261207T0913-previous-group': previousGroup,
  '20261207T0909-work-plan': workPlan,
  '20261207T0911-replacement-periods': replacementPeriods,
  '20261207T0912-conflicts-of-interest': conflictsOfInterest,
  '20261207T0914-account-membership': accountMembership,
  '20261207T0915-conflict-plan-item': conflictPlanItem,
  '20261207T0918-report-considerations': reportConsiderations,
};

/** The migration names in the order they apply. */
export const migrationNames: readonly string[] = Object.keys(migrations).sort();

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export function migrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider });
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | null,
    override readonly cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(migrationName ? `migration ${migrationName} failed: ${why}` : `migrations failed: ${why}`);
    this.name = 'MigrationError';
  }
}

/** Brings the schema to the latest migration; returns the names applied now (empty when already current). */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName ?? null, result.error);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
