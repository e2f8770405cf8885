import type { ApiError } from '../../lib/api-error.ts';

/**
 * Sign-in failures in words a person can act on. A 401 here means wrong credentials (better-auth's
 * wording varies); rate limits and disabled users keep the server's message, which names the wait.
 */
export function signInErrorMessage(error: ApiError): string {
  if (error.status === 401) return 'Wrong email or password.';
  if (error.status === 429 && error.retryAfterSeconds && !/\d/.test(error.message)) {
    return `Too many sign-in attempts. Try again in ${error.retryAfterSeconds} s.`;
  }
  return error.message || 'Sign-in failed. Try again.';
}
