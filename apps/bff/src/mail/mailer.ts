// Sends the BFF's own emails (join-request links, decisions on requests) over SMTP with
// nodemailer. Without an SMTP URL the mailer is unavailable and says so; nothing is queued.
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

/** Header naming the kind of email, so tests and tools can tell them apart. */
export const MAIL_KIND_HEADER = 'X-Teamspace-Mail-Kind';

export type MailKind = 'join-link' | 'join-no-team' | 'request-received' | 'request-declined';

export interface OutgoingMail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** False when no SMTP server is configured: features that must email are off. */
  readonly available: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * smtp://user:pass@host:port (smtps: for implicit TLS); `?ignoreTLS=true` or
 * `?requireTLS=true` control STARTTLS. Short timeouts: a request waits on the send.
 */
export function smtpOptions(smtpUrl: string): SMTPTransport.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const options: SMTPTransport.Options = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 25,
    secure,
    ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
    requireTLS: url.searchParams.get('requireTLS') === 'true',
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10_000,
  };
  if (url.username) {
    options.auth = {
      user: decodeURIComponent(url.username),
      pass: decodeURIComponent(url.password),
    };
  }
  return options;
}

class SmtpMailer implements Mailer {
  readonly available = true;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpOptions(smtpUrl));
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { [MAIL_KIND_HEADER]: mail.kind },
    });
  }

  close(): void {
    this.transport.close();
  }
}

const unavailable: Mailer = {
  available: false,
  send() {
    return Promise.reject(new Error('no SMTP server is configured (SMTP_URL)'));
  },
  close() {
    // Nothing to close.
  },
};

export function createMailer(config: { smtpUrl: string | undefined; from: string }): Mailer {
  return config.smtpUrl === undefined ? unavailable : new SmtpMailer(config.smtpUrl, config.from);
}
