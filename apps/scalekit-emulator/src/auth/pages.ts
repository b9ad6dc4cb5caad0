// Server-rendered hosted pages: sign-in steps, organization picker, and the error and
// notice pages. Plain HTML forms (no JavaScript), one form per step, labelled fields,
// visible focus, and every value escaped.
import { SafeHtml, html, type Interpolation } from './html.js';

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; background: #f4f5f7; color: #1a1a1a; line-height: 1.5; }
  main { max-width: 26rem; margin: 4rem auto; padding: 2rem; background: #fff;
         border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  label, legend { display: block; font-weight: 600; margin-bottom: .35rem; }
  input[type=email], input[type=text] { width: 100%; box-sizing: border-box; padding: .6rem;
         font-size: 1rem; border: 1px solid #8a8f98; border-radius: 6px; }
  fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
  .choice { display: flex; gap: .5rem; align-items: center; padding: .5rem 0; font-weight: 400; }
  button { margin-top: 1rem; width: 100%; padding: .7rem; font-size: 1rem; border: 0;
         border-radius: 6px; background: #1d4ed8; color: #fff; cursor: pointer; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .hint { color: #4b5563; font-size: .95rem; }
  .error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; padding: .75rem;
         border-radius: 6px; }
  .tag { font-size: .8rem; background: #e0e7ff; color: #3730a3; border-radius: 4px;
         padding: 0 .35rem; }
`;

// The stylesheet is a constant of this module, so it is inserted as is.
const STYLE_SHEET = new SafeHtml(STYLE);

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${STYLE_SHEET}
        </style>
      </head>
      <body>
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
export function errorPage(title: string, message: string, hint?: string, link?: PageLink): string {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p role="alert">${message}</p>
      ${hint ? html`<p class="hint">${hint}</p>` : null} ${linkBlock(link)}`,
  );
}

export function noticePage(title: string, message: string, link?: PageLink): string {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>
      ${linkBlock(link)}`,
  );
}

export interface EmailStepView {
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
  requestId: string;
  appName: string;
  email: string;
  choices: OrganizationChoice[];
  error: string | null;
}

export function organizationStepPage(view: OrganizationStepView): string {
  return layout(
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
