// What happens when the BFF answers 401: by default a full-page trip to sign-in; the app
// replaces it with a router navigation. Kept apart from the API client so the entry chunk can
// register the handler without loading the contracts.
import { browserLocation } from './browser-location';
import { signInPath } from './sign-in-path';

type UnauthenticatedHandler = () => void;

let handler: UnauthenticatedHandler = () =>
  browserLocation.assign(signInPath(`${window.location.pathname}${window.location.search}`));

export function setUnauthenticatedHandler(next: UnauthenticatedHandler): void {
  handler = next;
}

export function notifyUnauthenticated(): void {
  handler();
}
