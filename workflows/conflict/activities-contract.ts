// The activities a conflict of interest's procedure calls besides the obligation activities (types only; the real
// ones are built in activities/conflicts/).

export interface ConflictActivities {
  /**
   * Mails the group's chair and the council (Kyrgyz and Russian) that a member declared a conflict of interest about
   * an object, a plan item or a matter, with the written reasons, and that the council chair removes the member
   * temporarily (6.4). Reads everything from the database by id; once per declaration (outbox key).
   */
  tellOfConflictDeclared(input: { declarationId: string }): Promise<{ told: number }>;
}
