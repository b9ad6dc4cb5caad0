// POST /api/requests/decisions: approves (with a role) or declines (with a reason) one request
// or many; each answers its own outcome.
import {
  BulkDecisionBodySchema,
  BulkDecisionResponseSchema,
  routes,
  type BulkDecisionBody,
  type BulkDecisionResult,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export async function decideRequests(body: BulkDecisionBody): Promise<BulkDecisionResult[]> {
  const answer = await request(routes.requestDecisions, BulkDecisionResponseSchema, {
    method: 'POST',
    json: BulkDecisionBodySchema.parse(body),
  });
  return answer.results;
}
