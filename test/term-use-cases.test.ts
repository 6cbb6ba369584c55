// The term's use cases check their input before anything is sent: a refusal names the field and the clause, and
// the engine is never asked (here an engine that records every call).
import { describe, expect, it } from 'vitest';
import { EngineUnavailableError, ProcedureRefusedError, type ProcedureEngine } from '../procedures/engine';
import { recordAttendance, recordMinutes, scheduleMeeting } from '../procedures/term/meetings';
import { startTerm } from '../procedures/term/start-term';

function recordingEngine(): { engine: ProcedureEngine; calls: string[] } {
  const calls: string[] = [];
  const away = (what: string) => () => {
    calls.push(what);
    return Promise.reject(new EngineUnavailableError('no Temporal server'));
  };
  return {
    calls,
    engine: {
      available: () => true,
      start: away('start'),
      update: away('update'),
      query: away('query'),
      signal: away('signal'),
    },
  };
}

async function problems(promise: Promise<unknown>): Promise<[string, string, string | null][]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProcedureRefusedError);
  return (error as ProcedureRefusedError).problems.map((p) => [p.code, p.field, p.clause]);
}

const members = [
  { membershipId: 'a', fullName: 'Асанова Айгүл', category: 'citizen' as const },
  { membershipId: 'b', fullName: 'Осмонов Бакыт', category: 'deputy' as const },
];
// Monday 7 December 2026, 10:00 in Bishkek.
const now = () => Date.parse('2026-12-07T04:00:00Z');

describe('the term use cases refuse bad input before sending anything', () => {
  it('startTerm: an end before the start, a chair who is not a citizen member (5.4.6)', async () => {
    const { engine, calls } = recordingEngine();
    const input = { groupId: 'g', councilId: 'c', termStart: '2025-11-20', members, chairMembershipId: 'a' };
    expect(await problems(startTerm({ engine }, { ...input, termEnd: '2025-11-01' }))).toEqual([
      ['term-end-not-after-start', 'termEnd', '5.3.1'],
    ]);
    expect(await problems(startTerm({ engine }, { ...input, chairMembershipId: 'b' }))).toEqual([
      ['chair-not-citizen', 'chairMembershipId', '5.4.6'],
    ]);
    expect(calls).toEqual([]);
    // Good input goes to the engine, with the term's end counted (5.3.1).
    await expect(startTerm({ engine }, input)).rejects.toBeInstanceOf(EngineUnavailableError);
    expect(calls).toEqual(['start']);
  });

  it('a meeting in the past, attendance after today, minutes without a date', async () => {
    const { engine, calls } = recordingEngine();
    const deps = { engine, now };
    const meeting = { groupId: 'g', meetingId: 'm', time: '10:00', place: 'Зал', agenda: 'План', actor: 'x' };
    expect(await problems(scheduleMeeting(deps, { ...meeting, date: '2026-12-06' }))).toEqual([
      ['meeting-in-past', 'date', '7.2.1'],
    ]);
    expect(
      await problems(
        recordAttendance(deps, {
          groupId: 'g',
          meetingId: 'm',
          heldOn: '2026-12-08',
          presentMembershipIds: ['a'],
          actor: 'x',
        }),
      ),
    ).toEqual([['attendance-before-meeting', 'heldOn', '7.2.3']]);
    expect(
      await problems(recordMinutes(deps, { groupId: 'g', meetingId: 'm', date: '', text: 'x', actor: 'x' })),
    ).toEqual([['invalid-date', 'date', '7.2.5']]);
    expect(calls).toEqual([]);
  });
});
