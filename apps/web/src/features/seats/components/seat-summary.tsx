// The Team page's seat line for admins: "18 of 25 seats used (3 pending)" and a way to change
// the limit. Reloads whenever `version` changes (the member list changed).
import type { SeatUsage } from '@app/contracts';
import { lazy, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { LazyDialog } from '@/components/ui/lazy-dialog';
import { useToast } from '@/components/ui/toast';
import { useSeats } from '../api/seats';
import { seatSummary } from '../lib/seat-text';

// Changing the limit is rare: the dialog's code loads when it opens.
const SeatLimitDialog = lazy(() =>
  import('./seat-limit-dialog').then((module) => ({ default: module.SeatLimitDialog })),
);

export function SeatSummary({ version }: { version: unknown }) {
  const seats = useSeats(true);
  const toaster = useToast();
  const [editing, setEditing] = useState(false);
  const seen = useRef(version);
  const { refetch } = seats;
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    refetch();
  }, [version, refetch]);

  const usage = seats.data;
  if (usage === undefined) return null;

  function saved(next: SeatUsage) {
    seats.setData(() => next);
    setEditing(false);
    toaster.show(
      next.limit === null ? 'The seat limit is removed.' : `The seat limit is now ${next.limit}.`,
    );
  }

  return (
    <>
      <div className="seat-summary" data-testid="seat-summary">
        <span>{seatSummary(usage)}</span>
        <Button size="sm" onClick={() => setEditing(true)}>
          Change limit
        </Button>
      </div>
      {editing && (
        <LazyDialog>
          <SeatLimitDialog usage={usage} onSaved={saved} onClose={() => setEditing(false)} />
        </LazyDialog>
      )}
    </>
  );
}
