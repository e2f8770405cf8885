import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import {
  IncidentNoteInputSchema,
  type Incident,
  type IncidentNote,
  type IncidentNoteInput,
} from '../../../shared/schemas/incident.ts';
import { Button } from '../../components/ui/button.tsx';
import { Label } from '../../components/ui/label.tsx';
import { Textarea } from '../../components/ui/textarea.tsx';
import { applyFormErrors } from '../../lib/apply-form-errors.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { addIncidentNote, invalidateIncident } from '../../lib/queries/incidents.ts';
import { useCan } from '../../lib/use-me.ts';

/** What was already tried: the notes, oldest first, and (for support and above) a form to add one. */
export function IncidentNotes({ incident, notes }: { incident: Incident; notes: IncidentNote[] }) {
  const canAct = useCan('incidents:act');
  const queryClient = useQueryClient();
  const form = useForm<IncidentNoteInput>({
    resolver: zodResolver(IncidentNoteInputSchema),
    defaultValues: { body: '' },
  });
  const add = useMutation({
    mutationFn: (input: IncidentNoteInput) => addIncidentNote(incident.id, input.body),
    onSuccess: () => {
      form.reset();
      return invalidateIncident(queryClient, incident);
    },
    onError: (err) => applyFormErrors(err, form.setError, ['body'], 'The note could not be added'),
  });
  const error = form.formState.errors.body?.message;
  return (
    <section aria-labelledby="incident-notes-title" className="grid gap-3">
      <h3 id="incident-notes-title" className="text-sm font-semibold">
        Notes
      </h3>
      {notes.length === 0 ? (
        <p className="text-sm text-muted-foreground">No notes yet.</p>
      ) : (
        <ol className="grid gap-2">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md border p-3 text-sm">
              <p className="whitespace-pre-wrap">{n.body}</p>
              <p className="mt-1 text-xs text-muted-foreground">
                {n.author.email ?? 'Unknown'} ·{' '}
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {canAct && (
        <form
          className="grid gap-2"
          onSubmit={(e) => void form.handleSubmit((input) => add.mutate(input))(e)}
          noValidate
        >
          <Label htmlFor="incident-note">Add a note</Label>
          <Textarea
            id="incident-note"
            rows={3}
            disabled={add.isPending}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'incident-note-error' : undefined}
            {...form.register('body')}
          />
          {error && (
            <p id="incident-note-error" className="text-sm text-destructive">
              {error}
            </p>
          )}
          <div>
            <Button type="submit" size="sm" disabled={add.isPending}>
              Add note
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
