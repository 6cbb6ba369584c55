// Benchmark (not a test): how long the `jmeg` command takes to start, compiled (bin/jmeg.js running the esbuild
// bundle in dist/) against the TypeScript sources through tsx (how it ran before), and how long `npm start` takes to
// print its first line. Runs interleaved, so the shared machine's load falls on both; compare the ratio, not seconds.
//   npx tsx bench/cli-start.ts [--runs 10]
// Prints a Markdown table to paste into BENCHMARKS.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function timeOnce(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
  return performance.now() - started;
}

/** Milliseconds from spawning `npm start` to its first line of output. */
function firstLineOfNpmStart(): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jmeg-bench-'));
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, PORT: '0', JMEG_DATA_DIR: dataDir, JMEG_TEMPORAL_AUTO_INSTALL: '0', TEMPORAL_ADDRESS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const lines = seen.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('>'));
      if (lines.length > 0) {
        const ms = performance.now() - started;
        process.kill(-child.pid!, 'SIGTERM');
        child.on('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve(ms);
        });
      }
    });
    child.on('error', reject);
  });
}

const cases: { name: string; compiled: string[]; sources: string[] }[] = [
  { name: '`jmeg --help`', compiled: ['bin/jmeg.js', '--help'], sources: ['--import', 'tsx', 'cli/main.ts', '--help'] },
  {
    name: '`jmeg deadline object-response --from 2026-04-24`',
    compiled: ['bin/jmeg.js', 'deadline', 'object-response', '--from', '2026-04-24'],
    sources: ['--import', 'tsx', 'cli/main.ts', 'deadline', 'object-response', '--from', '2026-04-24'],
  },
];

timeOnce(['bin/jmeg.js', '--help']); // builds dist/ when it is stale
const rows: string[] = [];
for (const c of cases) {
  const compiled: number[] = [];
  const sources: number[] = [];
  for (let i = 0; i < runs; i++) {
    compiled.push(timeOnce(c.compiled));
    sources.push(timeOnce(c.sources));
  }
  const a = median(compiled);
  const b = median(sources);
  rows.push(`| ${c.name} | ${Math.round(a)} ms | ${Math.round(b)} ms | ${(a / b).toFixed(2)} |`);
}
const firstLines: number[] = [];
for (let i = 0; i < Math.min(runs, 5); i++) firstLines.push(await firstLineOfNpmStart());

console.log(`${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}, ${process.version}, ${runs} runs each`);
console.log('');
console.log('| command | compiled (median) | tsx sources (median) | ratio |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
console.log('');
console.log(`\`npm start\` to its first line: median ${Math.round(median(firstLines))} ms of ${firstLines.length}`);
