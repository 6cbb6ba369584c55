// Acts and the chair's tracking: object names in Russian, the kinds of 4.2 as the domain names them,
// one executive body per council, unique act numbers per group, and the indexes the pending list reads.
// Frozen: never import application code here. One statement per execute (PGlite runs no multi-statement strings).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are typed against Kysely<any>: frozen, independent of the app's Database type */
import { sql, type Kysely } from 'kysely';

const up_statements = [
  `alter table monitored_objects add column name_ru text`,
  `alter table monitored_objects drop constraint monitored_objects_kind_check`,
  `alter table monitored_objects add constraint monitored_objects_kind_check check (kind in ('executive_body', 'municipal_enterprise',
    'municipal_institution', 'procurement_supplier', 'procurement_consultant', 'public_organisation'))`,
  // 4.3: "the executive body" is one body per council.
  `create unique index monitored_objects_one_executive_body on monitored_objects (council_id) where is_executive_body`,
  `create unique index acts_group_number on acts (group_id, number) where number is not null`,
  `create index acts_object_idx on acts (object_id)`,
  `create index responses_obligation_idx on responses (obligation_id)`,
  `create index responses_act_idx on responses (act_id)`,
  // The pending list: open obligations come from obligations_group_status_idx, recently closed ones from this one.
  `create index obligations_group_changed_idx on obligations (group_id, status_changed_at)`,
  `create index obligations_party_idx on obligations (party)`,
];

const down_statements = [
  'drop index obligations_party_idx',
  'drop index obligations_group_changed_idx',
  'drop index responses_act_idx',
  'drop index responses_obligation_idx',
  'drop index acts_object_idx',
  'drop index acts_group_number',
  'drop index monitored_objects_one_executive_body',
  `alter table monitored_objects drop constraint monitored_objects_kind_check`,
  `alter table monitored_objects add constraint monitored_objects_kind_check check (kind in ('executive_body', 'municipal_enterprise',
    'municipal_institution', 'procurement_supplier', 'procurement_consultant', 'public_association'))`,
  'alter table monitored_objects drop column name_ru',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db);
}
