// The integration API end to end: an admin creates an API key in Settings and copies it, a plain
// HTTP client (another system, server to server) invites someone with it, the invitation shows on
// the Team page and the entry in Activity names the key and the API. Revoked, the key is refused.
import { API_KEY_PATTERN, pages, routes } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { memberRow, openTeam } from '../support/team.js';

const INVITEE = 'crm.invitee@example.test';

test('a key made in Settings lets a CRM invite someone, seen on Team and in Activity', async ({
  page,
  stack,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page).toHaveURL(pages.settingsApiKeys);

  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('CRM sync');
  await dialog.getByLabel('Expires').selectOption({ label: 'In 30 days' });
  await checkScreen(page, 'api-key-create');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByRole('dialog', { name: 'Copy your API key' });
  const secret = (await shown.getByTestId('api-key-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(API_KEY_PATTERN);
  await checkScreen(page, 'api-key-shown-once');
  await shown.getByRole('button', { name: 'Done' }).click();
  const keys = page.getByRole('table', { name: 'API keys' });
  await expect(keys.getByRole('row').filter({ hasText: 'CRM sync' })).toContainText('Active');
  await expect(page.getByText(secret)).toHaveCount(0);

  // Another system, server to server: no cookie, no CSRF header, just the key.
  const answer = await fetch(new URL(routes.invitations, stack.appUrl), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      'content-type': 'application/json',
      'idempotency-key': 'crm-user-87425',
    },
    body: JSON.stringify({ email: INVITEE, role: 'member' }),
  });
  expect(answer.status).toBe(201);

  await openTeam(page);
  await expect(memberRow(page, INVITEE)).toContainText('Pending');

  await page.goto(pages.activity);
  const row = page
    .getByRole('table', { name: 'Entries' })
    .getByRole('row')
    .filter({ hasText: `Invited ${INVITEE} as Member` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('API key “CRM sync”');
  await expect(row).toContainText('API');

  await page.goto(pages.settingsApiKeys);
  const keyRow = keys.getByRole('row').filter({ hasText: 'CRM sync' });
  await expect(keyRow).not.toContainText('Never used');
  await keyRow.getByRole('button', { name: 'Revoke CRM sync' }).click();
  await page
    .getByRole('dialog', { name: 'Revoke “CRM sync”?' })
    .getByRole('button', { name: 'Revoke key' })
    .click();
  await expect(keyRow).toContainText('Revoked');
  await checkScreen(page, 'settings-api-keys');
  const refused = await fetch(new URL(routes.members, stack.appUrl), {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(refused.status).toBe(401);
});
