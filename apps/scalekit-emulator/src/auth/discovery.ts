// GET /.well-known/openid-configuration: the OIDC discovery document.
import type { EmulatorSettings } from '../domain.js';

export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export function discoveryDocument(settings: EmulatorSettings): Record<string, unknown> {
  const issuer = settings.issuer;
  const at = (path: string) => `${issuer.replace(/\/$/, '')}${path}`;
  return {
    issuer,
    authorization_endpoint: at('/oauth/authorize'),
    token_endpoint: at('/oauth/token'),
    userinfo_endpoint: at('/userinfo'),
    jwks_uri: at('/keys'),
    end_session_endpoint: at('/oidc/logout'),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: SUPPORTED_SCOPES,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'azp',
      'exp',
      'iat',
      'nonce',
      'at_hash',
      'c_hash',
      'sid',
      'oid',
      'email',
      'email_verified',
      'name',
      'given_name',
      'family_name',
    ],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    prompt_values_supported: ['none', 'login', 'create', 'select_account'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}
