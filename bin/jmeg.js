#!/usr/bin/env node
// The installed `jmeg` command. It runs the compiled bundle in dist/ (scripts/build-cli.mjs) and builds it first
// when it is missing or older than a source it was built from; where the build cannot be made (esbuild missing, or
// a source that does not compile), it runs the TypeScript sources through tsx's loader instead and says so.
import { buildCli, freshEntry } from '../scripts/build-cli.mjs';

let entry = freshEntry();
if (entry === null) {
  try {
    entry = (await buildCli()).entry;
  } catch (error) {
    const reason = String(error?.message ?? error).split('\n')[0];
    process.stderr.write(`jmeg: running from the TypeScript sources (no compiled build: ${reason})\n`);
  }
}
if (entry !== null) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
