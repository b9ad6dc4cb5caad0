// Liveness and readiness answers.
import { z } from 'zod';

export const HealthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const ReadyResponseSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({
    scalekit: z.boolean(),
    sessionStore: z.boolean(),
  }),
});
export type ReadyResponse = z.infer<typeof ReadyResponseSchema>;
