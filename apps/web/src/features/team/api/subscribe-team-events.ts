// GET /api/team/events: the BFF's server-sent events about membership changes (an invitee
// accepting, a role change, a removal), parsed with the contracts.
import { routes, TeamEventSchema, type TeamEvent } from '@app/contracts';
import { useEffect, useRef } from 'react';

const EVENT_NAMES = ['message', 'member.added', 'member.updated', 'member.removed'] as const;

/** Opens the stream and calls `onEvent` for each valid event; returns the close function. */
export function subscribeTeamEvents(
  onEvent: (event: TeamEvent) => void,
  onConnectionLost?: () => void,
): () => void {
  const source = new EventSource(routes.teamEvents, { withCredentials: false });
  const listener = (message: Event) => {
    if (!(message instanceof MessageEvent) || typeof message.data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch {
      return; // keep-alive or a comment the BFF may send; nothing to show
    }
    const event = TeamEventSchema.safeParse(json);
    if (event.success) onEvent(event.data);
  };
  for (const name of EVENT_NAMES) source.addEventListener(name, listener);
  source.addEventListener('error', () => {
    // EventSource retries by itself; CLOSED means it gave up (e.g. the session ended).
    if (source.readyState === EventSource.CLOSED) onConnectionLost?.();
  });
  return () => source.close();
}

/** Subscribes while the component is mounted. */
export function useTeamEvents(onEvent: (event: TeamEvent) => void, onConnectionLost?: () => void) {
  const handlers = useRef({ onEvent, onConnectionLost });
  useEffect(() => {
    handlers.current = { onEvent, onConnectionLost };
  });
  useEffect(
    () =>
      subscribeTeamEvents(
        (event) => handlers.current.onEvent(event),
        () => handlers.current.onConnectionLost?.(),
      ),
    [],
  );
}
