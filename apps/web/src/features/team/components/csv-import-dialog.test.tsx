import { routes, type BulkInviteEvent } from '@app/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff, errorResponse, ndjson } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const CSV = [
  'email,first name,last name',
  'new1@acme.test,New,One',
  'grace@acme.test,Grace,Hopper',
  'not-an-email,Bad,Row',
  'new1@acme.test,New,Again',
].join('\n');

const csvFile = (text = CSV, name = 'people.csv') => new File([text], name, { type: 'text/csv' });

/** Waits for the BFF's verdict on the rows (Start import is enabled only then) and starts. */
async function startImport(
  user: Awaited<ReturnType<typeof openImportDialog>>['user'],
  dialog: HTMLElement,
) {
  const start = await within(dialog).findByRole('button', { name: 'Start import' });
  await waitFor(() => expect(start).toBeEnabled());
  await user.click(start);
}

async function openImportDialog() {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  await view.user.click(screen.getByRole('button', { name: 'Import CSV' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import CSV' });
  return { ...view, dialog };
}

const row = (
  line: number,
  email: string,
  outcome: 'invited' | 'already_member' | 'rejected',
  reason?: string,
  done = line - 1,
): BulkInviteEvent => ({
  type: 'row',
  line,
  email,
  outcome,
  ...(reason ? { reason } : {}),
  done,
  total: 4,
});

const report: BulkInviteEvent[] = [
  { type: 'started', total: 4 },
  row(2, 'new1@acme.test', 'invited'),
  row(3, 'grace@acme.test', 'already_member'),
  row(4, 'not-an-email', 'rejected', 'Not a valid email address'),
  // The BFF reports a row repeating an earlier one as `already_member`, with the line.
  row(5, 'new1@acme.test', 'already_member', 'Duplicate of line 2'),
  {
    type: 'finished',
    total: 4,
    invited: 1,
    alreadyMember: 2,
    rejected: 1,
    notAttempted: 0,
    interrupted: null,
  },
];

describe('the CSV import dialog', () => {
  it('makes the whole drop zone the file picker, with no bare file control', async () => {
    const { dialog } = await openImportDialog();
    const dropzone = within(dialog).getByTestId('csv-dropzone');
    const input = within(dialog).getByLabelText('CSV file');
    expect(dropzone.tagName).toBe('LABEL');
    expect(dropzone).toContainElement(input);
    expect(dropzone).toHaveAttribute('for', input.id);
    expect(input).toHaveClass('sr-only');
    expect(input).toHaveAccessibleDescription(/header row with an "email" column/);
  });

  it('labels every preview cell, so phones can show the reason beside each row', async () => {
    const { user, dialog } = await openImportDialog();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile());
    const preview = await within(dialog).findByRole('table', { name: 'Import preview' });
    const flagged = within(preview).getAllByRole('row')[3];
    const check = flagged?.querySelector('td[data-label="Check"]');
    expect(check).toHaveTextContent('Error');
    expect(check).toHaveTextContent('Email: Enter a valid email address');
    expect(preview).toHaveClass('table--cards');
  });

  it('previews every row with its check before anything is sent', async () => {
    const { user, dialog } = await openImportDialog();
    await expectNoAxeViolations();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile());
    const preview = await within(dialog).findByRole('table', { name: 'Import preview' });
    const rows = within(preview).getAllByRole('row').slice(1);
    expect(rows.map((tr) => within(tr).getAllByRole('cell')[0]?.textContent)).toEqual([
      '2',
      '3',
      '4',
      '5',
    ]);
    await within(dialog).findByText(/will be invited/);
    expect(rows[0]).toHaveTextContent('Ready');
    expect(rows[1]).toHaveTextContent('Already in team');
    expect(rows[1]).toHaveTextContent('Already a member.');
    expect(rows[2]).toHaveTextContent('Error');
    expect(rows[2]).toHaveTextContent('Email: Enter a valid email address');
    expect(rows[3]).toHaveTextContent('Duplicate');
    expect(rows[3]).toHaveTextContent('Same email as line 2');
    expect(within(dialog).getByText('people.csv: 4 rows')).toBeInTheDocument();
    const summary = within(dialog).getByText(
      /1 will be invited, 1 with errors, 1 already in the team, 1 duplicate/,
    );
    // Says what happens to each kind of problem row, as the BFF will report it.
    expect(summary).toHaveTextContent('Rows with errors will be rejected');
    expect(summary).toHaveTextContent('Duplicates and people already in the team are skipped');
    expect(bff.writes()).toEqual([]);
    await expectNoAxeViolations();
  });

  it('flags the rows the import would refuse, as the BFF judges them, before anything is sent', async () => {
    const { user, dialog } = await openImportDialog();
    const csv = ['email,role', 'new1@acme.test,owner', 'new2@acme.test,', 'grace@acme.test,'].join(
      '\n',
    );
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile(csv));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Checking the rows against your organization',
    );
    // Locally every row looks fine; the dry-run knows `owner` is no role here and Grace is in.
    await within(dialog).findByText(/1 will be invited, 1 with errors, 1 already in the team/);
    const preview = within(dialog).getByRole('table', { name: 'Import preview' });
    const rows = within(preview).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Error');
    expect(rows[0]).toHaveTextContent('Role: Unknown role "owner".');
    expect(rows[1]).toHaveTextContent('Ready');
    expect(rows[2]).toHaveTextContent('Already in team');

    // The default role is part of the verdict: changing it asks again.
    await within(dialog).findByRole('option', { name: 'Admin' });
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default role' }),
      'Admin',
    );
    await waitFor(() =>
      expect(
        bff.requests.filter((request) => request.path === routes.bulkInvitationsPreview),
      ).toHaveLength(2),
    );
    const [first, second] = bff.requests.filter(
      (request) => request.path === routes.bulkInvitationsPreview,
    );
    expect(first).toMatchObject({ search: '?defaultRole=member', csrf: '1', body: csv });
    expect(second).toMatchObject({ search: '?defaultRole=admin' });
    expect(bff.writes()).toEqual([]);
    await expectNoAxeViolations();
  });

  it('does not offer the import until the rows could be checked, and checks again on request', async () => {
    server.use(
      http.post(routes.bulkInvitationsPreview, () =>
        errorResponse({ code: 'identity_unavailable', message: 'Unavailable' }),
      ),
    );
    const { user, dialog } = await openImportDialog();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile());
    expect(await within(dialog).findByText('The rows could not be checked')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Start import' })).toBeDisabled();
    server.resetHandlers();
    await user.click(within(dialog).getByRole('button', { name: 'Check again' }));
    await startImport(user, dialog);
  });

  it('accepts a file dropped on the drop zone', async () => {
    const { dialog } = await openImportDialog();
    fireEvent.drop(within(dialog).getByTestId('csv-dropzone'), {
      dataTransfer: { files: [csvFile()] },
    });
    expect(
      await within(dialog).findByRole('table', { name: 'Import preview' }),
    ).toBeInTheDocument();
  });

  it('explains a file it cannot use', async () => {
    const { user, dialog } = await openImportDialog();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile('name\nAda', 'names.csv'));
    expect(within(dialog).getByLabelText('CSV file')).toHaveAccessibleDescription(
      /"names.csv": The first line must be a header row with an "email" column./,
    );
  });

  it('streams progress, then shows the per-row report and downloads the failed rows', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.post('/api/team/invitations/bulk', async ({ request }) => {
        bff.requests.push({
          method: 'POST',
          path: new URL(request.url).pathname,
          search: new URL(request.url).search,
          csrf: request.headers.get('x-csrf'),
          contentType: request.headers.get('content-type'),
          body: await request.text(),
        });
        const encoder = new TextEncoder();
        const stream = new ReadableStream<Uint8Array>({
          async start(controller) {
            const send = (event: BulkInviteEvent) =>
              controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
            report.slice(0, 3).forEach(send);
            await gate;
            report.slice(3).forEach(send);
            controller.close();
          },
        });
        return new Response(stream, { headers: { 'content-type': 'application/x-ndjson' } });
      }),
    );
    const { user, dialog } = await openImportDialog();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile());
    await within(dialog).findByRole('table', { name: 'Import preview' });
    await within(dialog).findByRole('option', { name: 'Admin' });
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default role' }),
      'Admin',
    );
    await startImport(user, dialog);

    const progress = await within(dialog).findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(progress).toHaveAttribute('value', '2'));
    expect(progress).toHaveAttribute('max', '4');
    expect(within(dialog).getByText('2 of 4 (50%)')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeDisabled();
    release();

    const table = await within(dialog).findByRole('table', { name: 'Import report' });
    expect(within(dialog).getByText('Import finished')).toBeInTheDocument();
    const lines = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => tr.textContent);
    // Problems first (rejected, then skipped), each with its reason; then the invited rows.
    expect(lines).toEqual([
      '4not-an-emailRejectedNot a valid email address',
      '3grace@acme.testSkippedAlready a member',
      '5new1@acme.testSkippedDuplicate of line 2',
      '2new1@acme.testInvited',
    ]);
    expect(dialog).toHaveTextContent(
      '1 invited · 2 skipped (already a member or duplicate) · 1 rejected.',
    );
    await expectNoAxeViolations();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Show problems only (3)' }));
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).queryByText('Invited', { exact: true })).not.toBeInTheDocument();

    const [sent] = bff.writes();
    expect(sent).toMatchObject({
      path: '/api/team/invitations/bulk',
      search: '?defaultRole=admin',
      csrf: '1',
      contentType: 'text/csv',
      body: CSV,
    });

    const createObjectURL = vi.fn((_blob: Blob) => 'blob:failed-rows');
    URL.createObjectURL = createObjectURL;
    // jsdom cannot follow a download link; the file's content is what matters here.
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    await user.click(within(dialog).getByRole('button', { name: 'Download failed rows' }));
    expect(click).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0]?.[0];
    expect(blob).toBeInstanceOf(Blob);
    expect(await (blob as Blob).text()).toBe(
      'email,first name,last name,reason\r\nnot-an-email,Bad,Row,Not a valid email address',
    );

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        /Import finished: 1 invited · 2 skipped \(already a member or duplicate\) · 1 rejected/,
      ),
    ).toBeInTheDocument();
  });

  it('reads a stream whose lines arrive split across chunks', async () => {
    server.use(http.post('/api/team/invitations/bulk', () => ndjson(report, 5)));
    const { user, dialog } = await openImportDialog();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile());
    await startImport(user, dialog);
    expect(await within(dialog).findByRole('table', { name: 'Import report' })).toBeInTheDocument();
  });

  it('says an interrupted import stopped early and offers the rows not attempted as a file', async () => {
    const formulaCsv = [
      'email,first name,last name',
      'new1@acme.test,New,One',
      'grace@acme.test,=HYPERLINK("http://evil.example"),Hopper',
      'new2@acme.test,@SUM(A1),Two',
      'new3@acme.test,Three,-3',
    ].join('\n');
    server.use(
      http.post('/api/team/invitations/bulk', () =>
        ndjson([
          { type: 'started', total: 4 },
          row(2, 'new1@acme.test', 'invited', undefined, 1),
          row(3, 'grace@acme.test', 'already_member', 'Already a member', 2),
          {
            type: 'finished',
            total: 4,
            invited: 1,
            alreadyMember: 1,
            rejected: 0,
            notAttempted: 2,
            interrupted: 'server_shutdown',
          },
        ]),
      ),
    );
    const { user, dialog } = await openImportDialog();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile(formulaCsv));
    await startImport(user, dialog);

    expect(await within(dialog).findByText('Import interrupted')).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'The server restarted during the import: 2 rows were not attempted. Download them and import them again',
    );
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:not-attempted');
    URL.createObjectURL = createObjectURL;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await user.click(within(dialog).getByRole('button', { name: 'Download rows not attempted' }));
    const blob = createObjectURL.mock.calls[0]?.[0];
    // Only the two rows never reported, formula cells disarmed with a leading apostrophe.
    expect(await (blob as Blob).text()).toBe(
      "email,first name,last name\r\nnew2@acme.test,'@SUM(A1),Two\r\nnew3@acme.test,Three,'-3",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(
      screen.getByText(/Import interrupted: 1 invited · 1 skipped .* 2 rows were not attempted\./),
    ).toBeInTheDocument();
  });

  it('says so when the import is refused or cut short', async () => {
    server.use(
      http.post('/api/team/invitations/bulk', () =>
        errorResponse({ code: 'payload_too_large', message: 'At most 1,000 rows per import.' }),
      ),
    );
    const { user, dialog } = await openImportDialog();
    await user.upload(within(dialog).getByLabelText('CSV file'), csvFile());
    await startImport(user, dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'At most 1,000 rows per import.',
    );

    server.use(http.post('/api/team/invitations/bulk', () => ndjson(report.slice(0, 3))));
    await user.click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The connection closed before every row was processed.',
    );
    expect(within(dialog).getByRole('table', { name: 'Import report' })).toBeInTheDocument();
  });
});
