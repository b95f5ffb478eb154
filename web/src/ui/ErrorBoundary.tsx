import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** When this changes (e.g. the route), a shown error is cleared. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  resetKey?: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The page failed to render', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="panel error-panel" role="alert">
        <h1>Something went wrong on this page</h1>
        <p className="muted">{this.state.error.message}</p>
        <div className="row">
          <button type="button" className="button primary" onClick={() => this.setState({ error: null })}>Try again</button>
          <a className="button" href="/dashboard">Go to the dashboard</a>
        </div>
      </section>
    );
  }
}
