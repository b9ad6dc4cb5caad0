// The seed file: what an environment starts with (clients, roles, webhook, organizations, users).
// Validated with zod; every bad key is reported at once so a broken seed is fixed in one pass.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import type { RoleDefinition, Seed } from './domain.js';

export const DEFAULT_ROLES: RoleDefinition[] = [
  {
    name: 'admin',
    displayName: 'Admin',
    description: 'Manages the organization and its members',
    permissions: ['members:read', 'members:invite', 'members:remove', 'members:update', 'org:read'],
  },
  {
    name: 'member',
    displayName: 'Member',
    description: 'Uses the application',
    permissions: ['members:read', 'org:read'],
  },
];

const MembershipStatusSchema = z.enum(['ACTIVE', 'INACTIVE', 'PENDING_INVITE', 'INVITE_EXPIRED']);

const ClientSchema = z
  .object({
    id: z.string().regex(/^skc_\w+$/, 'must look like "skc_..."'),
    secret: z.string().min(8, 'must be at least 8 characters'),
    name: z.string().min(1).default('Application'),
    redirectUris: z.array(z.url()).min(1, 'needs at least one redirect URI'),
    initiateLoginUrl: z.url().nullable().default(null),
    postLogoutRedirectUris: z.array(z.url()).default([]),
  })
  .strict();

const RoleSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, "_" or "-"'),
    displayName: z.string().min(1),
    description: z.string().default(''),
    permissions: z
      .array(z.string().regex(/^[\w-]+:[\w-]+$/, 'must look like "resource:action"'))
      .default([]),
    extends: z.string().min(1).optional(),
  })
  .strict();

const PermissionSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9_:]{1,64}$/, 'letters, digits, "_" or ":" (at most 64)'),
    description: z.string().max(2000).default(''),
  })
  .strict();

const SeedUserSchema = z
  .object({
    id: z
      .string()
      .regex(/^usr_\w+$/, 'must look like "usr_..."')
      .optional(),
    email: z.email(),
    givenName: z.string().optional(),
    familyName: z.string().optional(),
    roles: z.array(z.string()).optional(),
    status: MembershipStatusSchema.optional(),
  })
  .strict();

const SeedOrganizationSchema = z
  .object({
    id: z.string().regex(/^org_\w+$/, 'must look like "org_..."'),
    displayName: z.string().min(1),
    externalId: z.string().min(1).optional(),
    domains: z
      .array(
        z
          .object({
            domain: z.string().min(1),
            type: z.enum(['ALLOWED_EMAIL_DOMAIN', 'ORGANIZATION_DOMAIN']),
            // Only organization domains are verified through DNS (allowed ones: NOT_APPLICABLE).
            dnsVerification: z.enum(['pending', 'published']).optional(),
          })
          .strict()
          .refine(
            (entry) => entry.dnsVerification === undefined || entry.type === 'ORGANIZATION_DOMAIN',
            {
              message: 'dnsVerification applies to ORGANIZATION_DOMAIN only',
              path: ['dnsVerification'],
            },
          ),
      )
      .optional(),
    roles: z.array(RoleSchema).default([]),
    defaultMemberRole: z.string().optional(),
    /** Seat limit (Scalekit's max_allowed_users): 0 means no limit; absent, no setting. */
    maxAllowedUsers: z.number().int().min(0).optional(),
    users: z.array(SeedUserSchema).default([]),
  })
  .strict();

const InterceptorSchema = z
  .object({
    url: z.url(),
    secret: z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be "whsec_" followed by base64'),
    timeoutMs: z.number().int().min(1).max(60_000).default(5000),
    failPolicy: z.enum(['open', 'closed']).default('closed'),
    enabled: z.boolean().default(true),
  })
  .strict();

/** Only "#rrggbb": the value is written into the hosted pages' stylesheet. */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const ColourSchema = z.string().regex(HEX_COLOUR, 'must be a colour like "#3b4fd8"');

const BrandingSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    logoUrl: z.url({ protocol: /^https?$/ }).optional(),
    logoSvg: z
      .string()
      .max(20_000)
      .regex(/^\s*<svg[\s>]/, 'must be an SVG document ("<svg ...")')
      .optional(),
    primaryColor: ColourSchema,
    primaryColorDark: ColourSchema.optional(),
  })
  .strict()
  .refine((branding) => !(branding.logoUrl && branding.logoSvg), {
    message: 'give logoUrl or logoSvg, not both',
    path: ['logoSvg'],
  });

export const SeedSchema = z
  .object({
    environment: z
      .object({
        id: z.string().regex(/^env_\w+$/, 'must look like "env_..."'),
        name: z.string().min(1),
      })
      .strict()
      .default({ id: 'env_local', name: 'Local' }),
    clients: z.array(ClientSchema).min(1, 'needs at least one client'),
    webhook: z
      .object({
        url: z.url(),
        secret: z
          .string()
          .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be "whsec_" followed by base64'),
      })
      .strict()
      .nullable()
      .default(null),
    roles: z.array(RoleSchema).min(1).default(DEFAULT_ROLES),
    permissions: z.array(PermissionSchema).default([]),
    defaultRole: z.string().default('member'),
    firstMemberRole: z.string().default('admin'),
    organizations: z.array(SeedOrganizationSchema).default([]),
    emailDomainRules: z
      .object({
        blockPublicDomains: z.boolean().default(false),
        blockDisposableDomains: z.boolean().default(false),
      })
      .strict()
      .optional(),
    interceptors: z
      .object({
        PRE_SIGNUP: InterceptorSchema,
        PRE_USER_INVITATION: InterceptorSchema,
        PRE_SESSION_CREATION: InterceptorSchema,
      })
      .partial()
      .strict()
      .optional(),
    branding: BrandingSchema.optional(),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const roleNames = new Set(seed.roles.map((role) => role.name));
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    if (!roleNames.has(seed.defaultRole))
      issue(['defaultRole'], `unknown role "${seed.defaultRole}"`);
    if (!roleNames.has(seed.firstMemberRole))
      issue(['firstMemberRole'], `unknown role "${seed.firstMemberRole}"`);
    reportDuplicates(
      seed.roles.map((role) => role.name),
      (index, name) => issue(['roles', index, 'name'], `duplicate role "${name}"`),
    );
    reportDuplicates(
      seed.permissions.map((permission) => permission.name),
      (index, name) => issue(['permissions', index, 'name'], `duplicate permission "${name}"`),
    );
    seed.roles.forEach((role, index) => {
      if (role.extends !== undefined && !roleNames.has(role.extends))
        issue(['roles', index, 'extends'], `unknown role "${role.extends}"`);
    });
    reportDuplicates(
      seed.clients.map((client) => client.id),
      (index, id) => issue(['clients', index, 'id'], `duplicate client "${id}"`),
    );
    reportDuplicates(
      seed.organizations.map((org) => org.id),
      (index, id) => issue(['organizations', index, 'id'], `duplicate organization "${id}"`),
    );
    seed.organizations.forEach((org, orgIndex) => {
      // An organization grants the environment's roles and its own.
      const orgRoleNames = new Set([...roleNames, ...org.roles.map((role) => role.name)]);
      org.roles.forEach((role, index) => {
        if (roleNames.has(role.name))
          issue(
            ['organizations', orgIndex, 'roles', index, 'name'],
            `"${role.name}" is an environment role`,
          );
        if (role.extends !== undefined && !orgRoleNames.has(role.extends))
          issue(
            ['organizations', orgIndex, 'roles', index, 'extends'],
            `unknown role "${role.extends}"`,
          );
      });
      reportDuplicates(
        org.roles.map((role) => role.name),
        (index, name) =>
          issue(['organizations', orgIndex, 'roles', index, 'name'], `duplicate role "${name}"`),
      );
      if (org.defaultMemberRole !== undefined && !orgRoleNames.has(org.defaultMemberRole))
        issue(
          ['organizations', orgIndex, 'defaultMemberRole'],
          `unknown role "${org.defaultMemberRole}"`,
        );
      reportDuplicates(
        org.users.map((user) => user.email.toLowerCase()),
        (index, email) =>
          issue(['organizations', orgIndex, 'users', index, 'email'], `"${email}" is listed twice`),
      );
      org.users.forEach((user, userIndex) => {
        (user.roles ?? []).forEach((role, roleIndex) => {
          if (!orgRoleNames.has(role)) {
            issue(
              ['organizations', orgIndex, 'users', userIndex, 'roles', roleIndex],
              `unknown role "${role}"`,
            );
          }
        });
      });
    });
  });

function reportDuplicates(values: string[], report: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) report(index, value);
    seen.add(value);
  });
}

/** A seed that failed validation; `issues` holds one "path: message" line per bad key. */
export class SeedError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`Invalid seed (${source}):\n${issues.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'SeedError';
  }
}

export function parseSeed(raw: unknown, source = 'seed'): Seed {
  // A seed is validated once per start: compiling zod's fast path for it (generated code, built
  // on a schema's first parse) would cost start-up more than it could save.
  const result = SeedSchema.safeParse(raw, { jitless: true });
  if (!result.success) {
    throw new SeedError(
      source,
      result.error.issues.map(
        (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
      ),
    );
  }
  return result.data;
}

export function loadSeed(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SeedError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SeedError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseSeed(raw, path);
}

/** The dev seed's own permissions (an organization role on Acme grants them). */
const DEV_PERMISSIONS = [
  { name: 'invoices:read', description: 'View invoices' },
  { name: 'invoices:pay', description: 'Pay invoices and change the payment method' },
];

export const DEV_CLIENT_ID = 'skc_dev_client';
export const DEV_CLIENT_SECRET = 'dev_secret_local_emulator_only';
export const DEV_WEBHOOK_SECRET = 'whsec_c2NhbGVraXQtZW11bGF0b3ItZGV2LXdlYmhvb2stMzI=';

export interface BuildSeedOptions {
  /** Origin of the application (the BFF), e.g. http://localhost:3000. */
  appOrigin: string;
  /** Webhook endpoint; default `<appOrigin>/api/webhooks/scalekit`, null for none. */
  webhookUrl?: string | null;
  webhookSecret?: string;
  clientId?: string;
  clientSecret?: string;
  /**
   * The app's PRE_USER_INVITATION interceptor endpoint, called fail-closed with the dev signing
   * secret; default none (the dev seed names `<appOrigin>/api/interceptors/pre-user-invitation`).
   */
  interceptorUrl?: string | null;
}

/** The signing secret of the dev seed's interceptor (the BFF's development default too). */
export const DEV_INTERCEPTOR_SECRET = 'whsec_c2NhbGVraXQtZW11bGF0b3ItZGV2LWludGVyY2VwdG9yLTMy';

/** Teamspace's look on the hosted pages: its name, its favicon (apps/web/public/favicon.svg) and
 * its primary colour in light and dark (apps/web/src/styles/tokens.css). */
export const TEAMSPACE_BRANDING = {
  name: 'Teamspace',
  logoSvg:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#3b4fd8"/><path d="M9 10h14v3.2h-5.4V24h-3.2V13.2H9z" fill="#fff"/></svg>',
  primaryColor: '#3b4fd8',
  primaryColorDark: '#8b9bff',
};

/** A member of both Acme and Globex: signing in shows the organization picker. */
const CONSULTANT = {
  id: 'usr_consultant000001',
  email: 'consultant+sktest@acme.test',
  givenName: 'Casey',
  familyName: 'Consultant',
  roles: ['member'],
  status: 'ACTIVE',
} as const;

/**
 * The dev seed for any app origin. seeds/dev.json is `buildSeed({ appOrigin:
 * 'http://localhost:3000', interceptorUrl: 'http://localhost:3000/api/interceptors/pre-user-invitation' })`.
 */
export function buildSeed(opts: BuildSeedOptions): Seed {
  const origin = opts.appOrigin.replace(/\/+$/, '');
  const webhookUrl =
    opts.webhookUrl === undefined ? `${origin}/api/webhooks/scalekit` : opts.webhookUrl;
  return parseSeed(
    {
      environment: { id: 'env_local', name: 'Local' },
      clients: [
        {
          id: opts.clientId ?? DEV_CLIENT_ID,
          secret: opts.clientSecret ?? DEV_CLIENT_SECRET,
          name: 'Teamspace',
          redirectUris: [`${origin}/api/callback`],
          initiateLoginUrl: `${origin}/auth/login/initiate`,
          postLogoutRedirectUris: [`${origin}/sign-in`],
        },
      ],
      webhook:
        webhookUrl === null
          ? null
          : { url: webhookUrl, secret: opts.webhookSecret ?? DEV_WEBHOOK_SECRET },
      ...(opts.interceptorUrl === undefined || opts.interceptorUrl === null
        ? {}
        : {
            interceptors: {
              PRE_USER_INVITATION: {
                url: opts.interceptorUrl,
                secret: DEV_INTERCEPTOR_SECRET,
                timeoutMs: 5000,
                failPolicy: 'closed',
              },
            },
          }),
      roles: DEFAULT_ROLES,
      permissions: DEV_PERMISSIONS,
      defaultRole: 'member',
      firstMemberRole: 'admin',
      branding: TEAMSPACE_BRANDING,
      organizations: [
        {
          id: 'org_acme',
          displayName: 'Acme',
          // People at acme.test who are not members yet can join Acme from the organization picker.
          domains: [{ domain: 'acme.test', type: 'ALLOWED_EMAIL_DOMAIN' }],
          roles: [
            {
              name: 'billing',
              displayName: 'Billing',
              description: 'Members who also handle invoices and payment',
              extends: 'member',
              permissions: ['invoices:read', 'invoices:pay'],
            },
          ],
          users: [
            {
              id: 'usr_acmeadmin0000001',
              email: 'admin+sktest@acme.test',
              givenName: 'Ada',
              familyName: 'Admin',
              roles: ['admin'],
              status: 'ACTIVE',
            },
            {
              id: 'usr_acmemember000001',
              email: 'member+sktest@acme.test',
              givenName: 'Max',
              familyName: 'Member',
              roles: ['member'],
              status: 'ACTIVE',
            },
            CONSULTANT,
          ],
        },
        {
          id: 'org_globex',
          displayName: 'Globex',
          users: [
            {
              id: 'usr_globexadmin00001',
              email: 'admin+sktest@globex.test',
              givenName: 'Grace',
              familyName: 'Globex',
              roles: ['admin'],
              status: 'ACTIVE',
            },
            CONSULTANT,
          ],
        },
        {
          id: 'org_initech',
          displayName: 'Initech',
          maxAllowedUsers: 3,
          users: [
            {
              id: 'usr_initechadmin0001',
              email: 'admin+sktest@initech.test',
              givenName: 'Ines',
              familyName: 'Initech',
              roles: ['admin'],
              status: 'ACTIVE',
            },
          ],
        },
      ],
    },
    'buildSeed',
  );
}
