// The events of a monitored object's edits (issue 12, point 7), on the object's stream (object-<id>). Each keeps the
// values it replaced, so the record shows the old names and addresses; the projection keeps only the new ones
// (db/projections/object-edits.ts), and mails resolve their recipients from it when they are sent.

type Ev<T extends string, P> = { type: T; payload: P };

/** The fields staff may change: names (`name` the Kyrgyz one), the e-mail addresses, the postal address. */
export interface ObjectFields {
  name?: string;
  nameRu?: string;
  contacts?: string[];
  postalAddress?: string | null;
}

export type ObjectEditEvent =
  /** Only the changed fields, with `previous` holding what each replaced. */
  | Ev<'object.edited', { objectId: string; changes: ObjectFields; previous: ObjectFields }>
  /** No new acts or information requests to it (4.2: it is no longer monitored, e.g. closed or merged). */
  | Ev<'object.deactivated', { objectId: string; reason: string | null }>
  | Ev<'object.reactivated', { objectId: string }>;
