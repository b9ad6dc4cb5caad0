// The CSV preview's seat forecast: how many seats the import would take and, past the limit,
// a warning before anything is sent and the admin's choice of what to do with the rows past it.
import type { BulkInviteQuery } from '@app/contracts';
import { Alert } from '@/components/ui/alert';
import { useSeats } from '../api/seats';
import { seatForecast } from '../lib/seat-text';

export type OverSeatLimit = BulkInviteQuery['overSeatLimit'];

export function SeatForecast({
  incoming,
  choice,
  onChoose,
}: {
  incoming: number;
  /** With `onChoose`: past the limit, the admin picks stop / the first that fit / the inbox. */
  choice?: OverSeatLimit;
  onChoose?: (choice: OverSeatLimit) => void;
}) {
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
  const fits = `${forecast.fitting} new ${forecast.fitting === 1 ? 'person fits' : 'people fit'}`;
  if (choice === undefined || onChoose === undefined) {
    return (
      <Alert tone="warning" title={forecast.sentence}>
        Only the first {fits}; the rows after that will be refused and nobody on them is emailed.
        Raise the seat limit first to invite everyone.
      </Alert>
    );
  }
  const options: { value: OverSeatLimit; label: string }[] = [
    { value: 'stop', label: 'Stop: import nothing until there are seats for everyone' },
    { value: 'invite_fitting', label: `Invite the first rows that fit (${fits}); refuse the rest` },
    {
      value: 'send_to_inbox',
      label: 'Invite the first rows that fit and send the rest to the approval inbox',
    },
  ];
  return (
    <Alert tone="warning" title={forecast.sentence}>
      <fieldset className="choice-group">
        <legend>Only the first {fits}. What should happen to the rest?</legend>
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name="over-seat-limit"
              value={option.value}
              checked={choice === option.value}
              onChange={() => onChoose(option.value)}
            />{' '}
            {option.label}
          </label>
        ))}
      </fieldset>
    </Alert>
  );
}
