// Every screen a journey reaches goes through `checkScreen`: a full-page screenshot saved to
// artifacts/screens/<name>.png for people to look at, and an axe-core scan that must find nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { expect, type Page } from '@playwright/test';
import { screensDir } from './paths.js';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface ScreenOptions {
  /**
   * Whole page (default) or just the viewport. Dialogs use the viewport: their fixed backdrop
   * covers only the viewport, so a full-page picture would show a page nobody sees.
   */
  fullPage?: boolean;
}

/** Saves a screenshot of the page as artifacts/screens/<name>.png. */
export async function saveScreen(
  page: Page,
  name: string,
  options: ScreenOptions = {},
): Promise<void> {
  await page.screenshot({
    path: resolve(screensDir, `${name}.png`),
    fullPage: options.fullPage ?? true,
    animations: 'disabled',
  });
}

/**
 * Runs axe-core in the page with its default rule set (WCAG A/AA and best practices).
 * The source is evaluated rather than added as a <script>, because the app's CSP rightly
 * forbids inline scripts and the scan must not need that policy relaxed.
 */
export async function axeViolations(page: Page): Promise<Result[]> {
  await page.evaluate(axeSource);
  // An expression string, not a function: this package compiles without the DOM library.
  const results = await page.evaluate<AxeResults>('axe.run(document)');
  return results.violations;
}

/** One readable line per violated rule: id, impact, what is wrong and where. */
function describeViolations(violations: Result[]): string[] {
  return violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
    return `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} -> ${targets}`;
  });
}

/**
 * Screenshot plus accessibility scan. The scan is a soft assertion: the journey goes on, so one
 * run reports every screen's problems, and the test still fails at the end.
 */
export async function checkScreen(
  page: Page,
  name: string,
  options: ScreenOptions = {},
): Promise<void> {
  await saveScreen(page, name, options);
  const violations = await axeViolations(page);
  expect
    .soft(describeViolations(violations), `axe-core violations on the "${name}" screen`)
    .toEqual([]);
}
