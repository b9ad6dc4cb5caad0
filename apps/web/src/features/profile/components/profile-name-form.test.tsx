import { routes } from '@app/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';
import { http } from 'msw';

async function openProfile() {
  const view = renderApp('/dashboard/profile');
  const form = await screen.findByRole('region', { name: 'Your name' });
  return { ...view, form };
}

describe('editing your own name on the profile', () => {
  it('saves the new name and shows it on the page and in the navigation at once', async () => {
    const { user, form } = await openProfile();
    await expectNoAxeViolations();
    const first = within(form).getByRole('textbox', { name: 'First name' });
    const last = within(form).getByRole('textbox', { name: 'Last name' });
    await user.clear(first);
    await user.type(first, ' Augusta ');
    await user.clear(last);
    await user.type(last, 'King');
    await user.click(within(form).getByRole('button', { name: 'Save name' }));

    expect(await screen.findByText('Your name is saved.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Augusta King' })).toBeInTheDocument();
    expect(first).toHaveValue('Augusta');
    await user.click(screen.getByRole('button', { name: /account menu/ }));
    expect(screen.getByText('Augusta King', { selector: '.user-menu__name' })).toBeInTheDocument();
    const [sent] = bff.writes();
    expect(sent).toMatchObject({ method: 'PATCH', path: routes.profile, csrf: '1' });
    expect(JSON.parse(sent?.body ?? '')).toEqual({ givenName: 'Augusta', familyName: 'King' });
    // Nothing left to save: the button waits for the next change.
    expect(within(form).getByRole('button', { name: 'Save name' })).toBeDisabled();
  });

  it('says which field is wrong before sending anything', async () => {
    const { user, form } = await openProfile();
    await user.clear(within(form).getByRole('textbox', { name: 'First name' }));
    await user.click(within(form).getByRole('button', { name: 'Save name' }));
    expect(within(form).getByRole('textbox', { name: 'First name' })).toHaveAccessibleDescription(
      'Enter your first name',
    );
    expect(within(form).getByRole('textbox', { name: 'First name' })).toBeInvalid();
    expect(bff.writes()).toEqual([]);
    await expectNoAxeViolations();
  });

  it('shows the BFF’s refusal on the field it names, and other failures above the form', async () => {
    server.use(
      http.patch(routes.profile, () =>
        errorResponse({
          code: 'validation_failed',
          message: 'Check the name',
          issues: [{ path: 'familyName', message: 'Control characters are not allowed' }],
        }),
      ),
    );
    const { user, form } = await openProfile();
    const last = within(form).getByRole('textbox', { name: 'Last name' });
    await user.type(last, 'x');
    await user.click(within(form).getByRole('button', { name: 'Save name' }));
    expect(await within(form).findByText('Control characters are not allowed')).toBeInTheDocument();
    expect(last).toHaveAccessibleDescription('Control characters are not allowed');

    server.use(
      http.patch(routes.profile, () =>
        errorResponse({ code: 'identity_unavailable', message: 'Unavailable' }),
      ),
    );
    await user.click(within(form).getByRole('button', { name: 'Save name' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Your name was not saved');
  });
});
