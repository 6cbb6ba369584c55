// The projection tables of conflicts of interest (6.3-6.4): db/projections/conflicts.ts writes them, db/conflicts.ts reads them.
import type { AnnexData } from './events';
import type { IsoDateColumn } from './database';
import type { ColumnType } from 'kysely';

export interface ConflictDeclarationsTable {
  id: string;
  group_id: string;
  membership_id: string;
  person_id: string;
  account_id: string | null;
  object_id: string | null;
  plan_item_id: string | null;
  matter: string | null;
  text: string | null;
  file: ColumnType<AnnexData | null, string | null, string | null>;
  declared_on: IsoDateColumn;
}

export interface ConflictRemovalsTable {
  id: string;
  declaration_id: string;
  group_id: string;
  from_date: IsoDateColumn;
  to_date: IsoDateColumn;
  reason: string;
  recorded_on: IsoDateColumn;
}
