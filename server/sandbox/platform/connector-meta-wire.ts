import type { Connector } from '../catalog/connectors.ts';

/**
 * `models` of ConnectorsMeta and LinkedAccountMeta: free-form upstream (the SDK passes it through).
 * The sandbox describes each unified resource by its list and get operations, in the shape of the
 * OpenAPI example (`{employees:{get:{apiPath:…}}}`).
 */
export function connectorModels(connector: Connector) {
  const models: Record<string, Record<string, { apiPath: string }>> = {};
  for (const resource of connector.resources) {
    const path = `/unified/${connector.category}/${resource}`;
    models[resource] = { list: { apiPath: path }, get: { apiPath: `${path}/:id` } };
  }
  return models;
}

/** ConnectorsMeta (stackone-api.md §4.3). Every sandbox connector is enabled, so `active` is always true. */
export function toConnectorMetaWire(connector: Connector, publicUrl: string) {
  return {
    provider: connector.provider,
    provider_name: connector.name,
    category: connector.category,
    active: true,
    models: connectorModels(connector),
    resources: {
      images: {
        logo_url: `${publicUrl}/logos/${connector.provider}.svg`,
        original_logo_horizontal_url: null,
      },
    },
  };
}
