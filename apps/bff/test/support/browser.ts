// A minimal browser for tests: a cookie jar, manual redirects, and a record of every response
// (status, headers, body) so tests can scan all of it for tokens.
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/contracts';

export interface RecordedResponse {
  url: string;
  status: number;
  headers: Headers;
  setCookies: string[];
  body: string;
}

export interface BrowserRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Adds `x-csrf: 1` and the app's Origin, as the SPA's fetch calls do. */
  csrf?: boolean;
  /** `html` sends Accept: text/html (a navigation); default JSON. */
  accept?: 'html' | 'json';
}

export class Browser {
  /** Base URL requests go to (an instance of the BFF). */
  baseUrl: string;
  /** The app's public origin (APP_PUBLIC_URL). */
  readonly publicOrigin: string;
  readonly cookies = new Map<string, string>();
  readonly responses: RecordedResponse[] = [];
  /** Sent with every request (e.g. what a TLS proxy in front of the app adds). */
  private readonly defaultHeaders: Record<string, string>;

  constructor(baseUrl: string, publicOrigin: string, defaultHeaders: Record<string, string> = {}) {
    this.baseUrl = baseUrl;
    this.publicOrigin = publicOrigin;
    this.defaultHeaders = defaultHeaders;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Path of an absolute URL on the app's origin, so it can be sent to any instance. */
  localPath(url: string): string {
    const parsed = new URL(url, this.publicOrigin);
    return `${parsed.pathname}${parsed.search}`;
  }

  async request(path: string, init: BrowserRequest = {}): Promise<RecordedResponse> {
    const headers: Record<string, string> = {
      accept: init.accept === 'html' ? 'text/html,application/xhtml+xml' : 'application/json',
      ...this.defaultHeaders,
      ...init.headers,
    };
    if (init.csrf === true) {
      headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
      headers.origin = this.publicOrigin;
    }
    const cookie = this.cookieHeader();
    if (cookie !== '') headers.cookie = cookie;
    const response = await fetch(new URL(path, this.baseUrl), {
      method: init.method ?? 'GET',
      headers,
      body: init.body,
      redirect: 'manual',
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.applySetCookie(line);
    const recorded: RecordedResponse = {
      url: path,
      status: response.status,
      headers: response.headers,
      setCookies,
      body: await response.text(),
    };
    this.responses.push(recorded);
    return recorded;
  }

  get(path: string, init: Omit<BrowserRequest, 'method'> = {}): Promise<RecordedResponse> {
    return this.request(path, init);
  }

  post(path: string, init: Omit<BrowserRequest, 'method'> = {}): Promise<RecordedResponse> {
    return this.request(path, { csrf: true, ...init, method: 'POST' });
  }

  private applySetCookie(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key = '', val = ''] = attribute.split('=').map((part) => part.trim());
      if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
      if (key.toLowerCase() === 'expires') return new Date(val).getTime() <= Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** Every status line, header and body seen so far, for secret scans. */
  transcript(): string {
    return this.responses
      .map(
        (r) =>
          `${r.status} ${r.url}\n${[...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${r.body}`,
      )
      .join('\n\n');
  }
}
