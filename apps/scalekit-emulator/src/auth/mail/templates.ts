// The emails the emulator sends, each with a text and an HTML part; every user-supplied
// value goes through the escaping html template.
import { html, type SafeHtml } from '../html.js';

export interface MailContent {
  kind: 'invitation' | 'sign-in-code';
  to: string;
  subject: string;
  text: string;
  html: string;
}

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body style="font-family: system-ui, sans-serif; color: #1a1a1a; line-height: 1.5">
        ${body}
      </body>
    </html>`.value;
}

const buttonStyle =
  'display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none';

/** Subjects are plain text headers: strip line breaks so no header can be injected. */
function subjectLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function invitationEmail(input: {
  to: string;
  organizationName: string;
  inviterEmail: string | null;
  environmentName: string;
  link: string;
  expiresAt: Date;
}): MailContent {
  const inviter = input.inviterEmail ?? 'An administrator';
  const expires = input.expiresAt.toUTCString();
  const subject = subjectLine(`You are invited to join ${input.organizationName}`);
  const text = [
    `${inviter} invited you to join ${input.organizationName} on ${input.environmentName}.`,
    '',
    `Accept the invitation: ${input.link}`,
    '',
    `The link works once and expires on ${expires}.`,
    'If you did not expect this invitation, you can ignore this email.',
  ].join('\n');
  const body = html`<h1 style="font-size:20px">Join ${input.organizationName}</h1>
    <p>
      ${inviter} invited you to join <strong>${input.organizationName}</strong> on
      ${input.environmentName}.
    </p>
    <p><a href="${input.link}" style="${buttonStyle}">Accept the invitation</a></p>
    <p>Or open this link: <a href="${input.link}">${input.link}</a></p>
    <p>The link works once and expires on ${expires}.</p>
    <p style="color:#555">If you did not expect this invitation, you can ignore this email.</p>`;
  return { kind: 'invitation', to: input.to, subject, text, html: layout(subject, body) };
}

export function signInCodeEmail(input: {
  to: string;
  code: string;
  appName: string;
  magicLink: string;
  ttlSeconds: number;
}): MailContent {
  const minutes = Math.max(1, Math.round(input.ttlSeconds / 60));
  const subject = subjectLine(`Your sign-in code for ${input.appName}`);
  const text = [
    `Your sign-in code is ${input.code}`,
    '',
    `Or sign in with this link: ${input.magicLink}`,
    '',
    `The code and the link expire in ${minutes} minutes and work once.`,
    'If you did not try to sign in, you can ignore this email.',
  ].join('\n');
  const body = html`<h1 style="font-size:20px">Sign in to ${input.appName}</h1>
    <p>Your sign-in code is</p>
    <p style="font-size:28px;letter-spacing:6px;font-weight:bold">${input.code}</p>
    <p><a href="${input.magicLink}" style="${buttonStyle}">Sign in with one click</a></p>
    <p>The code and the link expire in ${minutes} minutes and work once.</p>
    <p style="color:#555">If you did not try to sign in, you can ignore this email.</p>`;
  return { kind: 'sign-in-code', to: input.to, subject, text, html: layout(subject, body) };
}
