const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body>
</html>`;

const WHY: Record<string, string> = {
  expired: 'This link has expired.',
  superseded: 'A newer link was sent for this account, so this one no longer works.',
  revoked: 'This link was withdrawn and no longer works.',
  completed: 'This link has already been used: the account is connected.',
};

/** The page of a link that no longer works: why, and whom to ask for a new one. No link, no token. */
export function endedLinkPage(state: string, createdByEmail: string | null): string {
  const who = createdByEmail
    ? `<a href="mailto:${escapeHtml(createdByEmail)}">${escapeHtml(createdByEmail)}</a>`
    : 'your account manager';
  const title = state === 'completed' ? 'Link already used' : 'Link no longer valid';
  return page(title, `<p>${escapeHtml(WHY[state] ?? WHY.expired!)}</p><p>For a new link, ask ${who}.</p>`);
}

export const unknownLinkPage = () =>
  page('Link not found', '<p>There is no such link. Check that it was copied completely.</p>');

export const tooManyOpensPage = (seconds: number) =>
  page('Too many requests', `<p>Please wait ${seconds} seconds and try again.</p>`);
