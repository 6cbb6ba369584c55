// 6.3: a member declares their own conflict of interest (pure).
import { describe, expect, it } from 'vitest';
import { checkOwnDeclaration } from './conflict-of-interest';

describe('checkOwnDeclaration (6.3)', () => {
  it.each([
    ['m1', 'm1', []],
    ['m1', 'm2', [['membershipId', 'own-declaration-only', '6.3']]],
    [null, 'm2', [['membershipId', 'account-not-linked', '6.3']]],
  ] as const)('an account linked to %s declaring for %s', (linked, declared, expected) => {
    expect(checkOwnDeclaration(linked, declared).map((p) => [p.field, p.code, p.clause])).toEqual(expected);
  });
});
