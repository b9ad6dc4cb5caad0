// The CSV preview's seat forecast: how many seats the import would take and, past the limit,
// a warning before anything is sent.
import { Alert } from '@/components/ui/alert';
import { useSeats } from '../api/seats';
import { seatForecast } from '../lib/seat-text';

export function SeatForecast({ incoming }: { incoming: number }) {
  const seats = useSeats(true);
  if (seats.data === undefined || incoming === 0) return null;
  const forecast = seatForecast(seats.data, incoming);
  if (!forecast.overLimit) {
    return (
      <p className="muted small" data-testid="seat-forecast">
        {forecast.sentence}.
      </p>
    );
  }
  return (
    <Alert tone="warning" title={forecast.sentence}>
      Only the first {forecast.fitting} new {forecast.fitting === 1 ? 'person fits' : 'people fit'};
      the rows after that will be refused and nobody on them is emailed. Raise the seat limit first
      to invite everyone.
    </Alert>
  );
}
