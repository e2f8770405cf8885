import { PassThrough, Readable } from 'node:stream';
import { constants, createGzip } from 'node:zlib';

/**
 * An HTML answer sent in two parts: `head` at once, the rest when `rest` settles (gzip-compressed
 * when the client takes it, each part flushed as it is written, so the head is not held back).
 */
export function streamHtml(
  gzip: boolean,
  head: string,
  rest: Promise<string>,
): { body: ReadableStream<Uint8Array>; headers: Record<string, string> } {
  const out = gzip ? createGzip({ flush: constants.Z_SYNC_FLUSH }) : new PassThrough();
  out.write(head);
  void rest.then((text) => out.end(text));
  return {
    body: Readable.toWeb(out) as ReadableStream<Uint8Array>,
    headers: {
      'content-type': 'text/html; charset=UTF-8',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    },
  };
}
