import { html, raw } from 'hono/html';

type Html = ReturnType<typeof html>;

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f4f5f7; color: #1d2330; }
  .banner { background: #1d2330; color: #fff; padding: 8px 16px; font-size: 13px; }
  .banner strong { color: #ffd166; }
  main { max-width: 560px; margin: 32px auto; padding: 0 16px; }
  .card { background: #fff; border: 1px solid #dfe2e8; border-radius: 12px; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 12px; }
  h2 { font-size: 15px; margin: 20px 0 8px; }
  p, li, dd, dt { line-height: 1.5; }
  .logo { width: 40px; height: 40px; vertical-align: middle; margin-right: 8px; }
  .actions { display: flex; gap: 12px; margin-top: 24px; }
  button { font: inherit; padding: 10px 20px; border-radius: 8px; border: 1px solid #1d2330; cursor: pointer; }
  button.primary { background: #1d2330; color: #fff; }
  button.secondary { background: #fff; color: #1d2330; }
  button:focus-visible { outline: 3px solid #3b82f6; outline-offset: 2px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; font-family: ui-monospace, monospace; }
  code { background: #eef0f4; padding: 1px 4px; border-radius: 4px; }
  .status { min-height: 1.5em; font-weight: 600; }
  .status.ok { color: #166534; }
  body.compact main { margin: 12px auto; padding: 0 12px; }
  body.compact .banner { padding-right: 48px; }
`;

/**
 * The sandbox's own HTML pages: a banner that says this is not StackOne, then the content. `compact`
 * trims the margins, for a page shown in a host app's iframe.
 */
export function sandboxPage(title: string, content: Html, options: { compact?: boolean } = {}): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>${title} · StackOne sandbox</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body${options.compact ? raw(' class="compact"') : ''}>
        <div class="banner" role="note">
          <strong>StackOne sandbox</strong> · a local emulator: nothing here talks to a real provider.
        </div>
        <main>${content}</main>
      </body>
    </html>`;
}

/** A one-message page (expired link, unknown attempt…). */
export function messagePage(title: string, message: string): Html {
  return sandboxPage(
    title,
    html`<div class="card">
      <h1>${title}</h1>
      <p>${message}</p>
    </div>`,
  );
}
