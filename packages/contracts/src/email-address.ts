// Checks an email address the way the product accepts it, internationalised domains included:
// the domain must be in its ASCII form, and every `xn--` label must be a real A-label (valid
// Punycode of a lower-case, NFC, letters-digits-marks label with at least one non-ASCII
// character), so `a@xn--.com` is refused. Plain functions without Node imports: the SPA runs
// this schema in the browser too.

/** The local part as accepted before (letters, digits, `_'+-.`; no leading, trailing or double dot). */
const LOCAL_PART = /^(?!\.)(?!.*\.\.)[a-z0-9_'+\-.]*[a-z0-9_+-]$/;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const U_LABEL_CHARACTERS = /^[\p{L}\p{M}\p{N}-]+$/u;

// RFC 3492 (Punycode) parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_CODE_POINT = 0x10ffff;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) / 2) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitValue(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** Decodes Punycode (the part after `xn--`); undefined when it is not valid Punycode. */
export function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (const char of delimiter > 0 ? input.slice(0, delimiter) : '') {
    const code = char.charCodeAt(0);
    if (code >= 0x80) return undefined;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  let index = delimiter > 0 ? delimiter + 1 : 0;
  while (index < input.length) {
    const before = i;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      const char = input[index];
      index += 1;
      if (char === undefined) return undefined;
      const digit = digitValue(char);
      if (digit >= BASE) return undefined;
      i += digit * weight;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      weight *= BASE - threshold;
      if (i > MAX_CODE_POINT * (output.length + 1) || weight > Number.MAX_SAFE_INTEGER / BASE) {
        return undefined;
      }
    }
    const length = output.length + 1;
    bias = adapt(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i, 0, n);
    i += 1;
  }
  return String.fromCodePoint(...output);
}

/** An `xn--` label that decodes to a label IDNA could have produced. */
function isALabel(label: string): boolean {
  const decoded = decodePunycode(label.slice(4));
  if (decoded === undefined || decoded === '' || !/[^\p{ASCII}]/u.test(decoded)) return false;
  return (
    U_LABEL_CHARACTERS.test(decoded) &&
    !/^\p{M}/u.test(decoded) &&
    !decoded.startsWith('-') &&
    !decoded.endsWith('-') &&
    decoded === decoded.normalize('NFC') &&
    decoded === decoded.toLowerCase()
  );
}

function isDomainLabel(label: string): boolean {
  if (label.length === 0 || label.length > 63 || !LDH_LABEL.test(label)) return false;
  // Labels with `--` in positions 3-4 are reserved for encodings; only Punycode (`xn--`) is one.
  if (label.slice(2, 4) === '--') return label.startsWith('xn--') && isALabel(label);
  return true;
}

/** A host name in ASCII form: at least two valid labels, a top-level domain that is not numeric. */
export function isEmailDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  return (
    labels.length >= 2 && labels.every(isDomainLabel) && !/^[0-9]+$/.test(tld) && tld.length >= 2
  );
}

/** `value` is expected trimmed and lower-cased. */
export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  return local.length <= 64 && LOCAL_PART.test(local) && isEmailDomain(value.slice(at + 1));
}
