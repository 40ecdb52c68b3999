import type { Receipt } from "../domain/receipt";

/** Draws a customer's receipt as a PDF in the customer's language. */
export interface ReceiptPdfRenderer {
  render(receipt: Receipt, language: "sv" | "en"): Promise<Uint8Array>;
}
