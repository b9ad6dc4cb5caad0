// Keyboard-only navigation: moves focus with Tab, as a person without a mouse would.
import type { Locator, Page } from '@playwright/test';

/** The one browser global this runs in the page; the package compiles without the DOM library. */
interface BrowserGlobals {
  document: { activeElement: unknown };
}

const isFocused = (locator: Locator): Promise<boolean> =>
  locator.evaluate(
    (element: unknown) =>
      element === (globalThis as unknown as BrowserGlobals).document.activeElement,
  );

/** Presses Tab until `target` has focus; fails if it is not reached within `maxPresses`. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let presses = 0; presses <= maxPresses; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target.toString()} was not reached with ${maxPresses} presses of Tab`);
}
