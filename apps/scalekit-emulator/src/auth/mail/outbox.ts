// The mail outbox: every email is written to auth_outbox first, then delivered over SMTP
// (nodemailer, loaded with the first delivery) and retried with backoff until the server takes it.
import type Database from 'better-sqlite3';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmulatorSettings } from '../../domain.js';
import { randomId } from '../crypto.js';
import { RetryQueue } from '../retry-queue.js';
import type { MailContent } from './templates.js';
import { prepared } from '../statements.js';

/** Header naming the kind of email, so tests and tools can tell them apart. */
export const MAIL_KIND_HEADER = 'X-Scalekit-Emulator-Kind';

interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

export class MailOutbox {
  private readonly queue: RetryQueue<OutboxRow>;
  private transport: Promise<Transporter> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly settings: EmulatorSettings,
  ) {
    this.queue = new RetryQueue<OutboxRow>({
      db,
      table: 'auth_outbox',
      baseDelayMs: settings.deliveryRetryBaseMs,
      deliver: (row) => this.deliver(row),
    });
  }

  /** Starts delivering what earlier runs left behind. */
  start(): void {
    if (this.settings.smtpUrl) this.queue.kick();
  }

  enqueue(mail: MailContent): string {
    const id = randomId('msg');
    const now = Date.now();
    prepared(
      this.db,
      `INSERT INTO auth_outbox (id, kind, recipient, subject, text_body, html_body, created_at,
          next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, mail.kind, mail.to, mail.subject, mail.text, mail.html, now, now);
    // Without an SMTP URL the email stays recorded in the outbox only.
    if (this.settings.smtpUrl) this.queue.kick();
    return id;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  async close(): Promise<void> {
    await this.queue.close();
    (await this.transport?.catch(() => null))?.close();
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const url = this.settings.smtpUrl;
    if (!url) throw new Error('no SMTP URL configured');
    this.transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport(smtpOptions(url)),
    );
    const transport = await this.transport;
    await transport.sendMail({
      from: this.settings.mailFrom,
      to: row.recipient,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      // A stable Message-ID lets receivers drop a duplicate after an ambiguous failure.
      messageId: `<${row.id}@scalekit-emulator.local>`,
      headers: { [MAIL_KIND_HEADER]: row.kind },
    });
  }
}

/**
 * smtp://user:pass@host:port (smtps: for implicit TLS); `?ignoreTLS=true` or
 * `?requireTLS=true` control STARTTLS. Timeouts are short: a dead server is retried later
 * rather than waited on.
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
    socketTimeout: 10000,
  };
  if (url.username) {
    options.auth = {
      user: decodeURIComponent(url.username),
      pass: decodeURIComponent(url.password),
    };
  }
  return options;
}
