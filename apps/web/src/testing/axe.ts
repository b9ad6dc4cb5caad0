// Runs axe-core on the rendered document and fails with the violations listed.
import axe from 'axe-core';
import { expect } from 'vitest';

export async function expectNoAxeViolations(root: Element = document.body): Promise<void> {
  const result = await axe.run(root, {
    // jsdom does no layout, so colour contrast cannot be measured here (Playwright checks it).
    rules: { 'color-contrast': { enabled: false } },
  });
  const summary = result.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help}\n  ${violation.nodes.map((node) => node.html).join('\n  ')}`,
  );
  expect(summary).toEqual([]);
}
