// The emails of the approval inbox: the link that proves a join request's address, the answer
// when no team takes requests from it, "your request was received" and "it was declined".
import type { OutgoingMail } from '../mail/mailer.js';

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function html(paragraphs: string[], link?: { href: string; label: string }): string {
  const body = paragraphs.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const button =
    link === undefined
      ? ''
      : `\n<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`;
  return `<!doctype html><html><body>\n${body}${button}\n</body></html>`;
}

export function joinLinkMail(to: string, link: string, ttlMinutes: number): OutgoingMail {
  const lines = [
    'Someone (we hope you) asked to join a team on Teamspace with this address.',
    `Confirm the request within ${ttlMinutes} minutes; the link works once. If it was not you, ignore this email.`,
  ];
  return {
    kind: 'join-link',
    to,
    subject: 'Confirm your request to join on Teamspace',
    text: `${lines.join('\n\n')}\n\n${link}\n`,
    html: html(lines, { href: link, label: 'Confirm my request' }),
  };
}

export function joinNoTeamMail(to: string, domain: string): OutgoingMail {
  const lines = [
    `No team on Teamspace accepts requests to join from addresses at ${domain}.`,
    'Ask someone in your team to invite you instead.',
  ];
  return {
    kind: 'join-no-team',
    to,
    subject: 'Your request to join on Teamspace',
    text: `${lines.join('\n\n')}\n`,
    html: html(lines),
  };
}

export function requestReceivedMail(
  to: string,
  organizationNames: string[],
  statusLink: string,
): OutgoingMail {
  const teams = organizationNames.join(', ');
  const lines = [
    `Your request to join ${teams} was received. An admin will approve or decline it.`,
    'If it is approved, an invitation follows by email. See where it stands at any time:',
  ];
  return {
    kind: 'request-received',
    to,
    subject: `Your request to join ${teams} was received`,
    text: `${lines.join('\n\n')}\n\n${statusLink}\n`,
    html: html(lines, { href: statusLink, label: 'See my request' }),
  };
}

export function requestDeclinedMail(
  to: string,
  subject: { email: string; organizationName: string; ownRequest: boolean },
  reason: string,
): OutgoingMail {
  const what = subject.ownRequest
    ? `Your request to join ${subject.organizationName || 'the team'}`
    : `Your request to invite ${subject.email} to ${subject.organizationName || 'the team'}`;
  const lines = [`${what} was declined.`, `Reason given: ${reason}`];
  return {
    kind: 'request-declined',
    to,
    subject: `${what} was declined`,
    text: `${lines.join('\n\n')}\n`,
    html: html(lines),
  };
}
