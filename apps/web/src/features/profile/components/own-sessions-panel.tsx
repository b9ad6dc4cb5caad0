// "Your sessions" on the profile: every device the person is signed in on (browser, system, IP,
// place, last seen), this one marked, with "Sign out" per session and "Sign out everywhere"
// (asked first). Signing out this session or everywhere hands over to `onSignedOut`, which
// leaves the app.
import type { OwnSession } from '@app/contracts';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/error-message';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useOwnSessions } from '../api/get-own-sessions';
import { signOutEverywhere } from '../api/sign-out-everywhere';
import { signOutSession } from '../api/sign-out-session';

const DEVICE_NAMES: Record<string, string> = {
  desktop: 'Computer',
  mobile: 'Phone',
  tablet: 'Tablet',
};

/** "Chrome 131 on macOS 14.5", or the device type when the browser is unknown. */
export function describeSession(session: OwnSession): string {
  const browser = session.browser || DEVICE_NAMES[session.deviceType] || 'Unknown device';
  return session.os ? `${browser} on ${session.os}` : browser;
}

export function OwnSessionsPanel({ onSignedOut }: { onSignedOut: () => void }) {
  const sessions = useOwnSessions();
  const toast = useToast();
  const [pendingId, setPendingId] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const listRef = useRef<HTMLUListElement>(null);

  async function signOut(session: OwnSession) {
    setPendingId(session.id);
    setFailure(undefined);
    try {
      const { includesCurrent } = await signOutSession(session.id);
      if (includesCurrent) {
        onSignedOut();
        return;
      }
      sessions.setData((current) => current?.filter((other) => other.id !== session.id));
      toast.show(`Signed out ${describeSession(session)}.`, { tone: 'success' });
      // The button that had focus is gone with its row: the list keeps it.
      listRef.current?.focus();
    } catch (error) {
      setFailure(`${describeSession(session)} was not signed out. ${describeError(error)}`);
    } finally {
      setPendingId(undefined);
    }
  }

  async function everywhere() {
    await signOutEverywhere();
    onSignedOut();
  }

  return (
    <section className="card own-sessions" aria-labelledby="own-sessions-title">
      <div className="own-sessions__header">
        <div>
          <h2 className="own-sessions__title" id="own-sessions-title">
            Your sessions
          </h2>
          <p className="muted small">Where you are signed in right now.</p>
        </div>
        {sessions.data && sessions.data.length > 0 && (
          <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </Button>
        )}
      </div>
      {failure && <Alert tone="error">{failure}</Alert>}
      {!sessions.data && sessions.isFetching && <LoadingState label="Loading your sessions…" />}
      {!sessions.data && !sessions.isFetching && sessions.error !== undefined && (
        <Alert tone="error" action={<Button onClick={sessions.refetch}>Try again</Button>}>
          Your sessions could not be loaded. {describeError(sessions.error)}
        </Alert>
      )}
      {sessions.data && (
        <ul className="own-sessions__list" ref={listRef} tabIndex={-1} aria-label="Sessions">
          {sessions.data.map((session) => (
            <li key={session.id} className="own-sessions__row">
              <div className="own-sessions__what">
                <p className="own-sessions__device">
                  {describeSession(session)}
                  {session.current && <Badge tone="success">This device</Badge>}
                </p>
                <p className="muted small">
                  {[session.ip && `IP ${session.ip}`, session.location].filter(Boolean).join(' · ')}
                  {session.ip || session.location ? ' · ' : ''}
                  Last seen{' '}
                  <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt)}>
                    {formatRelative(session.lastSeenAt)}
                  </time>
                </p>
              </div>
              <Button
                size="sm"
                isLoading={pendingId === session.id}
                aria-label={`Sign out ${describeSession(session)}${session.current ? ' (this device)' : ''}`}
                onClick={() => void signOut(session)}
              >
                Sign out
              </Button>
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          title="Sign out everywhere?"
          confirmLabel="Sign out everywhere"
          onConfirm={everywhere}
          onClose={() => setConfirming(false)}
        >
          You will be signed out on every device, this one included, and need your email code to
          sign in again.
        </ConfirmDialog>
      )}
    </section>
  );
}
