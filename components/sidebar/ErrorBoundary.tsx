import { Component, type ReactNode } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  children: ReactNode;
  /** A new value (another person picked) renders the children again after an error. */
  resetKey?: unknown;
}

interface State {
  failed: boolean;
  error: unknown;
  resetKey: unknown;
}

/**
 * A render error in one part of the sidebar (a bug, or a record shaped as Ficha did not expect) shows a notice in that
 * part, with Retry, instead of unmounting the whole sidebar: the rest of the card and the webmail keep working.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, error: null, resetKey: this.props.resetKey };

  // Before rendering with a new key, so a person whose part fails too is rendered (and reported) once.
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { failed: false, error: null, resetKey: props.resetKey } : null;
  }

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown): void {
    console.error('[ficha] a part of the sidebar failed to render', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <ErrorNotice title={i18n.t('sidebar.renderFailed')} error={this.state.error} onRetry={() => this.setState({ failed: false, error: null })} />;
  }
}
