import { Hono } from 'hono';
import { CONNECTORS, findConnector } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { toConnectorMetaWire } from './connector-meta-wire.ts';

/**
 * `GET /connectors/meta[/{provider}]`. `include` is accepted and ignored: `resources` (logos) is
 * always present, there are no inactive connectors, and the model enrichments are not emulated.
 */
export function connectorsMetaRoutes(ctx: SandboxContext) {
  return new Hono()
    .get('/connectors/meta', (c) =>
      c.json(
        CONNECTORS.map((connector) => toConnectorMetaWire(connector, ctx.options.publicUrl)),
        200,
      ),
    )
    .get('/connectors/meta/:provider', (c) => {
      const connector = findConnector(c.req.param('provider'));
      if (!connector) return stackOneError(c, 404, 'No connector with the given provider key exists');
      return c.json(toConnectorMetaWire(connector, ctx.options.publicUrl), 200);
    });
}
