// Compiles the `jmeg` command to JavaScript once, so that it starts without compiling TypeScript at every run:
// esbuild bundles cli/main.ts and what it imports from the repository into dist/ (the npm packages stay imports),
// one file per command group loaded on demand. bin/jmeg.js runs the bundle while it is fresh and rebuilds it
// (about a second) when a source it was built from has changed; `npm run build` does the same by hand.
// dist/ sits one folder deep, as cli/ does, so paths written relative to a source folder ('../workflows/index.ts',
// '../scripts/temporal-install.sh') still name the same files.
// Builds never disturb a jmeg that is running: files are named by their content hash and written by rename, the
// current build is named in dist/current.json (also written by rename), and older files are removed only once
// they are an hour old.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist');
const CURRENT = join(OUT_DIR, 'current.json');
const KEEP_OLD_MS = 60 * 60 * 1000;

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** The entry file of the current build when every source it was built from is unchanged, else null. */
export function freshEntry() {
  let current;
  try {
    current = JSON.parse(readFileSync(CURRENT, 'utf8'));
  } catch {
    return null;
  }
  for (const input of current.inputs) {
    try {
      if (statSync(join(ROOT, input)).mtimeMs > current.startedAt) return null;
    } catch {
      return null;
    }
  }
  const entry = join(OUT_DIR, current.entry);
  try {
    statSync(entry);
  } catch {
    return null;
  }
  return entry;
}

/** Builds dist/ and returns the entry file and the number of sources it was built from. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { jmeg: 'cli/main.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const written = new Set();
  for (const file of result.outputFiles) {
    written.add(basename(file.path));
    try {
      statSync(file.path);
    } catch {
      writeAtomically(file.path, file.contents);
    }
  }
  const entry = Object.keys(result.metafile.outputs)
    .map((output) => basename(output))
    .find((name) => name.startsWith('jmeg-'));
  const inputs = Object.keys(result.metafile.inputs).concat('package.json', 'scripts/build-cli.mjs');
  writeAtomically(CURRENT, JSON.stringify({ entry, inputs, startedAt }));
  for (const name of readdirSync(OUT_DIR)) {
    if (written.has(name) || name === 'current.json') continue;
    const path = join(OUT_DIR, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { force: true });
    } catch {
      // another build removed it
    }
  }
  return { entry: join(OUT_DIR, entry), sources: inputs.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    const { sources } = await buildCli();
    console.log(`build-cli: ${sources} sources into dist/ in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(`build-cli: ${error.message}`);
    process.exit(1);
  }
}
