// Server-rendered hosted pages: sign-in steps, organization picker, and the error and
// notice pages. Plain HTML forms (no JavaScript), one form per step, labelled fields,
// visible focus, and every value escaped.
import type { Branding, EmulatorContext } from '../domain.js';
import { HEX_COLOUR } from '../seed.js';
import { SafeHtml, html, type Interpolation } from './html.js';

/** Without branding in the seed: the emulator's own plain look. */
export const DEFAULT_BRANDING: Branding = { name: 'Scalekit emulator', primaryColor: '#3b4fd8' };

/** The environment's branding for its hosted pages. */
export function branding(ctx: EmulatorContext): Branding {
  return ctx.seed.branding ?? DEFAULT_BRANDING;
}

// The app's design tokens (apps/web/src/styles/tokens.css); the primary colour comes from the
// branding, and prefers-color-scheme switches the palette (no JavaScript on these pages).
const STYLE = `
  :root { color-scheme: light dark;
    font-family: 'Inter', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;
    --bg: #f6f7f9; --surface: #ffffff; --border: #dde1e7; --border-strong: #b9c0ca;
    --text: #161a21; --muted: #535c6b; --on-primary: #ffffff; --primary: var(--brand);
    --danger: #b42318; --danger-soft: #fdecea; --soft: #eceffe;
    --shadow: 0 4px 16px rgb(16 20 28 / 0.08); }
  @media (prefers-color-scheme: dark) {
    :root { --bg: #0f1217; --surface: #171b22; --border: #2c323d; --border-strong: #48505e;
      --text: #e8ebf0; --muted: #a3acba; --on-primary: #0f1217; --primary: var(--brand-dark);
      --danger: #ff8a80; --danger-soft: #3a1d1c; --soft: #232a4d;
      --shadow: 0 4px 16px rgb(0 0 0 / 0.45); } }
  body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.5; }
  .brand { display: flex; gap: .75rem; align-items: center; justify-content: center;
    margin: 3rem auto 0; font-weight: 600; font-size: 1.125rem; }
  .brand img { width: 2rem; height: 2rem; }
  main { max-width: 26rem; margin: 1.5rem auto 3rem; padding: 2rem; background: var(--surface);
    border: 1px solid var(--border); border-radius: 14px; box-shadow: var(--shadow); }
  @media (max-width: 30rem) { main { margin: 1rem; padding: 1.5rem; } .brand { margin-top: 2rem; } }
  h1 { font-size: 1.375rem; margin: 0 0 1rem; }
  a { color: var(--primary); }
  label, legend { display: block; font-weight: 600; margin-bottom: .35rem; }
  input[type=email], input[type=text] { width: 100%; box-sizing: border-box; height: 2.5rem;
    padding: 0 .75rem; font: inherit; color: var(--text); background: var(--surface);
    border: 1px solid var(--border-strong); border-radius: 6px; }
  fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
  .choice { display: flex; gap: .5rem; align-items: center; padding: .5rem 0; font-weight: 400; }
  input[type=radio] { accent-color: var(--primary); }
  button { margin-top: 1rem; width: 100%; height: 2.5rem; font: inherit; font-weight: 500;
    border: 0; border-radius: 6px; background: var(--primary); color: var(--on-primary);
    cursor: pointer; }
  :focus-visible { outline: none; box-shadow: 0 0 0 3px var(--surface), 0 0 0 5px var(--primary); }
  .hint { color: var(--muted); font-size: .875rem; }
  .error { color: var(--danger); background: var(--danger-soft); padding: .75rem;
    border-radius: 6px; }
  .tag { font-size: .75rem; background: var(--soft); color: var(--primary); border-radius: 999px;
    padding: 0 .5rem; }
`;

// The stylesheet is a constant of this module, so it is inserted as is.
const STYLE_SHEET = new SafeHtml(STYLE);

/** The colours as CSS: the seed schema lets only "#rrggbb" through; anything else is dropped. */
function brandColours(branding: Branding): SafeHtml {
  const light = HEX_COLOUR.test(branding.primaryColor)
    ? branding.primaryColor
    : DEFAULT_BRANDING.primaryColor;
  const dark =
    branding.primaryColorDark !== undefined && HEX_COLOUR.test(branding.primaryColorDark)
      ? branding.primaryColorDark
      : light;
  return new SafeHtml(`:root { --brand: ${light}; --brand-dark: ${dark}; }`);
}

function logoSource(branding: Branding): string | null {
  if (branding.logoSvg !== undefined)
    // As an <img> the SVG cannot run scripts or touch the page; escaped as an attribute.
    return `data:image/svg+xml,${encodeURIComponent(branding.logoSvg)}`;
  // The seed allows only http(s) URLs; a hand-built Branding gets the same rule here.
  return branding.logoUrl !== undefined && /^https?:\/\//i.test(branding.logoUrl)
    ? branding.logoUrl
    : null;
}

export function layout(branding: Branding, title: string, body: SafeHtml): string {
  const logo = logoSource(branding);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        ${logo ? html`<link rel="icon" href="${logo}" />` : null}
        <style>
          ${brandColours(branding)}
          ${STYLE_SHEET}
        </style>
      </head>
      <body>
        <header class="brand">
          ${logo ? html`<img src="${logo}" alt="" />` : null}<span>${branding.name}</span>
        </header>
        <main>${body}</main>
      </body>
    </html>`.value;
}

function errorBlock(id: string, message: string | null): Interpolation {
  return message ? html`<p class="error" id="${id}" role="alert">${message}</p>` : null;
}

export interface PageLink {
  href: string;
  text: string;
}

function linkBlock(link: PageLink | undefined): Interpolation {
  return link ? html`<p><a href="${link.href}">${link.text}</a></p>` : null;
}

/** A page that ends the flow; `link` gives people a way back (e.g. to the app's sign-in). */
export function errorPage(
  branding: Branding,
  title: string,
  message: string,
  hint?: string,
  link?: PageLink,
): string {
  return layout(
    branding,
    title,
    html`<h1>${title}</h1>
      <p role="alert">${message}</p>
      ${hint ? html`<p class="hint">${hint}</p>` : null} ${linkBlock(link)}`,
  );
}

export function noticePage(
  branding: Branding,
  title: string,
  message: string,
  link?: PageLink,
): string {
  return layout(
    branding,
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>
      ${linkBlock(link)}`,
  );
}

export interface EmailStepView {
  branding: Branding;
  requestId: string;
  appName: string;
  mode: 'sign-in' | 'create';
  email: string;
  error: string | null;
}

export function emailStepPage(view: EmailStepView): string {
  const title =
    view.mode === 'create' ? `Create your ${view.appName} account` : `Sign in to ${view.appName}`;
  const describedBy = view.error ? 'email-hint email-error' : 'email-hint';
  return layout(
    view.branding,
    title,
    html`<h1>${title}</h1>
      ${errorBlock('email-error', view.error)}
      <form method="post" action="/sign-in/email" novalidate>
        <input type="hidden" name="request" value="${view.requestId}" />
        <label for="email">Work email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          required
          autofocus
          value="${view.email}"
          aria-describedby="${describedBy}"
          ${view.error ? html`aria-invalid="true"` : null}
        />
        <p class="hint" id="email-hint">
          ${
            view.mode === 'create'
              ? 'Sign-up is by invitation only: use the address your invitation was sent to.'
              : 'We will email you a one-time code and a sign-in link.'
          }
        </p>
        <button type="submit">Continue</button>
      </form>`,
  );
}

export interface CodeStepView {
  branding: Branding;
  requestId: string;
  appName: string;
  email: string;
  error: string | null;
  ttlMinutes: number;
  /** A "+sktest" address: no email is sent, the fixed test code works. */
  testAddress: boolean;
}

export function codeStepPage(view: CodeStepView): string {
  const describedBy = view.error ? 'code-hint code-error' : 'code-hint';
  // No email goes to a test address, so "Check your email" would send people looking for one.
  const heading = view.testAddress ? 'Enter your test code' : 'Check your email';
  return layout(
    view.branding,
    `Enter your code - ${view.appName}`,
    html`<h1>${heading}</h1>
      ${errorBlock('code-error', view.error)}
      <form method="post" action="/sign-in/code" novalidate>
        <input type="hidden" name="request" value="${view.requestId}" />
        <label for="code">6-digit code</label>
        <input
          id="code"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          maxlength="6"
          required
          autofocus
          aria-describedby="${describedBy}"
          ${view.error ? html`aria-invalid="true"` : null}
        />
        <p class="hint" id="code-hint">
          ${
            view.testAddress
              ? html`<strong>${view.email}</strong> is a test address: no email is sent, enter the
                  test code 424242.`
              : html`We sent a code and a sign-in link to <strong>${view.email}</strong>. They
                  expire in ${view.ttlMinutes} minutes.`
          }
        </p>
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/sign-in?request=${encodeURIComponent(view.requestId)}&amp;step=email"
          >Use a different email</a
        >
      </p>`,
  );
}

export interface OrganizationChoice {
  id: string;
  name: string;
  pending: boolean;
  /** Not a member yet: an allowed email domain lets the person join. */
  joinable: boolean;
}

export interface OrganizationStepView {
  branding: Branding;
  requestId: string;
  appName: string;
  email: string;
  choices: OrganizationChoice[];
  error: string | null;
}

export function organizationStepPage(view: OrganizationStepView): string {
  return layout(
    view.branding,
    `Choose an organization - ${view.appName}`,
    html`<h1>Choose an organization</h1>
      ${errorBlock('organization-error', view.error)}
      <form method="post" action="/sign-in/organization">
        <input type="hidden" name="request" value="${view.requestId}" />
        <fieldset>
          <legend>Continue to ${view.appName} as ${view.email} in</legend>
          ${view.choices.map(
            (choice, index) =>
              html`<label class="choice">
                <input
                  type="radio"
                  name="organization_id"
                  value="${choice.id}"
                  required
                  ${index === 0 ? html`checked autofocus` : null}
                />
                <span>${choice.name}</span>
                ${choice.pending ? html`<span class="tag">invitation</span>` : null}
                ${choice.pending || choice.joinable ? html`<span class="tag">Join</span>` : null}
              </label>`,
          )}
        </fieldset>
        <button type="submit">Continue</button>
      </form>`,
  );
}
