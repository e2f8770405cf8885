import type { AccountDetail } from '../../../../shared/schemas/account-detail.ts';
import { CopyButton } from '../../../components/ui/copy-button.tsx';

export function RawTab({ detail }: { detail: AccountDetail }) {
  const json = JSON.stringify(detail, null, 2);
  return (
    <div className="relative">
      <CopyButton
        value={json}
        label="Copy JSON"
        text="Copy JSON"
        variant="outline"
        className="absolute top-2 right-2 bg-background"
      />
      <pre
        className="max-h-[70vh] overflow-auto rounded-lg border bg-muted/40 p-4 font-mono text-xs leading-relaxed"
        tabIndex={0}
        aria-label="Account as JSON"
      >
        {json}
      </pre>
    </div>
  );
}
