// The engine's and the use cases' errors as the API's: no server 503, no procedure 404, a refusal 409 when it is about
// the order of the steps (already done, an earlier step missing, closed) and 400 when it is about the input, with the
// problems; a use case's own bad input 400 naming the field and the rule, its conflicts 409 with the problems.
import { AppError } from './app-error';
import { EngineUnavailableError, ProcedureNotFoundError, ProcedureRefusedError } from '../procedures/engine';
import { ConflictError, InvalidInputError } from '../procedures/refusals';

/** Refusal codes (domain/formation-checks.ts, domain/act-checks.ts) that mean "not now" rather than "not this input". */
export const CONFLICT_CODES: ReadonlySet<string> = new Set([
  'act-closed',
  // procedures/acts/issue-act.ts: an act whose procedure ran is not issued again (4.3).
  'act-received',
  'already-published',
  'already-recorded',
  'already-scheduled',
  'decision-recorded',
  'not-loaded',
  'not-received',
  'formation-notice-missing',
  'decision-missing',
  'meeting-not-scheduled',
  'creation-notice-missing',
  // The chair may close an act only after an escalation: a matter of when.
  'not-escalated',
  // procedures/recommendations: the council considers issued acts only.
  'act-not-issued',
]);

/** The AppError for an engine error or a use case's refusal, or null when `error` is neither. */
export function engineAppError(error: unknown): AppError | null {
  if (error instanceof EngineUnavailableError) return new AppError('engine-unavailable', error.message);
  if (error instanceof ProcedureNotFoundError)
    return new AppError('procedure-not-found', error.message, { subject: error.workflowId });
  if (error instanceof ProcedureRefusedError) {
    const problems = error.problems;
    const conflict = problems.length > 0 && problems.every((p) => CONFLICT_CODES.has(p.code));
    const first = problems[0];
    return new AppError(conflict ? 'step-conflict' : 'step-refused', error.message, {
      problems,
      ...(first ? { field: first.field, rule: first.code } : {}),
    });
  }
  if (error instanceof InvalidInputError)
    return new AppError('invalid-input', error.message, {
      field: error.field,
      rule: error.rule,
      ...(error.value !== undefined ? { value: error.value } : {}),
    });
  if (error instanceof ConflictError)
    return new AppError('conflict', error.message, { subject: error.subject, problems: error.problems });
  return null;
}
