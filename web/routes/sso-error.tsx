import { createFileRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { SsoErrorScreen } from '../features/auth/sso-error-screen.tsx';

const SsoErrorSearchSchema = z.object({
  error: z.string().max(100).optional().catch(undefined),
});

export const Route = createFileRoute('/sso-error')({
  validateSearch: SsoErrorSearchSchema,
  component: SsoErrorRoute,
});

function SsoErrorRoute() {
  const { error } = Route.useSearch();
  return <SsoErrorScreen error={error} />;
}
