// The compiled `jmeg` (scripts/build-cli.mjs, run by bin/jmeg.js): the bundle answers exactly as the TypeScript
// sources do, a second build of unchanged sources names the same files, and bin/jmeg.js runs the bundle.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript module without type declarations
import { buildCli, freshEntry } from '../scripts/build-cli.mjs';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

type Build = { entry: string; sources: number };
const build = buildCli as () => Promise<Build>;
const fresh = freshEntry as () => string | null;

describe('the compiled jmeg', () => {
  it('builds the CLI with every source it imports, and again to the same files when nothing changed', async () => {
    const first = await build();
    expect(first.sources).toBeGreaterThan(100);
    expect(fresh()).toBe(first.entry);
    const second = await build();
    expect(second.entry).toBe(first.entry);
    const current = JSON.parse(readFileSync(path.join(ROOT, 'dist/current.json'), 'utf8')) as { inputs: string[] };
    expect(current.inputs).toEqual(expect.arrayContaining(['cli/main.ts', 'domain/deadlines.ts', 'package.json']));
  }, 60_000);

  it('bin/jmeg.js prints what the TypeScript sources print, from the bundle', async () => {
    const args = ['deadline', 'object-response', '--from', '2026-04-24', '--json'];
    const compiled = await run(process.execPath, ['bin/jmeg.js', ...args], { cwd: ROOT });
    const sources = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: ROOT });
    expect(compiled.stderr).not.toContain('running from the TypeScript sources');
    expect(JSON.parse(compiled.stdout)).toEqual(JSON.parse(sources.stdout));
    expect((JSON.parse(compiled.stdout) as { due: string }).due).toContain('2026-05-15');
  }, 60_000);
});
