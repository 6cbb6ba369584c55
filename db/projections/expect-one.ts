import type { UpdateResult } from 'kysely';

/** An event refers to a row its projection does not have: the append is refused with the event. */
export class ProjectionError extends Error {
  readonly code = 'projection-target-missing';
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionError';
  }
}

/** The update of a projection row that must exist changed exactly one row. */
export function expectOne(result: UpdateResult, table: string, id: string): void {
  if (result.numUpdatedRows !== 1n) throw new ProjectionError(`${table}: no row with id ${id}`);
}
