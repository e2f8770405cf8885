import { PencilIcon } from 'lucide-react';
import { useRef, useState } from 'react';
import type { Account } from '../../../../shared/schemas/account.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Tooltip, TooltipContent, TooltipTrigger } from '../../../components/ui/tooltip.tsx';
import { useCan } from '../../../lib/use-me.ts';
import { EditLabelForm } from './edit-label-form.tsx';

/** The account's label on its page, with an in-place editor for those allowed to change it. */
export function InlineLabelEdit({ account }: { account: Account }) {
  const canEdit = useCan('accounts:edit_label') && account.deletedAt === null;
  const [isEditing, setIsEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  if (isEditing && canEdit) {
    const done = () => {
      setIsEditing(false);
      // The input that had focus is gone; put it back on the pencil.
      requestAnimationFrame(() => editButton.current?.focus());
    };
    return <EditLabelForm account={account} inline onDone={done} />;
  }
  return (
    <span className="inline-flex items-center gap-1">
      {account.label ? (
        <Badge variant="outline">{account.label}</Badge>
      ) : (
        canEdit && <span className="text-xs text-muted-foreground">No label</span>
      )}
      {canEdit && (
        <Tooltip>
          <TooltipTrigger asChild>
            <Button
              ref={editButton}
              variant="ghost"
              size="icon-sm"
              className="size-6 text-muted-foreground"
              aria-label="Edit label"
              onClick={() => setIsEditing(true)}
            >
              <PencilIcon className="size-3.5" aria-hidden />
            </Button>
          </TooltipTrigger>
          <TooltipContent>Edit label</TooltipContent>
        </Tooltip>
      )}
    </span>
  );
}
