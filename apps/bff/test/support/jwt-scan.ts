// Finds JWT-shaped strings (three base64url segments, the first decoding to a JOSE header).
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;

export function findJwts(text: string): string[] {
  return [...text.matchAll(JWT_SHAPE)].map((match) => match[0]);
}
