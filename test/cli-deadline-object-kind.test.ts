// `jmeg deadline --object-kind KIND`: the count on the calendar of the object's kind (4.2), naming the calendar.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function jmeg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('jmeg deadline --object-kind', () => {
  it.each([
    ['municipal_institution', [], '2026-05-15', 'with-transfers'],
    ['procurement_supplier', [], '2026-05-18', 'labour-code'],
    ['procurement_supplier', ['--follows-transfers'], '2026-05-15', 'with-transfers'],
    [undefined, [], '2026-05-15', 'with-transfers'],
  ] as const)(
    'object-response --from 2026-04-24 for %s %j: due %s on the %s calendar',
    async (kind, extra, due, cal) => {
      const args = ['deadline', 'object-response', '--from', '2026-04-24', '--json', ...extra];
      const result = await jmeg(...(kind === undefined ? args : [...args, '--object-kind', kind]));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ due, calendar: cal });
    },
  );

  it('the text names the calendar it used', async () => {
    const result = await jmeg(
      'deadline',
      'object-response',
      '--from',
      '2026-04-24',
      '--object-kind',
      'procurement_supplier',
      '--lang',
      'en',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Due: (2026-05-18|18\.05\.2026)/);
    expect(result.stdout).toContain('Calendar: Labour Code working-day calendar (without transfers)');
  });

  it('an unknown kind is refused, naming the option and the kinds of 4.2', async () => {
    const result = await jmeg('deadline', 'object-response', '--from', '2026-04-24', '--object-kind', 'bank');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--object-kind "bank" is not a kind of 4.2');
    expect(result.stderr).toContain('procurement_supplier');
  });
});
