import { useCallback, type ComponentProps } from 'react';
import { DialogContent } from '../../components/ui/dialog.tsx';
import { cn } from '../../lib/cn.ts';
import { moveFocus } from '../../lib/deep-focus.ts';

/**
 * A dialog that hosts the StackOne Hub: Tab and Shift+Tab cycle through the dialog's controls and the
 * Hub's own (inside its shadow root), and on a phone the dialog is a full-screen sheet.
 */
export function HubDialogContent({ className, ...props }: ComponentProps<typeof DialogContent>) {
  const trapRef = useCallback((node: HTMLDivElement | null) => {
    if (!node) return;
    // Capture phase on the content: it runs before Radix's own Tab handling (which cannot see into the
    // shadow root) and before the Hub's elements get the key.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
      if (!moveFocus(node, e.shiftKey)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    node.addEventListener('keydown', onKeyDown, true);
    return () => node.removeEventListener('keydown', onKeyDown, true);
  }, []);
  return (
    <DialogContent
      ref={trapRef}
      className={cn(
        'max-sm:top-0 max-sm:left-0 max-sm:h-dvh max-sm:max-h-none max-sm:max-w-none max-sm:translate-x-0 max-sm:translate-y-0 max-sm:content-start max-sm:rounded-none max-sm:border-0',
        className,
      )}
      {...props}
    />
  );
}
