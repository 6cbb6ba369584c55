// The refusals a use case makes itself, before any procedure is asked (the procedures' own are ProcedureRefusedError,
// engine.ts). The API maps them in api/engine-errors.ts (400 naming the field and the rule; 409 with the Problems),
// the CLI in cli/refusal.ts (one line, the same words).
import type { Problem } from '../domain/problem';

/** Bad input: the field and the rule it broke ('date', 'range', ...), the value when it helps. Nothing written. */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
    readonly value?: string,
  ) {
    super(message);
  }
}

/** What is recorded stands in the way (a formation already in progress, a key used for another date). Nothing written. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    readonly problems: readonly Problem[],
    /** What it is about: an id the caller can follow. */
    readonly subject: string,
  ) {
    super(problems.map((p) => `${p.field}: ${p.code}`).join('; '));
  }
}
