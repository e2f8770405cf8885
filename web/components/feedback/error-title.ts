import type { ApiError } from '../../lib/api-error.ts';

/** A heading that names where the problem is: StackOne, the network, or the request itself. */
export function errorTitle(error: ApiError): string {
  switch (error.code) {
    case 'upstream_unavailable':
      return 'StackOne is unreachable';
    case 'upstream_timeout':
      return 'StackOne did not answer in time';
    case 'upstream_error':
      return 'StackOne returned an error';
    case 'rate_limited':
      return error.upstream ? 'StackOne is rate limiting requests' : 'Too many requests';
    case 'network_error':
      return 'Cannot reach the Switchboard server';
    case 'not_found':
      return 'Not found';
    case 'forbidden':
      return 'Your role does not allow this';
    case 'unauthenticated':
      return 'Signed out';
    case 'bad_request':
      return 'The request was not valid';
    default:
      return 'Something went wrong';
  }
}
