// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { initReactI18next } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { i18n } from "../i18n";
import en from "../i18n/en";
import sv from "../i18n/sv";
import { ConfirmDialog, useConfirm, type ConfirmInput } from "./ConfirmDialog";

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: "en", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});
afterEach(() => cleanup());

const reason: ConfirmInput = { label: "Reason", required: true, multiline: true };

function open(props: { input?: ConfirmInput } = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  render(
    <>
      <button type="button">outside</button>
      <ConfirmDialog title="Reject payout?" body={<p>1 000,00 kr to Anna Coach</p>} confirmLabel="Reject" onConfirm={onConfirm} onCancel={onCancel} {...props} />
    </>,
  );
  return { onConfirm, onCancel, dialog: screen.getByRole("dialog") };
}

describe("ConfirmDialog", () => {
  it("is a modal dialog named by its title and described by its body", () => {
    const { dialog } = open();
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(screen.getByRole("dialog", { name: "Reject payout?" })).toBe(dialog);
    expect(document.getElementById(dialog.getAttribute("aria-describedby")!)?.textContent).toBe("1 000,00 kr to Anna Coach");
  });

  it("Escape cancels and confirms nothing", () => {
    const { dialog, onCancel, onConfirm } = open({ input: reason });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "wrong account" } });
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("Cancel cancels and confirms nothing", () => {
    const { onCancel, onConfirm } = open();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("moves focus in and keeps Tab and Shift+Tab inside", () => {
    const { dialog } = open({ input: reason });
    const field = screen.getByLabelText("Reason");
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: "x" } });
    const confirm = screen.getByRole("button", { name: "Reject" });
    confirm.focus();
    fireEvent.keyDown(dialog, { key: "Tab" });
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(dialog, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it("without an input, focus starts on Cancel (the safe choice)", () => {
    open();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
  });

  it("a required input blocks confirm until filled, then hands over the trimmed text", () => {
    const { onConfirm } = open({ input: reason });
    const confirm = screen.getByRole("button", { name: "Reject" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "   " } });
    expect(confirm.disabled).toBe(true);
    expect(screen.getByRole("alert").textContent).toBe("Reason must be filled in.");
    fireEvent.submit(confirm.closest("form")!);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "  wrong bank account " } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledWith("wrong bank account");
  });

  it("shows the caller's validation error and keeps what was typed", () => {
    const input: ConfirmInput = { label: "Amount", required: true, inputMode: "decimal", validate: (v) => (/^\d+(,\d{1,2})?$/.test(v) ? null : "Write the amount in kronor, e.g. 250,50.") };
    open({ input });
    const field = screen.getByLabelText("Amount") as HTMLInputElement;
    fireEvent.change(field, { target: { value: "12,345" } });
    expect(screen.getByRole("alert").textContent).toBe("Write the amount in kronor, e.g. 250,50.");
    expect(field.value).toBe("12,345");
    expect((screen.getByRole("button", { name: "Reject" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("speaks Swedish when the language is Swedish", async () => {
    await act(() => i18n.changeLanguage("sv"));
    open({ input: reason });
    expect(screen.getByRole("button", { name: "Avbryt" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: " " } });
    expect(screen.getByRole("alert").textContent).toBe("Reason måste fyllas i.");
    await act(() => i18n.changeLanguage("en"));
  });
});

describe("useConfirm", () => {
  function Asker({ onAnswer }: { onAnswer: (v: string | null) => void }) {
    const [confirm, dialog] = useConfirm();
    const [asked, setAsked] = useState(0);
    return (
      <>
        <button
          type="button"
          onClick={() => {
            setAsked(asked + 1);
            void confirm({ title: "Run weekly payout now?", body: "Pays every coach.", confirmLabel: "Run now" }).then(onAnswer);
          }}
        >
          ask
        </button>
        {dialog}
      </>
    );
  }

  it("resolves null on Cancel and closes; resolves \"\" on confirm", async () => {
    const answers: (string | null)[] = [];
    render(<Asker onAnswer={(v) => answers.push(v)} />);
    fireEvent.click(screen.getByRole("button", { name: "ask" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await act(async () => {});
    expect(screen.queryByRole("dialog")).toBeNull();
    screen.getByRole("button", { name: "ask" }).focus();
    fireEvent.click(screen.getByRole("button", { name: "ask" }));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: "Run now" }));
    await act(async () => {});
    expect(answers).toEqual([null, ""]);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "ask" }));
  });
});
