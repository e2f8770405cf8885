import { Link } from '@tanstack/react-router';
import { Building2Icon } from 'lucide-react';

/** A small link to a customer's page, beside a cell whose main link opens the account. */
export function CustomerLink({ ownerId, ownerName }: { ownerId: string; ownerName: string }) {
  return (
    <Link
      to="/customers/$ownerId"
      params={{ ownerId }}
      aria-label={`Customer page of ${ownerName}`}
      title={`All accounts of ${ownerName}`}
      className="rounded-sm p-1 text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
    >
      <Building2Icon className="size-3.5" aria-hidden />
    </Link>
  );
}
