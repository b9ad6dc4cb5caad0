import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { bff, ndjson } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

// The fake team takes 3 seats (2 active, 1 pending).
const csvFile = (emails: string[]) =>
  new File([['email', ...emails].join('\n')], 'people.csv', { type: 'text/csv' });

async function previewImport(emails: string[]) {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  await view.user.click(screen.getByRole('button', { name: 'Import CSV' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import CSV' });
  await view.user.upload(within(dialog).getByLabelText('CSV file'), csvFile(emails));
  return { ...view, dialog };
}

describe('the seat forecast in the CSV preview', () => {
  it('warns before sending when the import would go past the limit', async () => {
    bff.seatLimit = 4;
    const { dialog } = await previewImport(['a@acme.test', 'b@acme.test', 'c@acme.test']);
    const warning = await within(dialog).findByText('After this import: 6 of 4 seats');
    expect(warning.closest('[role="alert"], .alert')).toHaveTextContent(
      'Only the first 1 new person fits',
    );
    expect(bff.writes()).toEqual([]);
  });

  it('states the seats after the import when everyone fits', async () => {
    bff.seatLimit = 25;
    const { dialog } = await previewImport(['a@acme.test', 'b@acme.test']);
    expect(await within(dialog).findByTestId('seat-forecast')).toHaveTextContent(
      'After this import: 5 of 25 seats.',
    );
  });

  it('shows the seat_limit_reached reason on each refused row of the report', async () => {
    bff.seatLimit = 3;
    const full = 'All 3 seats are taken (1 pending). Raise the limit or remove someone first.';
    server.use(
      http.post('/api/team/invitations/bulk', () =>
        ndjson([
          { type: 'started', total: 1 },
          {
            type: 'row',
            line: 2,
            email: 'a@acme.test',
            outcome: 'rejected',
            reason: full,
            done: 1,
            total: 1,
          },
          {
            type: 'finished',
            total: 1,
            invited: 0,
            alreadyMember: 0,
            rejected: 1,
            notAttempted: 0,
            interrupted: null,
          },
        ]),
      ),
    );
    const { user, dialog } = await previewImport(['a@acme.test']);
    // Start import is enabled once the BFF has judged the rows.
    const start = await within(dialog).findByRole('button', { name: 'Start import' });
    await waitFor(() => expect(start).toBeEnabled());
    await user.click(start);
    expect(await within(dialog).findByText(full)).toBeInTheDocument();
  });
});
