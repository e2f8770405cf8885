/**
 * Integration files share one module graph per worker (`isolate: false`). The official SDK checks
 * each response with `instanceof Response` against the global `Response` it saw when it loaded, and
 * @hono/node-server replaces that global when a worker's first server starts: the SDK must load
 * before any console or sandbox of the worker does.
 */
import '@stackone/stackone-client-ts';
