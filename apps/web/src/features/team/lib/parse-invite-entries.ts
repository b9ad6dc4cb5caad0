// Reads what an admin typed in the invite dialog: addresses separated by commas, semicolons
// or new lines, each optionally written as `Ada Lovelace <ada@example.com>`.

export interface InviteEntry {
  /** What the admin typed, for messages and for putting failed entries back. */
  source: string;
  email: string;
  givenName: string | undefined;
  familyName: string | undefined;
}

const NAMED = /^(.*?)\s*<([^<>]*)>$/;

export function parseInviteEntries(text: string): InviteEntry[] {
  const seen = new Set<string>();
  const entries: InviteEntry[] = [];
  for (const part of text.split(/[\n,;]+/)) {
    const source = part.trim();
    if (source === '') continue;
    const named = NAMED.exec(source);
    const email = (named ? (named[2] ?? '') : source).trim();
    const name = (named?.[1] ?? '').replace(/^["']|["']$/g, '').trim();
    const [given, ...family] = name.split(/\s+/).filter(Boolean);
    // The same address twice would only produce an "already a member" error for the second.
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({
      source,
      email,
      givenName: given,
      familyName: family.length > 0 ? family.join(' ') : undefined,
    });
  }
  return entries;
}
