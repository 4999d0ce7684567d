import { Component, type ReactNode } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  children: ReactNode;
  /** A new value (another person picked) renders the children again after an error. */
  resetKey?: unknown;
}

/**
 * A render error in one part of the sidebar (a bug, or a record shaped as Ficha did not expect) shows a notice in that
 * part, with Retry, instead of unmounting the whole sidebar: the rest of the card and the webmail keep working.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean; error: unknown }> {
  override state = { failed: false, error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown): void {
    console.error('[ficha] a part of the sidebar failed to render', error);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false, error: null });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <ErrorNotice title={i18n.t('sidebar.renderFailed')} error={this.state.error} onRetry={() => this.setState({ failed: false, error: null })} />;
  }
}
