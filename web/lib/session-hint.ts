/**
 * Whether this browser was signed in when it last asked: a hint, never a credential (the session
 * cookie is HttpOnly). The first load starts a screen's data early only with the hint, so a signed-out
 * visitor is not answered 401 for a request made before the session check (a console error on every
 * visit of the login redirect). A stale hint costs one such request, then it is cleared.
 */
const KEY = 'switchboard.signedIn';

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode, quota): the console only starts its first data a little later.
  }
}
