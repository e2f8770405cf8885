// @vitest-environment jsdom
import '../../../../support/web-setup.ts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { forbiddenMessage } from '../../../../../shared/forbidden-message.ts';
import { ErrorState } from '../../../../../web/components/feedback/error-state.tsx';
import { ApiError } from '../../../../../web/lib/api-error.ts';

describe('ErrorState', () => {
  it('explains a 403 with the role needed and offers no "Try again"', () => {
    const error = new ApiError({
      status: 403,
      code: 'forbidden',
      message: forbiddenMessage('viewer', ['audit:read']),
    });
    render(<ErrorState error={error} onRetry={vi.fn()} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Your role does not allow this');
    expect(alert.textContent).toContain('Reading the audit log needs the admin role');
    expect(alert.textContent).toContain('you are signed in as a viewer');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('offers "Try again" for a failure that another try can fix', () => {
    const error = new ApiError({ status: 503, code: 'upstream_unavailable', message: 'StackOne is down' });
    render(<ErrorState error={error} onRetry={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('forbiddenMessage', () => {
  it('names the lowest role that may, and says it includes the roles above', () => {
    expect(forbiddenMessage('viewer', ['accounts:fix_credentials'])).toBe(
      'Fixing credentials needs the support role or higher; you are signed in as a viewer. ' +
        'Ask an admin to change your role if you need it.',
    );
    expect(forbiddenMessage('manager', ['accounts:delete'])).toMatch(
      /^Deleting accounts needs the admin role; you are signed in as a manager\./,
    );
  });

  it('of several permissions that would each do, names the one a lower role has', () => {
    expect(forbiddenMessage('viewer', ['accounts:add', 'accounts:relink'])).toMatch(
      /^Sending re-link links needs the support role or higher/,
    );
  });
});
