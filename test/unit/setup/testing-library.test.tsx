// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

describe('the unit set-up under jsdom', () => {
  it('renders a component', () => {
    render(<p>rendered once</p>);
    expect(screen.getByText('rendered once')).toBeTruthy();
  });

  it('has unmounted what the previous test rendered', () => {
    expect(document.body.innerHTML).toBe('');
  });
});
