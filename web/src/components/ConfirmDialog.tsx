/**
 * A modal confirmation for actions that move money or cannot be undone: it says what will
 * happen (the amount, the coach) before anything does. Escape, Cancel and a click outside
 * resolve nothing; focus moves into the dialog, stays there while it is open and goes back to
 * where it was when it closes. An optional input (a reason, an amount) must be valid before the
 * confirm button can be pressed, and what was typed is handed to onConfirm.
 *
 * window.confirm/prompt are not used because a prompt's Cancel returns null, which callers
 * have confused with an empty answer (a rejection "with no reason", a refund "of everything").
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface ConfirmInput {
  label: string;
  /** An empty (or only blank) value is refused with "<label> must be filled in". */
  required?: boolean;
  /** The error to show for a value, or null when it is fine. Runs on the trimmed value. */
  validate?: (value: string) => string | null;
  inputMode?: "text" | "decimal" | "numeric";
  /** Several lines (a reason) rather than one (an amount). */
  multiline?: boolean;
  initialValue?: string;
  placeholder?: string;
}

export interface ConfirmOptions {
  title: string;
  /** What will happen: the amount, the person, the consequence. */
  body: ReactNode;
  confirmLabel: string;
  /** Styles the confirm button as the risky choice (reject, refund). */
  danger?: boolean;
  input?: ConfirmInput;
}

export interface ConfirmDialogProps extends ConfirmOptions {
  /** The trimmed input value ("" when there is no input). */
  onConfirm: (value: string) => void;
  onCancel: () => void;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** The input's error for a value: required first, then the caller's own check. */
export function inputError(input: ConfirmInput, value: string, requiredMessage: string): string | null {
  const v = value.trim();
  if (input.required && v === "") return requiredMessage;
  if (v === "" && !input.required) return null;
  return input.validate ? input.validate(v) : null;
}

export function ConfirmDialog({ title, body, confirmLabel, danger, input, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const inputId = useId();
  const errorId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const firstRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [value, setValue] = useState(input?.initialValue ?? "");
  const [touched, setTouched] = useState(false);

  const error = input ? inputError(input, value, t("confirm.required", { label: input.label })) : null;
  const showError = touched && error !== null;

  // Focus moves in (to the input, else to Cancel: the safe choice) and returns on close.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (input ? firstRef.current : cancelRef.current)?.focus();
    return () => before?.focus();
    // Only on open: the dialog is mounted once per question.
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        onCancel();
        return;
      }
      if (e.key !== "Tab" || !dialogRef.current) return;
      const items = Array.from(dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (e.shiftKey && (active === first || !dialogRef.current.contains(active))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !dialogRef.current.contains(active))) {
        e.preventDefault();
        first.focus();
      }
    },
    [onCancel],
  );

  const submit = (e?: { preventDefault: () => void }) => {
    e?.preventDefault();
    setTouched(true);
    if (error !== null) return;
    onConfirm(value.trim());
  };

  const field = input && {
    id: inputId,
    value,
    placeholder: input.placeholder,
    "aria-invalid": showError,
    "aria-describedby": showError ? errorId : undefined,
    "aria-required": input.required ?? false,
    onChange: (e: { target: { value: string } }) => {
      setValue(e.target.value);
      setTouched(true);
    },
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div ref={dialogRef} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        <form onSubmit={submit} noValidate>
          <div id={bodyId}>{body}</div>
          {input && field && (
            <div className="field">
              <label htmlFor={inputId}>{input.label}</label>
              {input.multiline ? (
                <textarea ref={firstRef} rows={3} {...field} />
              ) : (
                <input ref={firstRef} inputMode={input.inputMode ?? "text"} autoComplete="off" {...field} />
              )}
              {showError && (
                <span id={errorId} className="error" role="alert">
                  {error}
                </span>
              )}
            </div>
          )}
          <div className="actions modal-actions">
            <button ref={cancelRef} type="button" className="secondary" onClick={onCancel}>
              {t("common.cancel")}
            </button>
            <button type="submit" className={danger ? "danger" : undefined} disabled={error !== null}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

/**
 * The dialog as a question that can be awaited:
 *   const [confirm, dialog] = useConfirm();
 *   const reason = await confirm({ title, body, confirmLabel, input });
 *   if (reason === null) return; // cancelled: do nothing
 * Render `dialog` somewhere in the component. Resolves to the trimmed input ("" without one).
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<string | null>, ReactNode] {
  const [open, setOpen] = useState<{ options: ConfirmOptions; resolve: (v: string | null) => void } | null>(null);
  const resolveRef = useRef<((v: string | null) => void) | null>(null);

  // A component that unmounts with a question open answers it "cancelled", never leaves it hanging.
  useEffect(() => () => resolveRef.current?.(null), []);

  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<string | null>((resolve) => {
        resolveRef.current?.(null);
        resolveRef.current = resolve;
        setOpen({ options, resolve });
      }),
    [],
  );

  const close = (v: string | null) => {
    open?.resolve(v);
    resolveRef.current = null;
    setOpen(null);
  };

  const dialog = open ? <ConfirmDialog {...open.options} onConfirm={(v) => close(v)} onCancel={() => close(null)} /> : null;
  return [confirm, dialog];
}
