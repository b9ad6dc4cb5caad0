// The sentences about seats: the Team page's summary and the CSV import's forecast.
import type { SeatUsage } from '@app/contracts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "18 of 25 seats used (3 pending)", or "18 seats used (3 pending), no limit". */
export function seatSummary(usage: SeatUsage): string {
  const pending = `(${usage.pending} pending)`;
  return usage.limit === null
    ? `${plural(usage.used, 'seat')} used ${pending}, no limit`
    : `${usage.used} of ${plural(usage.limit, 'seat')} used ${pending}`;
}

export interface SeatForecast {
  /** "After this import: 27 of 25 seats". */
  sentence: string;
  /** New rows that still fit (all of them when there is no limit). */
  fitting: number;
  /** True when some rows would be refused for want of a seat. */
  overLimit: boolean;
}

/**
 * What inviting `incoming` new people does to the seats. An upper bound: rows for people who are
 * members already take no seat.
 */
export function seatForecast(usage: SeatUsage, incoming: number): SeatForecast {
  const after = usage.used + incoming;
  if (usage.limit === null) {
    return {
      sentence: `After this import: ${plural(after, 'seat')} used`,
      fitting: incoming,
      overLimit: false,
    };
  }
  const fitting = Math.max(0, Math.min(incoming, usage.limit - usage.used));
  return {
    sentence: `After this import: ${after} of ${plural(usage.limit, 'seat')}`,
    fitting,
    overLimit: fitting < incoming,
  };
}
