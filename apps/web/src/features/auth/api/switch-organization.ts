// POST /auth/switch-organization: the BFF answers Scalekit's authorize URL for the other
// organization; the browser follows it and comes back signed in there, on the same page.
import { routes, SwitchOrganizationResponseSchema } from '@app/contracts';
import { request } from '@/lib/api-client';
import { browserLocation } from '@/lib/browser-location';

export async function switchOrganization(organizationId: string, returnTo: string): Promise<void> {
  const { redirectTo } = await request(
    routes.switchOrganization,
    SwitchOrganizationResponseSchema,
    {
      method: 'POST',
      json: { organizationId, returnTo },
    },
  );
  browserLocation.assign(redirectTo);
}
