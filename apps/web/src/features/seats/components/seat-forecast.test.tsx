import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
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

/** Answers the import and records the query it was sent with. */
function recordImportQuery(): URLSearchParams[] {
  const queries: URLSearchParams[] = [];
  server.use(
    http.post('/api/team/invitations/bulk', ({ request }) => {
      queries.push(new URL(request.url).searchParams);
      return ndjson([
        { type: 'started', total: 0 },
        {
          type: 'finished',
          total: 0,
          invited: 0,
          alreadyMember: 0,
          rejected: 0,
          queued: 0,
          notAttempted: 0,
          interrupted: null,
        },
      ]);
    }),
  );
  return queries;
}

describe('choosing what happens to the rows past the seat limit', () => {
  it('offers to stop, invite the rows that fit, or send the rest to the approval inbox', async () => {
    bff.seatLimit = 4;
    const { dialog } = await previewImport(['a@acme.test', 'b@acme.test', 'c@acme.test']);
    const choices = await within(dialog).findByRole('group', {
      name: 'Only the first 1 new person fits. What should happen to the rest?',
    });
    expect(
      within(choices)
        .getAllByRole('radio')
        .map((radio) => radio.getAttribute('value')),
    ).toEqual(['stop', 'invite_fitting', 'send_to_inbox']);
    expect(within(choices).getByRole('radio', { name: /refuse the rest/ })).toBeChecked();
    await expectNoAxeViolations();
  });

  it('sends the choice with the import', async () => {
    bff.seatLimit = 4;
    const queries = recordImportQuery();
    const { user, dialog } = await previewImport(['a@acme.test', 'b@acme.test']);
    await user.click(
      await within(dialog).findByRole('radio', { name: /send the rest to the approval inbox/ }),
    );
    const start = within(dialog).getByRole('button', { name: 'Start import' });
    await waitFor(() => expect(start).toBeEnabled());
    await user.click(start);
    await waitFor(() => expect(queries).toHaveLength(1));
    expect(queries[0]?.get('overSeatLimit')).toBe('send_to_inbox');
  });

  it('offers no choice when everyone fits', async () => {
    bff.seatLimit = 25;
    const { dialog } = await previewImport(['a@acme.test']);
    await within(dialog).findByTestId('seat-forecast');
    expect(within(dialog).queryByRole('radio')).toBeNull();
  });
});
