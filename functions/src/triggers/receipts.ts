import { FirestoreCatalogueStore } from "../adapters/firebase/firestore-catalogue-store";
import { FirestoreMoneyStore } from "../adapters/firebase/firestore-money-store";
import { PdfkitReceiptPdf } from "../adapters/pdf/pdfkit-receipt-pdf";
import { db } from "../adapters/firebase/admin";
import { purchaseReceipt as readReceipt } from "../app/receipts/purchase-receipt";
import * as contracts from "../contracts/receipts";
import { kassaCallable } from "./callable";

/** A customer's receipt (kvitto) for one of their payments, with its PDF in their language. */
export const purchaseReceipt = kassaCallable(contracts.purchaseReceipt, (input, caller) =>
  readReceipt({ money: new FirestoreMoneyStore(db()), catalogue: new FirestoreCatalogueStore(db()), pdf: new PdfkitReceiptPdf() }, caller, input),
);
