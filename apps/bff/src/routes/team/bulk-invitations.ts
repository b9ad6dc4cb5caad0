// `POST /api/team/invitations/bulk`: a CSV of people to invite, answered as an NDJSON stream
// of BulkInviteEvent lines (started, one row per data row with progress, finished); and
// `POST /api/team/invitations/bulk/preview`: the same file judged by the same plan, answered as
// JSON, with nothing created or sent.
//
// The file is read and checked whole before anything is sent: too many rows or bytes -> 413,
// no email column or an unknown default role -> 422. If the client disconnects mid-run, rows
// already talking to Scalekit finish (their outcome is logged) and no further row starts;
// re-running the same file then invites only the rest, since existing members are skipped.
// On shutdown, or once Scalekit is known to be down (its circuit is open), the same happens,
// but the client is still there: the stream ends with a `finished` line saying the import was
// interrupted and how many rows were not attempted.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  BULK_INVITE_CONTENT_TYPE,
  BULK_INVITE_MAX_BYTES,
  BulkInvitePreviewResponseSchema,
  BulkInviteQuerySchema,
  routes,
  seatsLeft,
  type Member,
} from '@app/contracts';
import { invitationChange } from '../../audit/team-audit.js';
import { requireAdmin } from '../../auth/guards.js';
import { AppError } from '../../errors/app-error.js';
import { readSeatLimit } from '../../seats/seat-limit.js';
import { readSeatCounts, seatLimitReached, seatUsage } from '../../seats/seat-usage.js';
import { BULK_INVITE_CONCURRENCY, runBulkInvite } from '../../team/bulk-invite.js';
import type { PreparedRow } from '../../team/bulk-csv.js';
import type { MemberIndex } from '../../member-index/member-index.js';
import { planBulkInvite, previewBulkInvite, type PolicyRefusal } from '../../team/bulk-plan.js';
import { judgeInvitation } from '../../policies/invitation-rule.js';
import { findExistingMembers } from '../../team/existing-members.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';
import { callerOf, errorResponses, sendStream } from './caller.js';

type ValidRow = PreparedRow & { status: 'valid' };

export interface BulkInvitationRoutesOptions {
  gateway: ScalekitGateway;
  index: MemberIndex;
  concurrency?: number | undefined;
}

/**
 * The file's addresses that already belong to the organization: from the member index (one
 * query per 500 rows) once it is built, else one bounded Scalekit search per address.
 */
function existingMembersLookup(
  gateway: ScalekitGateway,
  index: MemberIndex,
  organizationId: string,
): (emails: string[]) => Promise<Map<string, Member>> {
  return async (emails) =>
    (await index.isReady(organizationId))
      ? index.store.byEmails(organizationId, emails)
      : findExistingMembers(gateway, organizationId, emails);
}

/** The organization's invitation policy as the plan's per-row check (one Scalekit read per file). */
async function policyRefusalFor(
  app: FastifyInstance,
  organizationId: string,
): Promise<PolicyRefusal> {
  const rule = await app.invitationPolicies.ruleFor(organizationId);
  return (email) => {
    const verdict = judgeInvitation(rule, email);
    return verdict.allowed ? undefined : verdict.message;
  };
}

function csvBody(body: unknown): string {
  if (typeof body !== 'string') {
    throw new AppError('bad_request', `Send the file as ${BULK_INVITE_CONTENT_TYPE}.`);
  }
  return body;
}

export const bulkInvitationRoutes: FastifyPluginCallbackZod<BulkInvitationRoutesOptions> = (
  app,
  options,
  done,
) => {
  const { gateway, index } = options;
  // Scoped to this plugin: the CSV stays a string, capped before it is even buffered whole.
  app.addContentTypeParser(
    BULK_INVITE_CONTENT_TYPE,
    { parseAs: 'string', bodyLimit: BULK_INVITE_MAX_BYTES },
    (_request, body, parsed) => {
      parsed(null, body);
    },
  );

  app.post(
    routes.bulkInvitationsPreview,
    {
      preHandler: requireAdmin,
      onRequest: app.rateLimits.invite,
      bodyLimit: BULK_INVITE_MAX_BYTES,
      schema: {
        tags: ['team'],
        summary: 'Judge a CSV file of people to invite as the import would, sending nothing',
        querystring: BulkInviteQuerySchema,
        response: {
          200: BulkInvitePreviewResponseSchema,
          ...errorResponses(401, 403, 413, 422, 429, 503),
        },
      },
    },
    async (request) => {
      const { organizationId } = callerOf(request);
      const plan = await planBulkInvite(
        gateway,
        organizationId,
        csvBody(request.body),
        request.query.defaultRole,
        existingMembersLookup(gateway, index, organizationId),
        await policyRefusalFor(app, organizationId),
      );
      return previewBulkInvite(plan);
    },
  );

  app.post(
    routes.bulkInvitations,
    {
      preHandler: requireAdmin,
      onRequest: app.rateLimits.invite,
      bodyLimit: BULK_INVITE_MAX_BYTES,
      schema: {
        tags: ['team'],
        summary: 'Invite people from a CSV file (answers application/x-ndjson)',
        querystring: BulkInviteQuerySchema,
        response: errorResponses(401, 403, 409, 413, 422, 429, 503),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { organizationId, email: inviterEmail } = caller;
      if (app.shutdown.draining) {
        throw new AppError('shutting_down', 'This server is restarting. Send the file again.');
      }
      const policyRefusal = await policyRefusalFor(app, organizationId);
      const [{ rows, existing }, seatLimit] = await Promise.all([
        planBulkInvite(
          gateway,
          organizationId,
          csvBody(request.body),
          request.query.defaultRole,
          existingMembersLookup(gateway, index, organizationId),
          policyRefusal,
        ),
        readSeatLimit(gateway, organizationId),
      ]);
      // Seats are counted only under a limit: from the member index once built, else a walk.
      const seats =
        seatLimit === null
          ? undefined
          : seatUsage(seatLimit, await readSeatCounts(gateway, index, organizationId));
      const overSeatLimit = request.query.overSeatLimit;
      if (
        overSeatLimit === 'stop' &&
        seats !== undefined &&
        previewBulkInvite({ rows, existing }).invited > seatsLeft(seats)
      ) {
        // The admin chose all or nothing: refused before a single row is sent.
        throw seatLimitReached(seats);
      }
      const holdBack =
        overSeatLimit === 'send_to_inbox'
          ? async (row: ValidRow) => {
              await app.accessRequests.file({
                organizationId,
                organizationName: request.session.record?.organization.name ?? '',
                kind: 'seat_limit',
                email: row.email,
                givenName: row.row.givenName,
                familyName: row.row.familyName,
                suggestedRole: row.row.role,
                note: `Line ${row.line} of a CSV import, past the seat limit.`,
                externalId: row.row.externalId,
                metadata: row.row.metadata,
                by: { userId: caller.userId, email: inviterEmail },
                ip: request.ip,
              });
            }
          : undefined;

      const stream = new PassThrough();
      let clientGone = false;
      const responseClosed = new Promise<void>((resolve) => {
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) clientGone = true;
          resolve();
        });
      });
      const log = request.log;
      const run = runBulkInvite(
        {
          gateway,
          organizationId,
          inviterEmail,
          rows,
          existing,
          // Counted before the first row, so the rows past the limit are known up front.
          ...(seats === undefined ? {} : { seats }),
          concurrency: options.concurrency ?? BULK_INVITE_CONCURRENCY,
          stopped: () => clientGone,
          recordInvite: (email, invite) =>
            app.teamAudit.record(request, invitationChange(email, 'csv'), invite),
          interruption: () =>
            app.shutdown.draining
              ? 'server_shutdown'
              : app.scalekitCircuit.open
                ? 'identity_unavailable'
                : null,
          onRowError: (error, line) => log.warn({ err: error, line }, 'bulk invitation row failed'),
          onMember: (member) => index.recordMember(organizationId, member),
          ...(holdBack === undefined ? {} : { holdBack }),
        },
        (event) => {
          if (!clientGone) stream.write(`${JSON.stringify(event)}\n`);
        },
      )
        .then((summary) => log.info({ ...summary, clientGone }, 'bulk invitation finished'))
        .catch((error: unknown) => log.error({ err: error }, 'bulk invitation failed'))
        .finally(() => stream.end());
      // Shutdown waits until the last row is reported and the response is out.
      app.shutdown.track(Promise.all([run, responseClosed]));

      return sendStream(reply, 'application/x-ndjson; charset=utf-8', stream);
    },
  );
  done();
};
