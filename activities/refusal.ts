// Business refusals end an activity for good (no retry helps); anything else is left to Temporal's retries.
import { ApplicationFailure } from '@temporalio/common';
import { ProjectionError } from '../db/projections/expect-one';

/** A non-retryable failure: `type` is what workflows and callers match on, the message names the field and the rule. */
export function refusal(type: string, message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: details === undefined ? undefined : [details],
  });
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';
const NOT_NULL_VIOLATION = '23502';

/**
 * Events the database refuses on their content (a projection row that must exist is missing, a duplicate or
 * dangling reference, a value outside a check) would be refused on every retry: turn them into refusals.
 * Connection losses and timeouts pass through unchanged (retryable).
 */
export function asRefusal(error: unknown, what: string): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof ProjectionError) return refusal('EventRefused', `${what}: ${error.message}`);
  if (error instanceof Error && error.message.startsWith('no projection for event type'))
    return refusal('InvalidInput', `${what}: unknown event type (${error.message})`);
  const code = (error as { code?: unknown } | null)?.code;
  if (
    code === UNIQUE_VIOLATION ||
    code === FOREIGN_KEY_VIOLATION ||
    code === CHECK_VIOLATION ||
    code === NOT_NULL_VIOLATION
  ) {
    const detail = (error as { detail?: string }).detail ?? (error as Error).message;
    return refusal('EventRefused', `${what}: the database refuses it (${detail})`);
  }
  return error;
}
