// GET and PUT /api/team/seats: the organization's seat usage and its limit (admins only).
import { routes, SeatUsageSchema, UpdateSeatLimitBodySchema, type SeatUsage } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function getSeats(signal?: AbortSignal): Promise<SeatUsage> {
  return request(routes.seats, SeatUsageSchema, { signal });
}

/** Only admins read the seats; members never ask. */
export function useSeats(enabled: boolean) {
  return useQuery('seats', getSeats, { enabled });
}

export function updateSeatLimit(limit: number | null): Promise<SeatUsage> {
  return request(routes.seats, SeatUsageSchema, {
    method: 'PUT',
    json: UpdateSeatLimitBodySchema.parse({ limit }),
  });
}
