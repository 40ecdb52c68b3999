/**
 * A customer's receipt for one of their own payments, with its PDF. Read from payments/{id}
 * (which customers cannot read themselves: the receipt shows the platform's part and its VAT,
 * nothing else of the split) and the program's coach name from the catalogue.
 */
import { DomainError } from "../../domain/errors";
import { type Receipt, receiptOf } from "../../domain/receipt";
import type { CatalogueStore } from "../../ports/catalogue-store";
import type { MoneyStore } from "../../ports/money-store";
import type { ReceiptPdfRenderer } from "../../ports/receipt-pdf";
import { type Caller, requireRole } from "../caller";

/** A payment that took the customer's money at some point has a receipt (refunds are shown on it). */
const PAID = new Set(["succeeded", "partially_refunded", "refunded", "disputed"]);

export interface ReceiptDeps {
  money: MoneyStore;
  catalogue: Pick<CatalogueStore, "getProgram">;
  pdf: ReceiptPdfRenderer;
}

export async function purchaseReceipt(
  deps: ReceiptDeps,
  caller: Caller,
  input: { paymentId: string; language: "sv" | "en" },
): Promise<{ receipt: Receipt; pdfBase64: string }> {
  requireRole(caller, "customer", "coach", "admin", "accountant");
  const payment = await deps.money.transact((tx) => tx.getPayment(input.paymentId));
  // Another person's payment answers as if it did not exist.
  if (!payment || payment.userId !== caller.uid)
    throw new DomainError("not_found", "paymentId: no such purchase of yours", "paymentId");
  if (!PAID.has(payment.status))
    throw new DomainError("precondition", "paymentId: only a payment that went through has a receipt", "paymentId");
  const program = payment.programId ? await deps.catalogue.getProgram(payment.programId) : null;
  const receipt = receiptOf({
    paymentId: payment.id,
    kind: payment.kind,
    date: payment.date,
    description: payment.description ?? program?.title ?? null,
    amount: payment.amount,
    currency: payment.currency,
    feeAmount: payment.feeAmount,
    refundedAmount: payment.refundedAmount,
    status: payment.status,
    card: payment.card ?? null,
    coachName: program?.coachName || null,
  });
  const pdf = await deps.pdf.render(receipt, input.language);
  return { receipt, pdfBase64: Buffer.from(pdf).toString("base64") };
}
