// The auth surface's own tables (all prefixed auth_). Times are epoch milliseconds.
// Secrets (codes, refresh tokens, cookies, one-time codes) are stored as SHA-256 hashes.
import type Database from 'better-sqlite3';

const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS auth_keys (
    kid TEXT PRIMARY KEY,
    private_jwk TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS auth_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  // The emulator's own browser sessions (the `sid` claim). organization_id: the organization
  // the session last signed into; preferred_organization_id: set by an accepted invitation so
  // the following authorize lands in that organization without a picker.
  `CREATE TABLE IF NOT EXISTS auth_sessions (
    id TEXT PRIMARY KEY,
    cookie_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    organization_id TEXT,
    preferred_organization_id TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER
  )`,
  `CREATE INDEX IF NOT EXISTS auth_sessions_user ON auth_sessions (user_id)`,
  // One row per authorize request while the hosted pages walk through it.
  `CREATE TABLE IF NOT EXISTS auth_requests (
    id TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    scope TEXT NOT NULL,
    state TEXT,
    nonce TEXT,
    code_challenge TEXT,
    organization_id TEXT,
    prompt TEXT,
    login_hint TEXT,
    email TEXT,
    otp_hash TEXT,
    otp_expires_at INTEGER,
    otp_attempts INTEGER NOT NULL DEFAULT 0,
    magic_hash TEXT,
    user_id TEXT,
    session_id TEXT,
    fresh_login INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    completed_at INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS auth_codes (
    code_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    user_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    nonce TEXT,
    code_challenge TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  )`,
  // A grant: everything minted from one authorization code (the refresh token family).
  `CREATE TABLE IF NOT EXISTS auth_grants (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    client_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  )`,
  `CREATE INDEX IF NOT EXISTS auth_grants_code ON auth_grants (code_hash)`,
  `CREATE INDEX IF NOT EXISTS auth_grants_user ON auth_grants (user_id, organization_id)`,
  `CREATE TABLE IF NOT EXISTS auth_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  )`,
  // Access tokens are JWTs; recording their jti lets /userinfo refuse revoked ones.
  `CREATE TABLE IF NOT EXISTS auth_access_tokens (
    jti TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS auth_invitations (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER
  )`,
  `CREATE INDEX IF NOT EXISTS auth_invitations_membership ON auth_invitations (organization_id, user_id)`,
  `CREATE TABLE IF NOT EXISTS auth_outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at INTEGER,
    last_error TEXT
  )`,
  `CREATE TABLE IF NOT EXISTS auth_webhooks (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at INTEGER,
    last_error TEXT
  )`,
];

export function migrateAuthSchema(db: Database.Database): void {
  db.transaction(() => {
    for (const statement of STATEMENTS) db.prepare(statement).run();
  })();
}

/** Drops short-lived rows that can no longer be used (run at start). */
export function pruneExpired(db: Database.Database, nowMs: number): void {
  db.prepare('DELETE FROM auth_requests WHERE expires_at < ?').run(nowMs);
  db.prepare('DELETE FROM auth_codes WHERE expires_at < ?').run(nowMs - 86_400_000);
  db.prepare('DELETE FROM auth_access_tokens WHERE expires_at < ?').run(nowMs);
}
