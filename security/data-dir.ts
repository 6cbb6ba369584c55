// The data directory holds the embedded database, the server secret, the mail outbox (live response links), annex
// and response files: owner-only. The process that writes it sets umask 077 first, so everything it (and PGlite, and
// a local Temporal server it starts) creates there is owner-only too; the directory itself is tightened to 0700.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** umask 077 for this process (not available in a worker thread, whose files then rely on their explicit modes). */
export function ownerOnlyUmask(): void {
  if (isMainThread) process.umask(0o077);
}

/** Creates `dir` (and its parents) if needed and makes it 0700; sets umask 077 for the process first. */
export function secureDir(dir: string): void {
  ownerOnlyUmask();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}
