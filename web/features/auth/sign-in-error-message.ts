import type { ApiError } from '../../lib/api-error.ts';

/** Sign-in failures in words a person can act on. */
export function signInErrorMessage(error: ApiError): string {
  if (error.status === 401) return 'Wrong email or password.';
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    return wait
      ? `Too many sign-in attempts. Try again in ${wait} second${wait === 1 ? '' : 's'}.`
      : 'Too many sign-in attempts. Wait a minute and try again.';
  }
  if (error.status === 403) return 'This account is disabled. Ask an administrator.';
  if (error.isNetworkError) return error.message;
  return error.message || 'Sign-in failed. Try again.';
}
