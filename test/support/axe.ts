// axe-core (the accessibility engine, a dev dependency) run inside the browser tests' pages: the WCAG 2.0 level A and
// AA rules on the page as it is when called (after a click, a form's answer, a 503), at the width the test has it and
// at a 360 px phone's (a table that scrolls sideways only there must still be reachable by keyboard), so every page a
// browser test visits is also checked by a real checker, not only by our own assertions on labels and landmarks.
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The file every document of a checked context loads (axe.min.js of the installed axe-core). */
export const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Gives axe-core to every document `context` opens from now on, as an init script. The pages' Content-Security-Policy
 * allows no inline script, so a script tag added to the page is blocked; an init script is run by the browser outside
 * the page's policy, and the policy stays in force for the pages' own content (no bypassCSP). Call it before the
 * context's pages are opened (or navigate them again).
 */
export async function addAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: AXE_SCRIPT });
}

/** The phone every page must be usable on. */
const PHONE = { width: 360, height: 740 } as const;

/** The rule sets checked: WCAG 2.0 level A and level AA. */
export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa'];

/**
 * Rules switched off, each with the reason it is a false positive on these pages. Empty: every finding so far was
 * real and fixed in the page code.
 */
const DISABLED_RULES: Readonly<Record<string, string>> = {};

export interface AxeViolation {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  helpUrl: string;
  /** How many elements fail the rule. */
  count: number;
  /** The first 3 failing elements' selectors. */
  targets: string[];
}

/** Runs axe-core in `page` (given to its context by addAxe) and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate<boolean>("typeof window.axe === 'object'"))) {
    throw new Error(
      `axe-core is not loaded in ${page.url()}: give it to the page's context with addAxe(context) before the page is opened`,
    );
  }
  const rules = Object.fromEntries(Object.keys(DISABLED_RULES).map((id) => [id, { enabled: false }]));
  const options: RunOptions = { runOnly: { type: 'tag', values: [...AXE_TAGS] }, rules, resultTypes: ['violations'] };
  // The function runs in the page (its own globals: window, document, axe); only `options` crosses over.
  const results = await page.evaluate<AxeResults, RunOptions>((opts) => {
    const g = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
    };
    return g.axe.run(g.document, opts);
  }, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    count: v.nodes.length,
    targets: v.nodes
      .slice(0, 3)
      .map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' → ')),
  }));
}

/** One line per violation: id, impact, help and the first 3 elements it names. */
export function describeViolation(v: AxeViolation): string {
  const more = v.count > v.targets.length ? ` (+${v.count - v.targets.length} more)` : '';
  return `${v.id} [${v.impact ?? 'no impact'}] ${v.help}: ${v.targets.join(' | ')}${more}`;
}

/**
 * Fails naming the page (`label`) and listing every WCAG 2 A/AA violation axe-core finds in it, at the page's current
 * viewport and at 360x740 (the page is not reloaded: what was typed or answered stays); the viewport is restored.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const viewport = page.viewportSize();
  const sizes = viewport === null || viewport.width === PHONE.width ? [viewport] : [viewport, PHONE];
  const found = new Map<string, number[]>();
  try {
    for (const size of sizes) {
      if (size !== null && size !== viewport) await page.setViewportSize(size);
      const width = size?.width ?? (await page.evaluate<number>('window.innerWidth'));
      for (const v of await axeViolations(page))
        found.set(describeViolation(v), [...(found.get(describeViolation(v)) ?? []), width]);
    }
  } finally {
    if (viewport !== null && sizes.length > 1) await page.setViewportSize(viewport);
  }
  const lines = [...found].map(([line, widths]) => `${line} (at ${widths.join(' and ')} px)`);
  expect(lines, `axe-core WCAG 2 A/AA violations on ${label} (${page.url()})`).toEqual([]);
}
