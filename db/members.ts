// Reading a group's members. Public reads go through listPublicMembers only: it selects no personal data.
import type { Kysely } from 'kysely';
import type { CheckedMember } from '../domain/composition';
import type { BirthDate } from '../domain/roster';
import type { Database } from './database';
import type { MemberCategory, MemberRole } from './events';

/** What may be published about a member (Law 58: names with role and category; never phone, e-mail or birth date). */
export interface PublicMember {
  membershipId: string;
  fullName: string;
  category: MemberCategory;
  role: MemberRole;
  village: string | null;
}

/** THE way to read member data for pages, feeds and the API: current members, chair first, then by name. */
export async function listPublicMembers(db: Kysely<Database>, groupId: string): Promise<PublicMember[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.id as membershipId', 'p.full_name as fullName', 'm.category', 'm.role', 'p.village'])
    .where('m.group_id', '=', groupId)
    .where('m.left_on', 'is', null)
    .orderBy((eb) => eb.case().when('m.role', '=', 'chair').then(0).else(1).end())
    .orderBy('p.full_name')
    .orderBy('m.id')
    .execute();
  return rows;
}

export interface RosterEntry {
  membershipId: string;
  personId: string;
  role: MemberRole;
  /** Birth date, phone and e-mail are null once the person's data is erased (dataErased). */
  member: CheckedMember;
  dataErased: boolean;
}

/** Current members with their personal data, for the composition check (5.2) and staff pages only. */
export async function listRosterEntries(db: Kysely<Database>, groupId: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select([
      'm.id as membershipId',
      'p.id as personId',
      'm.role',
      'm.category',
      'p.full_name',
      'p.sex',
      'p.birth_date',
      'p.workplace',
      'p.village',
      'p.phone',
      'p.email',
      'p.data_erased_at',
    ])
    .where('m.group_id', '=', groupId)
    .where('m.left_on', 'is', null)
    .orderBy('p.full_name')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    membershipId: r.membershipId,
    personId: r.personId,
    role: r.role,
    member: {
      fullName: r.full_name,
      sex: r.sex,
      birthDate: r.birth_date === null ? null : parseStoredBirthDate(r.birth_date),
      category: r.category,
      workplace: r.workplace,
      village: r.village,
      phone: r.phone,
      email: r.email,
    },
    dataErased: r.data_erased_at !== null,
  }));
}

/** Birth dates are stored as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (a roster may give only the year). */
export function storedBirthDate(b: BirthDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (b.month === undefined) return String(b.year).padStart(4, '0');
  if (b.day === undefined) return `${String(b.year).padStart(4, '0')}-${pad(b.month)}`;
  return `${String(b.year).padStart(4, '0')}-${pad(b.month)}-${pad(b.day)}`;
}

export function parseStoredBirthDate(text: string): BirthDate {
  const [year, month, day] = text.split('-').map(Number);
  const b: BirthDate = { year: year! };
  if (month !== undefined) b.month = month;
  if (day !== undefined) b.day = day;
  return b;
}
