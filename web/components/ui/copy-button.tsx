import { CheckIcon, CopyIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { cn } from '../../lib/cn.ts';
import { Button, type ButtonProps } from './button.tsx';

export interface CopyButtonProps extends Omit<ButtonProps, 'value' | 'onClick' | 'children'> {
  value: string;
  /** Accessible name, e.g. "Copy account ID". */
  label: string;
  /** Shown next to the icon; icon-only when omitted. */
  text?: string;
}

/** Copies `value` to the clipboard; the icon turns into a check for a moment. */
export function CopyButton({
  value,
  label,
  text,
  className,
  variant = 'ghost',
  size,
  ...props
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      toast.error('Could not copy to the clipboard', { description: 'Select the text and copy it by hand.' });
    }
  };

  const Icon = copied ? CheckIcon : CopyIcon;
  return (
    <Button
      variant={variant}
      size={size ?? (text ? 'sm' : 'icon-sm')}
      aria-label={label}
      title={label}
      onClick={() => void copy()}
      className={cn(!text && 'size-7 text-muted-foreground', className)}
      {...props}
    >
      <Icon className={cn('size-3.5', copied && 'text-emerald-600 dark:text-emerald-400')} aria-hidden />
      {text}
      <span className="sr-only" aria-live="polite">
        {copied ? 'Copied' : ''}
      </span>
    </Button>
  );
}
