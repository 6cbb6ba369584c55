import { describe, expect, it } from 'vitest';
import { retainedUntil, retentionExpired } from './retention';

describe('retainedUntil: the term end plus whole months, clamped at month ends', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-31', 12, '2027-12-31'],
    ['2030-02-28', 24, '2032-02-28'],
  ])('%s + %i months = %s', (termEnd, months, expected) => {
    expect(retainedUntil(termEnd, months)).toBe(expected);
  });
});

describe('retentionExpired: more than N months after the term ended', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28', false],
    ['2026-01-31', 1, '2026-03-01', true],
    ['2026-06-30', 6, '2026-12-30', false],
    ['2026-06-30', 6, '2026-12-31', true],
    ['2026-06-30', 0, '2099-01-01', false],
    [null, 6, '2099-01-01', false],
  ] as const)('term ended %s, %i months, on %s: %s', (termEnd, months, on, expected) => {
    expect(retentionExpired(termEnd, months, on)).toBe(expected);
  });
});
