// GET /portal/<link id>: where an admin portal link leads. Scalekit's portal is where an
// organization's admins set up SSO and SCIM, products the emulator does not emulate, so the
// page says what the link is, for which organization, and until when its session lasts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../domain.js';
import {
  PORTAL_PATH_PREFIX,
  PORTAL_SESSION_TTL_MS,
  type PortalLinks,
} from '../directory/portal-links.js';
import { html } from './html.js';
import { appendCookie, parseCookies, sendHtml, sendJson } from './http.js';
import { branding, errorPage, layout } from './pages.js';

const PORTAL_COOKIE = 'scalekit_emulator_portal';

export function createPortalPage(deps: { ctx: EmulatorContext; links: PortalLinks }) {
  const { ctx, links } = deps;
  return function handlePortal(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method_not_allowed' });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    // Link ids are plain (lnk_ and digits): the path is compared as it arrives, undecoded.
    const linkId = path.slice(PORTAL_PATH_PREFIX.length);
    const visit = links.visit(linkId, parseCookies(req).get(PORTAL_COOKIE));
    if (!visit.open) {
      sendHtml(
        res,
        410,
        errorPage(
          branding(ctx),
          'This admin portal link has expired',
          'An admin portal link works once, within a minute of being generated.',
          'Ask the application for a new link (organization.generatePortalLink).',
        ),
      );
      return;
    }
    if (visit.newSessionToken !== undefined) {
      appendCookie(res, PORTAL_COOKIE, visit.newSessionToken, {
        maxAgeSeconds: PORTAL_SESSION_TTL_MS / 1000,
        secure: ctx.settings.issuer.startsWith('https:'),
      });
    }
    const features = visit.link.features.length > 0 ? visit.link.features.join(', ') : 'all';
    sendHtml(
      res,
      200,
      layout(
        branding(ctx),
        'Admin portal',
        html`<h1>Admin portal for ${visit.organization.displayName}</h1>
          <p>
            This is where Scalekit's admin portal would open: the page where an organization's
            administrators set up single sign-on and SCIM directory sync themselves.
          </p>
          <p>
            The Scalekit emulator does not emulate SSO or SCIM, so there is nothing to configure
            here. The link itself works as Scalekit's does: it opens once, within a minute of being
            generated, and starts a six-hour portal session in this browser.
          </p>
          <dl>
            <dt>Link</dt>
            <dd>${visit.link.id}</dd>
            <dt>Organization</dt>
            <dd>${visit.organization.id}</dd>
            <dt>Features asked for</dt>
            <dd>${features}</dd>
          </dl>`,
      ),
    );
  };
}
