import { isSecretField, type Connector } from '../catalog/connectors.ts';

export interface CredentialProblem {
  /** Never 401/403: the Hub reads those as an expired session token and shows no error. */
  status: 400 | 502;
  message: string;
  /** What the provider "answered", as a JSON string: the Hub shows it in the alert's detail. */
  provider_response: string;
}

/**
 * The sandbox's simulated provider check, run before a connection is saved. A secret field whose value
 * is exactly one of these magic words fails it:
 * - `invalid`   → 400 "Invalid credentials" (the provider said 401)
 * - `forbidden` → 400 "Insufficient permissions" (the provider said 403)
 * - `timeout`   → 502 "Provider unreachable" (the provider did not answer)
 * Any other value is accepted.
 */
export function checkCredentials(
  connector: Connector,
  values: Record<string, string>,
): CredentialProblem | undefined {
  const secretValues = connector.fields.filter(isSecretField).map((f) => values[f.key]);
  const url = `https://${connector.api_host}/`;
  if (secretValues.includes('invalid'))
    return {
      status: 400,
      message: 'Invalid credentials',
      provider_response: JSON.stringify({
        status: 401,
        url,
        error: 'invalid_credentials',
        message: `${connector.name} rejected the credentials: the key or token is not valid.`,
      }),
    };
  if (secretValues.includes('forbidden'))
    return {
      status: 400,
      message: 'Insufficient permissions',
      provider_response: JSON.stringify({
        status: 403,
        url,
        error: 'insufficient_scope',
        message: `The credentials are valid but may not read: ${connector.resources.join(', ')}.`,
      }),
    };
  if (secretValues.includes('timeout'))
    return {
      status: 502,
      message: 'Provider unreachable',
      provider_response: JSON.stringify({
        error: 'ETIMEDOUT',
        url,
        message: `${connector.api_host} did not answer within 30 s.`,
      }),
    };
  return undefined;
}
