// Changes the organization's seat limit: a whole number of seats, or no limit at all. Checked
// with the contracts' schema before sending; the BFF checks again and answers the new usage.
import { SeatLimitSchema, type SeatUsage } from '@app/contracts';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { describeError } from '@/lib/error-message';
import { updateSeatLimit } from '../api/seats';

export function SeatLimitDialog({
  usage,
  onSaved,
  onClose,
}: {
  usage: SeatUsage;
  onSaved: (usage: SeatUsage) => void;
  onClose: () => void;
}) {
  const [unlimited, setUnlimited] = useState(usage.limit === null);
  const [text, setText] = useState(String(usage.limit ?? usage.used));
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function save() {
    let limit: number | null = null;
    if (!unlimited) {
      const parsed = SeatLimitSchema.safeParse(text.trim() === '' ? Number.NaN : Number(text));
      if (!parsed.success || parsed.data === null) {
        setFieldError(parsed.error?.issues[0]?.message ?? 'Enter a number of seats.');
        return;
      }
      limit = parsed.data;
    }
    setFieldError(undefined);
    setPending(true);
    setError(undefined);
    try {
      onSaved(await updateSeatLimit(limit));
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  }

  const below = !unlimited && Number(text) < usage.used && Number(text) >= 1;

  return (
    <Dialog
      title="Seat limit"
      description={`Active members and pending invitations take a seat; ${usage.used} are taken now. Nobody can be invited past the limit.`}
      onClose={onClose}
      closeDisabled={pending}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" isLoading={pending} onClick={() => void save()}>
            Save limit
          </Button>
        </>
      }
    >
      {error !== undefined && <Alert tone="error">{describeError(error)}</Alert>}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={unlimited}
          onChange={(event) => setUnlimited(event.target.checked)}
        />{' '}
        No limit
      </label>
      {!unlimited && (
        <Field label="Seats" error={fieldError} hint="A whole number from 1.">
          {(props) => (
            <input
              {...props}
              className="input"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              data-autofocus
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
      )}
      {below && (
        <Alert tone="warning">
          This is below the {usage.used} seats taken: everyone stays, but nobody new can be invited
          until enough people leave.
        </Alert>
      )}
    </Dialog>
  );
}
