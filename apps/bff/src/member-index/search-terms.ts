// What a member search matches in the member index: a prefix of any tail of the member's name,
// email or external id that starts at a word ("love" finds Ada Lovelace, "ada@" her address, "acme.test" everyone
// at that domain). Prefix ranges read straight off an index, so a search costs the same in an
// organization of 100 or of 100,000.
import type { Member } from '@app/contracts';

/** Where a new word starts: after a space in a name, after `@ . _ + -` or a space in an email. */
const NAME_BREAK = /\s+/u;
const EMAIL_BREAK = /[\s@._+-]+/u;

/** Above every character, so `[text, text + TERM_END)` holds every term that starts with text. */
export const TERM_END = '\u{10FFFF}';

/** The form both terms and searches are compared in. */
export function searchKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/gu, ' ');
}

function tails(text: string, separator: RegExp): string[] {
  const found: string[] = [];
  const pattern = new RegExp(separator.source, 'gu');
  if (text !== '') found.push(text);
  for (const match of text.matchAll(pattern)) {
    const tail = text.slice(match.index + match[0].length);
    if (tail !== '') found.push(tail);
  }
  return found;
}

/** The distinct search terms of a member: name, email and external id (split like an email). */
export function searchTermsOf(
  member: Pick<Member, 'name' | 'email'> & Partial<Pick<Member, 'externalId'>>,
): string[] {
  return [
    ...new Set([
      ...tails(searchKey(member.name), NAME_BREAK),
      ...tails(searchKey(member.email), EMAIL_BREAK),
      ...tails(searchKey(member.externalId ?? ''), EMAIL_BREAK),
    ]),
  ];
}
