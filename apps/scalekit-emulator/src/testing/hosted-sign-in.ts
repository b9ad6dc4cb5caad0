// Drives the emulator's hosted sign-in page over plain HTTP, as a browser without JavaScript
// would: email, then the code (424242 for "+sktest" addresses, else read from the mailbox),
// then the organization picker, until the redirect back to the application.
import { CookieJar } from './cookie-jar.js';
import { extractCode, signInCodeTo, type Mailbox } from './mailbox.js';

export interface SignInThroughHostedPageOptions {
  /** An /oauth/authorize URL (e.g. from the SDK's getAuthorizationUrl). */
  authorizeUrl: string;
  email: string;
  /** The one-time code to type; default 424242 for "+sktest" addresses, else from `mailbox`. */
  code?: string;
  /** Where the sign-in code email arrives (needed for ordinary addresses without `code`). */
  mailbox?: Mailbox;
  /** Carries the emulator's cookies across calls (a second authorize then skips the page). */
  cookieJar?: CookieJar;
  /** Organization to pick when the picker shows; default the first choice. */
  organizationId?: string;
}

export interface HostedSignInResult {
  /** The final redirect to the application's redirect URI. */
  redirectUrl: string;
  code: string | null;
  state: string | null;
  /** OAuth error sent back to the application, if any (e.g. login_required). */
  error: string | null;
  cookieJar: CookieJar;
  /** Number of hosted pages shown on the way (0 when the session answered directly). */
  pagesShown: number;
}

/** Thrown when the hosted page stops on a page without a way forward (e.g. invite-only refusal). */
export class HostedPageError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly html: string,
  ) {
    super(message);
  }
}

const TEST_CODE = '424242';
const MAX_STEPS = 20;

interface Form {
  action: string;
  fields: Map<string, string>;
  radios: Map<string, string[]>;
}

export async function signInThroughHostedPage(
  options: SignInThroughHostedPageOptions,
): Promise<HostedSignInResult> {
  const jar = options.cookieJar ?? new CookieJar();
  const origin = new URL(options.authorizeUrl).origin;
  let pagesShown = 0;
  // Emails that arrived before the email step cannot carry this sign-in's code.
  let mailsBeforeEmailStep = options.mailbox?.messages.length ?? 0;
  let response = await send(jar, options.authorizeUrl);

  for (let step = 0; step < MAX_STEPS; step++) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, response.url || origin);
      if (next.origin !== origin || !isEmulatorPath(next.pathname)) {
        return result(next, jar, pagesShown);
      }
      response = await send(jar, next.toString());
      continue;
    }
    const html = await response.text();
    const form = parseForm(html);
    if (!form)
      throw new HostedPageError(describePage(html, response.status), response.status, html);
    pagesShown++;
    const body = new URLSearchParams(form.fields);
    const action = new URL(form.action, origin);
    if (action.pathname === '/sign-in/email') {
      body.set('email', options.email);
      mailsBeforeEmailStep = options.mailbox?.messages.length ?? 0;
    } else if (action.pathname === '/sign-in/code') {
      body.set('code', await codeFor(options, mailsBeforeEmailStep));
    } else if (action.pathname === '/sign-in/organization') {
      const choices = form.radios.get('organization_id') ?? [];
      const chosen = options.organizationId ?? choices[0];
      if (chosen === undefined) throw new HostedPageError('no organization to pick', 200, html);
      body.set('organization_id', chosen);
    }
    if (response.status >= 400) {
      throw new HostedPageError(describePage(html, response.status), response.status, html);
    }
    response = await send(jar, action.toString(), body);
  }
  throw new Error('the hosted page did not finish');
}

async function codeFor(
  options: SignInThroughHostedPageOptions,
  mailsBefore: number,
): Promise<string> {
  if (options.code !== undefined) return options.code;
  if (options.email.includes('+sktest')) return TEST_CODE;
  const mailbox = options.mailbox;
  if (!mailbox) throw new Error('pass `mailbox` (or `code`) for an ordinary address');
  const toUser = signInCodeTo(options.email);
  const mail = await mailbox.waitFor(
    (candidate) => toUser(candidate) && mailbox.messages.indexOf(candidate) >= mailsBefore,
  );
  return extractCode(mail);
}

function isEmulatorPath(pathname: string): boolean {
  return (
    pathname.startsWith('/sign-in') ||
    pathname.startsWith('/oauth/') ||
    pathname.startsWith('/invite/')
  );
}

async function send(jar: CookieJar, url: string, form?: URLSearchParams): Promise<Response> {
  const headers: Record<string, string> = {};
  const cookie = jar.header();
  if (cookie) headers.cookie = cookie;
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    headers,
    body: form?.toString(),
    redirect: 'manual',
  });
  jar.store(response);
  return response;
}

function result(url: URL, jar: CookieJar, pagesShown: number): HostedSignInResult {
  return {
    redirectUrl: url.toString(),
    code: url.searchParams.get('code'),
    state: url.searchParams.get('state'),
    error: url.searchParams.get('error'),
    cookieJar: jar,
    pagesShown,
  };
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([a-zA-Z_:-]+)="([^"]*)"/g)) {
    if (match[1] !== undefined && match[2] !== undefined) found.set(match[1], decode(match[2]));
  }
  return found;
}

/** The page's one form: its action, hidden fields and radio choices. */
export function parseForm(html: string): Form | null {
  const match = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!match) return null;
  const action = attributes(match[1] ?? '').get('action');
  if (action === undefined) return null;
  const fields = new Map<string, string>();
  const radios = new Map<string, string[]>();
  for (const input of (match[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
    const attrs = attributes(input[0]);
    const name = attrs.get('name');
    if (name === undefined) continue;
    const type = attrs.get('type') ?? 'text';
    if (type === 'hidden') fields.set(name, attrs.get('value') ?? '');
    if (type === 'radio') radios.set(name, [...(radios.get(name) ?? []), attrs.get('value') ?? '']);
  }
  return { action, fields, radios };
}

function describePage(html: string, status: number): string {
  const text = (pattern: RegExp) =>
    decode(
      (pattern.exec(html)?.[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  const heading = text(/<h1[^>]*>([\s\S]*?)<\/h1>/i);
  const alert = text(/role="alert"[^>]*>([\s\S]*?)<\/p>/i);
  return `hosted page stopped (${status}): ${[heading, alert].filter(Boolean).join(' - ')}`;
}
