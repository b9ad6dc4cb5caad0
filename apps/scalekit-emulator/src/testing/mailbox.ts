// A real SMTP receiver for tests (smtp-server + mailparser): start it, point the emulator's
// SMTP URL at it, and wait for the emails the emulator really sent.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type { ParsedMail } from 'mailparser';

export interface MailboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. Reuse a port to "restart" SMTP. */
  port?: number;
  host?: string;
}

export interface Mailbox {
  /** e.g. smtp://127.0.0.1:40123 (plain SMTP, no TLS, no auth). */
  smtpUrl: string;
  port: number;
  /** Every message received so far, in arrival order. */
  messages: ParsedMail[];
  /** The first message (already received or arriving later) that matches; rejects on timeout. */
  waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Forgets the messages received so far. */
  clear(): void;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (mail: ParsedMail) => boolean;
  resolve: (mail: ParsedMail) => void;
}

export async function startMailbox(options: MailboxOptions = {}): Promise<Mailbox> {
  const host = options.host ?? '127.0.0.1';
  const messages: ParsedMail[] = [];
  const waiters = new Set<Waiter>();

  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: nodemailer would otherwise try STARTTLS with a self-signed cert.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(mail)) {
              waiters.delete(waiter);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://${host}:${port}`,
    port,
    messages,
    waitFor(predicate, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ParsedMail>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = messages.map((mail) => mail.subject ?? '(no subject)').join(', ');
          reject(
            new Error(`no matching email within ${timeoutMs} ms (received: ${seen || 'none'})`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear() {
      messages.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Lower-cased recipient addresses of a message. */
export function recipients(mail: ParsedMail): string[] {
  const to: AddressObject[] =
    mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((group) =>
    group.value.flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : [])),
  );
}

/** Predicate: the message was sent to this address. */
export function sentTo(email: string): (mail: ParsedMail) => boolean {
  const wanted = email.toLowerCase();
  return (mail) => recipients(mail).includes(wanted);
}

/** The emulator's kind of email: "invitation" or "sign-in-code" (X-Scalekit-Emulator-Kind). */
export function mailKind(mail: ParsedMail): string | undefined {
  const value = mail.headers.get('x-scalekit-emulator-kind');
  return typeof value === 'string' ? value : undefined;
}

/** Predicate: an invitation email to this address. */
export function invitationTo(email: string): (mail: ParsedMail) => boolean {
  const to = sentTo(email);
  return (mail) => to(mail) && mailKind(mail) === 'invitation';
}

/** Predicate: a sign-in code email to this address. */
export function signInCodeTo(email: string): (mail: ParsedMail) => boolean {
  const to = sentTo(email);
  return (mail) => to(mail) && mailKind(mail) === 'sign-in-code';
}

/** Every distinct http(s) link in the text part (and the HTML part's hrefs). */
export function extractLinks(mail: ParsedMail): string[] {
  const links = new Set<string>();
  for (const match of (mail.text ?? '').matchAll(/https?:\/\/[^\s<>"')]+/g)) links.add(match[0]);
  const htmlBody = typeof mail.html === 'string' ? mail.html : '';
  for (const match of htmlBody.matchAll(/href="(https?:\/\/[^"]+)"/g)) {
    if (match[1]) links.add(match[1].replace(/&amp;/g, '&'));
  }
  return [...links];
}

/** The first link whose path is `pathname` (e.g. "/invite/accept"); throws if none. */
export function extractLink(mail: ParsedMail, pathname: string): string {
  const link = extractLinks(mail).find((candidate) => new URL(candidate).pathname === pathname);
  if (!link) throw new Error(`no ${pathname} link in "${mail.subject ?? ''}"`);
  return link;
}

/** The 6-digit one-time code of a sign-in email; throws if none. */
export function extractCode(mail: ParsedMail): string {
  const code = /\b(\d{6})\b/.exec(mail.text ?? '')?.[1];
  if (!code) throw new Error(`no 6-digit code in "${mail.subject ?? ''}"`);
  return code;
}
