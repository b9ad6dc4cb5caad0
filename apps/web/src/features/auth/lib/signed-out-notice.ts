// "You are signed out": sign-out leaves the SPA for the identity provider, which sends the
// browser back to /sign-in; a flag in this tab's sessionStorage carries the news across.
const KEY = 'teamspace.signedOut';

export function rememberSignedOut(): void {
  try {
    window.sessionStorage.setItem(KEY, '1');
  } catch {
    // Storage off: the sign-in screen simply shows no notice.
  }
}

/** Whether this tab has just signed out; `forgetSignedOut` clears it once shown. */
export function hasJustSignedOut(): boolean {
  try {
    return window.sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function forgetSignedOut(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
