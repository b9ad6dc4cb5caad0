// `POST /api/team/invitations/bulk`: a CSV of people to invite, answered as an NDJSON stream
// of BulkInviteEvent lines (started, one row per data row with progress, finished).
//
// The file is read and checked whole before anything is sent: too many rows or bytes -> 413,
// no email column or an unknown default role -> 422. If the client disconnects mid-run, rows
// already talking to Scalekit finish (their outcome is logged) and no further row starts;
// re-running the same file then invites only the rest, since existing members are skipped.
// On shutdown, or once Scalekit is known to be down (its circuit is open), the same happens,
// but the client is still there: the stream ends with a `finished` line saying the import was
// interrupted and how many rows were not attempted.
import { PassThrough } from 'node:stream';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  BULK_INVITE_CONTENT_TYPE,
  BULK_INVITE_MAX_BYTES,
  BulkInviteQuerySchema,
  routes,
  type Member,
} from '@app/contracts';
import { invitationChange } from '../../audit/team-audit.js';
import { requireAdmin } from '../../auth/guards.js';
import { AppError } from '../../errors/app-error.js';
import { readSeatLimit } from '../../seats/seat-limit.js';
import { countSeats, seatUsage } from '../../seats/seat-usage.js';
import { prepareRow, readBulkCsv } from '../../team/bulk-csv.js';
import { BULK_INVITE_CONCURRENCY, runBulkInvite } from '../../team/bulk-invite.js';
import { forEachMember } from '../../team/member-directory.js';
import { assertKnownRole, listRoles } from '../../team/roles.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';
import { callerOf, errorResponses, sendStream } from './caller.js';

export interface BulkInvitationRoutesOptions {
  gateway: ScalekitGateway;
  concurrency?: number | undefined;
}

async function membersByEmail(
  gateway: ScalekitGateway,
  organizationId: string,
): Promise<Map<string, Member>> {
  const byEmail = new Map<string, Member>();
  await forEachMember(gateway, organizationId, (member) => {
    byEmail.set(member.email.toLowerCase(), member);
    return true;
  });
  return byEmail;
}

export const bulkInvitationRoutes: FastifyPluginCallbackZod<BulkInvitationRoutesOptions> = (
  app,
  options,
  done,
) => {
  const { gateway } = options;
  // Scoped to this plugin: the CSV stays a string, capped before it is even buffered whole.
  app.addContentTypeParser(
    BULK_INVITE_CONTENT_TYPE,
    { parseAs: 'string', bodyLimit: BULK_INVITE_MAX_BYTES },
    (_request, body, parsed) => {
      parsed(null, body);
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
        response: errorResponses(401, 403, 413, 422, 429, 503),
      },
    },
    async (request, reply) => {
      const { organizationId, email: inviterEmail } = callerOf(request);
      if (app.shutdown.draining) {
        throw new AppError('shutting_down', 'This server is restarting. Send the file again.');
      }
      if (typeof request.body !== 'string') {
        throw new AppError('bad_request', `Send the file as ${BULK_INVITE_CONTENT_TYPE}.`);
      }
      const rows = readBulkCsv(request.body);
      const { defaultRole } = request.query;
      const [roles, existing, seatLimit] = await Promise.all([
        listRoles(gateway, organizationId),
        membersByEmail(gateway, organizationId),
        readSeatLimit(gateway, organizationId),
      ]);
      assertKnownRole(roles, defaultRole, 'defaultRole');
      const knownRoles = new Set(roles.map((role) => role.name));
      const prepared = rows.map((row) => prepareRow(row, defaultRole, knownRoles));

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
          rows: prepared,
          existing,
          // The members are read whole already, so the rows past the limit are known up front.
          seats: seatUsage(seatLimit, countSeats(existing.values())),
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
