// Identifiers in Scalekit's shape: a type prefix and 18 random digits (e.g. usr_102701193205121289).
import { randomInt } from 'node:crypto';

export type IdPrefix = 'org' | 'usr' | 'dom' | 'role' | 'perm' | 'lnk';

export function newId(prefix: IdPrefix): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < 18) digits += String(randomInt(0, 10));
  return `${prefix}_${digits}`;
}
