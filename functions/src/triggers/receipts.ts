import { z } from "zod";
import { FirestoreCatalogueStore } from "../adapters/firebase/firestore-catalogue-store";
import { FirestoreMoneyStore } from "../adapters/firebase/firestore-money-store";
import { PdfkitReceiptPdf } from "../adapters/pdf/pdfkit-receipt-pdf";
import { db } from "../adapters/firebase/admin";
import { purchaseReceipt as readReceipt } from "../app/receipts/purchase-receipt";
import { kassaCallable } from "./callable";

/** A customer's receipt (kvitto) for one of their payments, with its PDF in their language. */
export const purchaseReceipt = kassaCallable(
  "purchaseReceipt",
  z.strictObject({
    paymentId: z
      .string({ error: "is required" })
      .min(1, "is required")
      .max(255, "is too long")
      .regex(/^[A-Za-z0-9_]+$/, "is not a payment id"),
    language: z.enum(["sv", "en"], { error: "must be sv or en" }),
  }),
  (input, caller) =>
    readReceipt({ money: new FirestoreMoneyStore(db()), catalogue: new FirestoreCatalogueStore(db()), pdf: new PdfkitReceiptPdf() }, caller, input),
);
