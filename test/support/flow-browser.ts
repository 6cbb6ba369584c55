// The browser flow's Chromium: Debian's binary (chromiumPath() of browser.ts) launched once, so that each person of
// the flow (staff, the monitored object, the chair) gets an isolated context of their own (own cookies, own
// language) in one process; under CI=true a Chromium that cannot be launched fails the file. And a few helpers the
// flow's pages share: screenshots at phone and desktop widths with the "no sideways scrolling on a phone" measure,
// and the newest mail carrying an act's response link.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './browser';
import type { ReceivedMail } from './smtp';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type FlowLaunch = { ok: true; browser: Browser } | { ok: false; reason: string };

/** Launches Debian's Chromium headless within `timeoutMs`; on failure the reason is one line for the skip message. */
export async function launchFlowBrowser(timeoutMs = 15_000): Promise<FlowLaunch> {
  const executablePath = chromiumPath();
  if (!executablePath)
    return {
      ok: false,
      reason:
        'no Chromium at /usr/bin/chromium or /usr/lib/chromium/chromium (apt-get install chromium, or set CHROMIUM_PATH)',
    };
  try {
    return {
      ok: true,
      browser: await chromium.launch({ executablePath, args: FLAGS, headless: true, timeout: timeoutMs }),
    };
  } catch (error) {
    const first =
      (error instanceof Error ? error.message : String(error)).split('\n').find((l) => l.trim() !== '') ??
      'unknown error';
    return { ok: false, reason: `Chromium at ${executablePath} did not start: ${first.trim()}` };
  }
}

/**
 * Whether the browser tests of a file run: under CI=true a Chromium that cannot be had throws (the file fails), never
 * skips; elsewhere the skip is one line saying why. Use as `describe.skipIf(!requireBrowser(launch, 'name'))`.
 */
export function requireBrowser(launch: FlowLaunch, what: string): boolean {
  if (launch.ok) return true;
  const line = `${what}: ${launch.reason}`;
  if (process.env.CI === 'true') throw new Error(`${line} (CI=true: a missing browser is a failure)`);
  console.log(`${line}; skipped`);
  return false;
}

/**
 * A context for one person of the flow. The pages' Content-Security-Policy allows no inline script, so axe-core
 * (test/support/axe.ts) is not added as a script tag but given to every document as an init script, which the browser
 * runs outside the page's policy; the policy itself stays in force for the pages' own content.
 */
export async function newFlowContext(
  browser: Browser,
  options: { viewport: { width: number; height: number }; locale: string },
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return context;
}

export const SHOTS = 'out/screenshots';
export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** How wide the document is against the viewport (a page that scrolls sideways is wider). */
export async function documentWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
}

export interface Shot {
  name: string;
  /** document.documentElement.scrollWidth at 360 px. */
  phoneScrollWidth: number;
}

/**
 * Screenshots the page as it is (no reload: it may be the answer to a form) at 360x740 and 1280x800 into
 * out/screenshots/flow-<name>-<width>.png, measuring the document's width at 360 px; leaves the page at `after`.
 */
export async function shoot(
  page: Page,
  name: string,
  after: { width: number; height: number } = DESKTOP,
): Promise<Shot> {
  await mkdir(SHOTS, { recursive: true });
  let phoneScrollWidth = 0;
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    if (size === PHONE) phoneScrollWidth = (await documentWidth(page)).scrollWidth;
    await page.screenshot({ path: `${SHOTS}/flow-${name}-${size.width}.png`, fullPage: true });
  }
  if (after !== DESKTOP) await page.setViewportSize(after);
  return { name, phoneScrollWidth };
}

/** The response link in a mail's text (the act mail: <base>/acts/<id>/respond?t=<token>). */
export function responseLinkIn(mail: ReceivedMail): string | null {
  const text = `${mail.parsed.text ?? ''}\n${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`;
  return /https?:\/\/[^\s"'<>]+\/acts\/[^\s"'<>/]+\/respond\?t=[A-Za-z0-9._~%-]+/.exec(text)?.[0] ?? null;
}

/** Waits (real time) until `find` returns something, polling; fails naming `what`. */
export async function eventually<T>(what: string, find: () => T | null | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== null && found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
