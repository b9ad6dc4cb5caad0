// GET|POST /userinfo: the signed-in user's claims for a live user access token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../domain.js';
import type { GrantStore } from './grants.js';
import { sendJson } from './http.js';
import { displayName, type TokenSigner } from './tokens.js';

export function createUserinfoEndpoint(deps: {
  ctx: EmulatorContext;
  grants: GrantStore;
  signer: TokenSigner;
}) {
  const { ctx, grants, signer } = deps;
  return async function handleUserinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const claims = token ? await signer.verifyAccessToken(token) : null;
    // Only user tokens minted here whose grant is not revoked (reused code, ended session...).
    const grant = claims ? grants.liveGrantOfAccessToken(claims.jti) : undefined;
    const user = grant ? ctx.directory.getUser(grant.user_id) : undefined;
    if (!claims || !grant || !user) {
      sendJson(
        res,
        401,
        { error: 'invalid_token', error_description: 'the access token is not valid' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
      return;
    }
    sendJson(res, 200, {
      sub: user.id,
      email: user.email,
      email_verified: user.profile.emailVerified,
      name: displayName(user),
      given_name: user.profile.givenName,
      family_name: user.profile.familyName,
      oid: grant.organization_id,
    });
  };
}
