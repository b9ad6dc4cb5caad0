// Shared contracts of the BFF and the SPA: every request, response and error, as zod schemas.
export * from './audit.js';
export * from './common.js';
export * from './email.js';
export * from './errors.js';
export * from './health.js';
export * from './requests.js';
export * from './routes.js';
export * from './seats.js';
export * from './session.js';
export * from './team.js';
export * from './team-invitations.js';
export * from './api-keys.js';
export * from './policies.js';
export * from './outbound-webhooks.js';
export * from './account.js';
