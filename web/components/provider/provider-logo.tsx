import { useState } from 'react';
import { cn } from '../../lib/cn.ts';

export interface ProviderLogoProps {
  name: string;
  logoUrl: string | null | undefined;
  className?: string;
}

/** The provider's logo, decorative (its name is always written beside it); initials when there is none. */
export function ProviderLogo({ name, logoUrl, className }: ProviderLogoProps) {
  const [failed, setFailed] = useState(false);
  const box = cn('size-5 shrink-0 rounded-sm', className);
  if (logoUrl && !failed) {
    return (
      <img
        src={logoUrl}
        alt=""
        className={cn(box, 'object-contain')}
        loading="lazy"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span
      aria-hidden
      className={cn(
        box,
        'flex items-center justify-center bg-muted text-[10px] font-semibold text-muted-foreground uppercase',
      )}
    >
      {name.slice(0, 2)}
    </span>
  );
}
