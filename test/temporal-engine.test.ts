// The engine on a real server without one here: its answers when no client is set, and how Temporal's errors become
// the engine's (a validator's refusal keeps the workflow's problems; a server gone is "unavailable").
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { EngineUnavailableError, ProcedureNotFoundError, ProcedureRefusedError } from '../procedures/engine';
import { engineAppError } from '../api/engine-errors';
import { TemporalEngine, translate } from '../procedures/temporal-engine';
import { publishFormationNoticeUpdate } from '../workflows/formation/contract';

const problem = (code: string, field: string) => ({
  code,
  field,
  clause: '5.4.1',
  message: { ky: `${field} ky`, ru: `${field} ru`, en: `${field} en` },
});

describe('TemporalEngine without a server', () => {
  it('is unavailable and refuses every action before any network call', async () => {
    const engine = new TemporalEngine('jmeg');
    expect(engine.available()).toBe(false);
    await expect(
      engine.update('formation-g1', publishFormationNoticeUpdate, { publishedOn: '2026-02-02', channels: ['website'] }),
    ).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(engine.start('formationWorkflow', 'formation-g1', [])).rejects.toBeInstanceOf(EngineUnavailableError);
  });
});

describe('translate', () => {
  it('turns a refused update into the workflow problems', () => {
    const failure = ApplicationFailure.create({
      type: 'FormationRefused',
      message: 'publishedOn: already',
      details: [[problem('already-published', 'publishedOn')]],
      nonRetryable: true,
    });
    const error = translate(new WorkflowUpdateFailedError('update failed', failure), 'formation-g1');
    expect(error).toBeInstanceOf(ProcedureRefusedError);
    expect((error as ProcedureRefusedError).problems).toEqual([problem('already-published', 'publishedOn')]);
  });

  it('keeps a workflow that is not running apart from a server that is not there', () => {
    expect(translate(new WorkflowNotFoundError('gone', 'act-a1', undefined), 'act-a1')).toBeInstanceOf(
      ProcedureNotFoundError,
    );
    const unavailable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: {},
    });
    expect(translate(unavailable, 'act-a1')).toBeInstanceOf(EngineUnavailableError);
    const other = new Error('something else');
    expect(translate(other, 'act-a1')).toBe(other);
  });
});

describe('engineAppError', () => {
  it('says 409 when every problem is about the order of steps, 400 when one is about the input', () => {
    const conflict = engineAppError(new ProcedureRefusedError('x', [problem('already-published', 'publishedOn')]));
    expect(conflict?.code).toBe('step-conflict');
    const mixed = engineAppError(
      new ProcedureRefusedError('x', [
        problem('already-published', 'publishedOn'),
        problem('invalid-date', 'publishedOn'),
      ]),
    );
    expect(mixed?.code).toBe('step-refused');
    expect(mixed?.details).toMatchObject({ field: 'publishedOn', rule: 'already-published' });
    expect(engineAppError(new EngineUnavailableError('down'))?.code).toBe('engine-unavailable');
    expect(engineAppError(new Error('other'))).toBeNull();
  });
});
