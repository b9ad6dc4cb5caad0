// Starts MailDev on loopback: SMTP on DEV_INBOX_SMTP_PORT (1025), web UI on DEV_INBOX_WEB_PORT
// (1080). Mail is kept in .data/mail at the repository root, so it survives restarts.
import { mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const mailDirectory = fileURLToPath(new URL('../../.data/mail', import.meta.url));
mkdirSync(mailDirectory, { recursive: true });

const smtpPort = process.env.DEV_INBOX_SMTP_PORT ?? '1025';
const webPort = process.env.DEV_INBOX_WEB_PORT ?? '1080';
const child = spawn(
  process.execPath,
  [
    require.resolve('maildev/bin/maildev'),
    '--smtp',
    smtpPort,
    '--web',
    webPort,
    '--ip',
    '127.0.0.1',
    '--mail-directory',
    mailDirectory,
  ],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
