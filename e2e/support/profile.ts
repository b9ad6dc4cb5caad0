// Reads the profile page's details list (Name, Email, Organization, Role) by its terms.
import type { Locator, Page } from '@playwright/test';

/** The <dd> that follows the <dt> whose text is exactly `term`. */
export function profileDetail(page: Page, term: string): Locator {
  return page
    .getByRole('term')
    .filter({ hasText: new RegExp(`^\\s*${term}\\s*$`) })
    .locator('xpath=following-sibling::dd[1]');
}
