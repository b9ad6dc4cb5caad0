// PRE_SESSION_CREATION: asked before a sign-in (or an organization switch) gets its tokens.
// DENY stops the sign-in with the hook's message; ALLOW may return `claims`, which every access
// token of that session in that organization carries under `custom_claims`.
import type { IncomingMessage } from 'node:http';
import type Database from 'better-sqlite3';
import { clientIp } from '../auth/http.js';
import type { Directory, User } from '../domain.js';
import type { HookDecision, InterceptorHooks } from './hooks.js';

export function migrateSessionClaims(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS auth_session_claims (
      session_id TEXT NOT NULL,
      organization_id TEXT NOT NULL,
      claims TEXT NOT NULL,
      PRIMARY KEY (session_id, organization_id)
    )
  `);
}

export class SessionCreationHook {
  constructor(
    private readonly deps: { db: Database.Database; hooks: InterceptorHooks; directory: Directory },
  ) {
    migrateSessionClaims(deps.db);
  }

  async check(
    req: IncomingMessage,
    sessionId: string,
    user: User,
    organizationId: string,
  ): Promise<HookDecision> {
    const decision = await this.deps.hooks.call(
      'PRE_SESSION_CREATION',
      {
        user_email: user.email,
        user_id: user.id,
        organization_id: organizationId,
        user_agent: req.headers['user-agent'] ?? '',
        ip_address: clientIp(req),
      },
      {
        user: {
          id: user.id,
          email: user.email,
          first_name: user.profile.givenName,
          last_name: user.profile.familyName,
          memberships: this.deps.directory.listMembershipsOfUser(user.id).map((membership) => ({
            organization_id: membership.organizationId,
            status: membership.status,
          })),
        },
      },
    );
    if (decision.allowed) {
      const claims = decision.response.claims;
      if (typeof claims === 'object' && claims !== null && !Array.isArray(claims)) {
        this.deps.db
          .prepare(
            'INSERT OR REPLACE INTO auth_session_claims (session_id, organization_id, claims) VALUES (?, ?, ?)',
          )
          .run(sessionId, organizationId, JSON.stringify(claims));
      }
    }
    return decision;
  }

  /** The claims the hook gave this session for this organization, if any. */
  claimsFor(sessionId: string, organizationId: string): Record<string, unknown> | undefined {
    const row = this.deps.db
      .prepare<[string, string], { claims: string }>(
        'SELECT claims FROM auth_session_claims WHERE session_id = ? AND organization_id = ?',
      )
      .get(sessionId, organizationId);
    return row === undefined ? undefined : (JSON.parse(row.claims) as Record<string, unknown>);
  }
}
