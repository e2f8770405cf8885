/** Whether an Accept-Encoding header takes gzip (`gzip;q=0` refuses it; `*` takes it). */
export function acceptsGzip(header: string | undefined): boolean {
  let wildcard = false;
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    const takes = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip') return takes;
    if (coding === '*') wildcard = takes;
  }
  return wildcard;
}
