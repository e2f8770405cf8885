import { useRef, useState } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '../../components/ui/alert-dialog.tsx';

/**
 * Closing a Hub the user has typed into asks first: the Hub keeps no draft, so what was typed is gone.
 * `requestClose` closes at once when nothing was typed; `confirmation` is the question, to render.
 */
export function useHubCloseGuard(close: () => void) {
  const hasTyped = useRef(false);
  const [isAsking, setIsAsking] = useState(false);
  const requestClose = () => {
    if (hasTyped.current) setIsAsking(true);
    else close();
  };
  const confirmation = (
    <AlertDialog open={isAsking} onOpenChange={setIsAsking}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Discard what you typed?</AlertDialogTitle>
          <AlertDialogDescription>
            The values typed into the StackOne Hub are not saved anywhere until you connect.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep editing</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={close}>
            Discard
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
  return {
    requestClose,
    confirmation,
    onTyped: () => {
      hasTyped.current = true;
    },
  };
}
