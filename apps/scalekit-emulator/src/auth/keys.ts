// The RS256 signing key and the HMAC secret for invitation links, generated on first start
// and kept in the database: the SDK fetches the JWKS once per client and never again, so
// the key (and its kid) must outlive restarts.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

interface KeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
}

async function importKey(row: KeyRow): Promise<SigningKey> {
  const publicJwk = JSON.parse(row.public_jwk) as JWK;
  const privateKey = await importJWK(JSON.parse(row.private_jwk) as JWK, 'RS256');
  const publicKey = await importJWK(publicJwk, 'RS256');
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) {
    throw new Error('stored signing key is not an RSA key');
  }
  return { kid: row.kid, privateKey, publicKey, publicJwk };
}

export async function loadOrCreateSigningKey(
  db: Database.Database,
  now: Date,
): Promise<SigningKey> {
  const existing = db
    .prepare('SELECT kid, private_jwk, public_jwk FROM auth_keys ORDER BY created_at DESC LIMIT 1')
    .get() as KeyRow | undefined;
  if (existing) return importKey(existing);

  const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  const exported = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(exported);
  const publicJwk: JWK = { ...exported, kid, alg: 'RS256', use: 'sig' };
  const row: KeyRow = {
    kid,
    private_jwk: JSON.stringify({ ...privateJwk, kid, alg: 'RS256' }),
    public_jwk: JSON.stringify(publicJwk),
  };
  db.prepare(
    'INSERT INTO auth_keys (kid, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?)',
  ).run(row.kid, row.private_jwk, row.public_jwk, now.getTime());
  return importKey(row);
}

/** A named random secret, created once and kept (e.g. the invitation link HMAC key). */
export function loadOrCreateSecret(db: Database.Database, name: string): Buffer {
  const row = db.prepare('SELECT value FROM auth_secrets WHERE name = ?').get(name) as
    { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'base64');
  const value = randomBytes(32);
  db.prepare('INSERT INTO auth_secrets (name, value) VALUES (?, ?)').run(
    name,
    value.toString('base64'),
  );
  return value;
}
