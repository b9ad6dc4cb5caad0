// Asks before a destructive action; shows the failure inside the dialog so nothing is lost.
import { useState, type ReactNode } from 'react';
import { describeError } from '@/lib/error-message';
import { Alert } from './alert';
import { Button } from './button';
import { Dialog } from './dialog';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone = 'danger',
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  /** Runs the action; a rejection keeps the dialog open with the error. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function confirm() {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  }

  return (
    <Dialog
      title={title}
      description={children}
      onClose={onClose}
      closeDisabled={pending}
      footer={
        <>
          <Button onClick={onClose} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button variant={tone} isLoading={pending} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error !== undefined && <Alert tone="error">{describeError(error)}</Alert>}
    </Dialog>
  );
}
