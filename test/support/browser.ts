// Debian's Chromium driven by playwright-core (never a downloaded browser). `openBrowser` launches it with a fresh
// empty profile and the flags this machine's closed network needs, or says in one line why it cannot.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenBrowser {
  context: BrowserContext;
  executablePath: string;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

export type BrowserLaunch = { ok: true; browser: OpenBrowser } | { ok: false; reason: string };

/** CHROMIUM_PATH, else the first Debian path that exists. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Launches Chromium within `timeoutMs`; on failure the reason is one line for the skip message. */
export async function openBrowser(timeoutMs = 15_000): Promise<BrowserLaunch> {
  const executablePath = chromiumPath();
  if (!executablePath)
    return {
      ok: false,
      reason: `no Chromium at ${CANDIDATES.join(' or ')} (apt-get install chromium, or set CHROMIUM_PATH)`,
    };
  const profile = await mkdtemp(join(tmpdir(), 'jmeg-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: FLAGS,
      headless: true,
      timeout: timeoutMs,
    });
    return {
      ok: true,
      browser: {
        context,
        executablePath,
        close: async () => {
          await context.close().catch(() => undefined);
          await rm(profile, { recursive: true, force: true });
        },
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    const first =
      (error instanceof Error ? error.message : String(error)).split('\n').find((l) => l.trim() !== '') ??
      'unknown error';
    return { ok: false, reason: `Chromium at ${executablePath} did not start: ${first.trim()}` };
  }
}
