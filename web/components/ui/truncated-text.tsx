import { cn } from '../../lib/cn.ts';

/** One line, cut with an ellipsis; the whole text shows as a tooltip on hover. */
export function TruncatedText({ text, className }: { text: string; className?: string }) {
  return (
    <span className={cn('block min-w-0 truncate', className)} title={text}>
      {text}
    </span>
  );
}
