// The not-found screen: an unknown path in the SPA gets a readable page with a way back.
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';

test('an unknown address shows a not-found page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBeLessThan(500);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
  await expect(page.getByRole('link').first()).toBeVisible();
  await checkScreen(page, 'not-found');
});
