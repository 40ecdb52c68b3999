import { Component, type ErrorInfo, type ReactNode } from "react";
import { i18n } from "../i18n";

/**
 * One page that cannot draw (a record missing a field it expects) shows a sentence and a way
 * back, not a blank screen: the menu, the sign-out and every other page keep working. The
 * error still reaches the console, so the browser tests' error lists and the developer see it.
 * A class because React catches render errors only in componentDidCatch.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("page failed to draw", error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey: string }): void {
    // Going to another page tries again.
    if (prev.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="card" role="alert">
        <h2>{i18n.t("pageError.title")}</h2>
        <p>{i18n.t("pageError.body")}</p>
        <button type="button" onClick={() => this.setState({ failed: false })}>
          {i18n.t("pageError.retry")}
        </button>
      </div>
    );
  }
}
