// Revoke and remove with Undo, as Linear and Gmail do: once confirmed, the row leaves the table
// and a toast offers Undo for UNDO_WINDOW_MS; only then is the DELETE sent. Undo sends nothing.
// Leaving sends: going to another screen sends at once, and closing or reloading the tab sends
// with `keepalive`, so a confirmed action is never silently dropped.
import type { Member, RemoveMemberResponse } from '@app/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/error-message';
import { removeMember } from '../api/remove-member';

export const UNDO_WINDOW_MS = 6000;

const isInvitation = (member: Member) => member.status === 'pending' || member.status === 'expired';

export function useUndoableRemovals({
  onSent,
  onUndone,
}: {
  /** The BFF removed them: drop the row for good. */
  onSent: (result: RemoveMemberResponse) => void;
  /** Undo was chosen: the row is back. */
  onUndone: (member: Member) => void;
}) {
  const toaster = useToast();
  /** Members confirmed for removal whose DELETE has not been answered yet: hidden rows. */
  const [hiddenIds, setHiddenIds] = useState<ReadonlySet<string>>(new Set());
  const waiting = useRef(new Map<string, { member: Member; toastId: number }>());
  const callbacks = useRef({ onSent, onUndone });
  callbacks.current = { onSent, onUndone };

  const unhide = useCallback((userId: string) => {
    setHiddenIds((ids) => new Set([...ids].filter((id) => id !== userId)));
  }, []);

  const send = useCallback(
    (userId: string, { keepalive = false }: { keepalive?: boolean } = {}) => {
      const entry = waiting.current.get(userId);
      if (!entry) return;
      waiting.current.delete(userId);
      const { member } = entry;
      removeMember(userId, { keepalive }).then(
        (result) => {
          callbacks.current.onSent(result);
          unhide(userId);
        },
        (failure: unknown) => {
          unhide(userId);
          const what = isInvitation(member)
            ? `The invitation for ${member.email} could not be revoked.`
            : `${member.email} could not be removed.`;
          toaster.show(`${what} ${describeError(failure)}`, { tone: 'error' });
        },
      );
    },
    [toaster, unhide],
  );

  const undo = useCallback(
    (userId: string) => {
      const entry = waiting.current.get(userId);
      if (!entry) return;
      waiting.current.delete(userId);
      unhide(userId);
      const { member } = entry;
      toaster.show(
        isInvitation(member)
          ? `Undone: the invitation for ${member.email} still stands.`
          : `Undone: ${member.email} is still a member.`,
        { tone: 'info' },
      );
      callbacks.current.onUndone(member);
    },
    [toaster, unhide],
  );

  const schedule = useCallback(
    (member: Member) => {
      const toastId = toaster.show(
        isInvitation(member)
          ? `The invitation for ${member.email} was revoked.`
          : `${member.email} was removed from your organization.`,
        {
          durationMs: UNDO_WINDOW_MS,
          action: { label: 'Undo', onAction: () => undo(member.userId) },
          onDone: () => send(member.userId),
        },
      );
      waiting.current.set(member.userId, { member, toastId });
      setHiddenIds((ids) => new Set([...ids, member.userId]));
    },
    [toaster, undo, send],
  );

  useEffect(() => {
    const pending = waiting.current;
    const sendAllAsPageGoes = () => {
      for (const userId of [...pending.keys()]) send(userId, { keepalive: true });
    };
    window.addEventListener('pagehide', sendAllAsPageGoes);
    return () => {
      window.removeEventListener('pagehide', sendAllAsPageGoes);
      // Another screen: send now; the Undo toast would offer what can no longer be undone.
      for (const [userId, { toastId }] of [...pending]) {
        toaster.dismiss(toastId);
        send(userId);
      }
    };
  }, [send, toaster]);

  return { hiddenIds, schedule };
}
