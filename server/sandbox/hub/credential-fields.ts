import { isSecretField, type Connector } from '../catalog/connectors.ts';
import type { LinkCredentials } from '../state/link-account.ts';

/**
 * Splits submitted values into setup information and secrets by the connector's fields. Keys that are
 * not fields of the connector are dropped, and so are empty values (the Hub never sends them either).
 */
export function splitCredentials(connector: Connector, values: Record<string, string>): LinkCredentials {
  const result: LinkCredentials = { setup_information: {}, secrets: {} };
  for (const field of connector.fields) {
    const value = values[field.key];
    if (value === undefined || value === '') continue;
    if (isSecretField(field)) result.secrets[field.key] = value;
    else result.setup_information[field.key] = value;
  }
  return result;
}

/** Labels of required fields that have no value once `values` are taken into account. */
export function missingRequiredFields(connector: Connector, values: Record<string, string>): string[] {
  return connector.fields.filter((f) => f.required && !values[f.key]).map((f) => f.label);
}
