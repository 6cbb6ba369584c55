// A five-member roster with made-up people, for tests that need members with personal data to keep private.
import type { RosterMember } from '../../domain/roster';

/** A member whose phone, e-mail and birth date are derived from the birth year (so each is unique and findable). */
export const sampleMember = (
  fullName: string,
  sex: 'M' | 'F',
  category: RosterMember['category'],
  year: number,
): RosterMember => ({
  fullName,
  sex,
  birthDate: { year, month: 5, day: 17 },
  category,
  workplace: null,
  village: 'Терек-Суу',
  phone: `+99670055${String(year)}`,
  email: `member${year}@example.kg`,
});

export const SAMPLE_ROSTER: readonly RosterMember[] = [
  sampleMember('Асанова Айгүл', 'F', 'citizen', 1985),
  sampleMember('Бакиров Эмил', 'M', 'citizen', 1986),
  sampleMember('Султанова Жылдыз', 'F', 'citizen', 1987),
  sampleMember('Токтогулов Бакыт', 'M', 'municipal_employee', 1979),
  sampleMember('Жумабаев Нурлан', 'M', 'deputy', 1990),
];
