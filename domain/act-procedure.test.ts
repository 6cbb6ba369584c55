// 4.3: which obligations an act opens on its receipt, and who owes each.
import { describe, expect, it } from 'vitest';
import { actObligations } from './act-procedure';

describe('4.3: the obligations an act opens', () => {
  it('an object answers within 4.3(3), and the executive body reports to the council under 4.3(4)', () => {
    expect(actObligations({ id: 'o-1', isExecutiveBody: false })).toEqual([
      { key: 'object-response', party: 'object:o-1' },
      { key: 'executive-report', party: 'executive-body' },
    ]);
  });
  it('4.3(3) does not apply to the executive body itself: only its report to the council', () => {
    expect(actObligations({ id: 'o-2', isExecutiveBody: true })).toEqual([
      { key: 'executive-report', party: 'executive-body' },
    ]);
  });
});
