import { Component, type ReactNode } from 'react';

interface HubErrorBoundaryProps {
  /** Rendered instead of the Hub when it failed to load or crashed while rendering. */
  fallback: (error: unknown, reset: () => void) => ReactNode;
  children: ReactNode;
}

/** Keeps a failed Hub chunk download (or a Hub crash) inside its dialog instead of blanking the page. */
export class HubErrorBoundary extends Component<HubErrorBoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  reset = () => this.setState({ error: null });

  override render() {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}
