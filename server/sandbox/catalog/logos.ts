import { CONNECTORS } from './connectors.ts';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A locally drawn logo (brand colour + initials), so that nothing is fetched from the network. */
export function logoSvg(provider: string): string | undefined {
  const connector = CONNECTORS.find((c) => c.provider === provider);
  if (!connector) return undefined;
  const text = escapeXml(connector.initials);
  const size = connector.initials.length > 1 ? 26 : 32;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(connector.name)}"><rect width="64" height="64" rx="14" fill="${connector.color}"/><text x="32" y="33" dominant-baseline="middle" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-weight="700" font-size="${size}" fill="#fff">${text}</text></svg>`;
}
