/**
 * A customer's receipt (kvitto) as a one-page A4 PDF, drawn with pdfkit as the payout
 * statements are (standard Helvetica covers å ä ö through WinAnsi, so no font is shipped).
 */
import PDFDocument from "pdfkit";
import { type Receipt, receiptMoney } from "../../domain/receipt";
import type { ReceiptPdfRenderer } from "../../ports/receipt-pdf";

const TEXT = {
  sv: {
    title: "Kvitto",
    number: "Kvittonummer",
    date: "Datum",
    seller: "Säljare",
    sellerNote: "marknadsplatsen, som tog betalt",
    coach: "Coach",
    item: "Köpt",
    premium: "Premium (en månad)",
    amount: "Belopp",
    platformPart: "Varav plattformens avgift",
    vat: (rate: string) => `Varav moms ${rate} % på plattformens avgift`,
    exVat: "Plattformens avgift exkl. moms",
    coachPart: "Coachens del",
    method: "Betalsätt",
    card: (brand: string, last4: string) => `${brand} **** ${last4}`,
    noCard: "Kort",
    refunded: "Återbetalt",
    footer: "Momsen avser plattformens avgift; beloppen är i hela ören så som Stripe drog dem.",
  },
  en: {
    title: "Receipt",
    number: "Receipt number",
    date: "Date",
    seller: "Seller",
    sellerNote: "the marketplace, which took the payment",
    coach: "Coach",
    item: "Bought",
    premium: "Premium (one month)",
    amount: "Amount",
    platformPart: "Of which the platform's fee",
    vat: (rate: string) => `Of which VAT ${rate} % on the platform's fee`,
    exVat: "Platform's fee excluding VAT",
    coachPart: "The coach's part",
    method: "Payment method",
    card: (brand: string, last4: string) => `${brand} **** ${last4}`,
    noCard: "Card",
    refunded: "Refunded",
    footer: "The VAT is on the platform's fee; amounts are whole öre as Stripe charged them.",
  },
} as const;

const brandName = (b: string): string => ({ visa: "Visa", mastercard: "Mastercard", amex: "American Express" })[b] ?? b.charAt(0).toUpperCase() + b.slice(1);

export class PdfkitReceiptPdf implements ReceiptPdfRenderer {
  render(r: Receipt, language: "sv" | "en"): Promise<Uint8Array> {
    const t = TEXT[language];
    const money = (m: number) => receiptMoney(m, r.currency, language);
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `${t.title} ${r.number}`, Author: r.seller } });
      const chunks: Buffer[] = [];
      doc.on("data", (c: Buffer) => chunks.push(c));
      doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
      doc.on("error", reject);
      doc.font("Helvetica-Bold").fontSize(18).text(`${t.title} ${r.number}`);
      doc.moveDown(0.8);
      const line = (label: string, value: string, bold = false) => {
        const y = doc.y;
        doc.font("Helvetica").fontSize(10).text(label, 50, y, { width: 240 });
        doc.font(bold ? "Helvetica-Bold" : "Helvetica").text(value, 300, y, { width: 245, align: "right" });
        doc.x = 50;
        doc.moveDown(0.4);
      };
      line(t.number, r.number);
      line(t.date, r.day);
      line(t.seller, `${r.seller} (${t.sellerNote})`);
      if (r.coachName) line(t.coach, r.coachName);
      line(t.item, r.kind === "subscription" ? t.premium : (r.item ?? ""));
      doc.moveDown(0.6);
      line(t.amount, money(r.amount), true);
      line(t.platformPart, money(r.platformPart));
      line(t.vat(String(r.vatRateBps / 100)), money(r.platformVat));
      line(t.exVat, money(r.platformPartExVat));
      if (r.coachPart > 0) line(t.coachPart, money(r.coachPart));
      if (r.refundedAmount > 0) line(t.refunded, money(r.refundedAmount));
      doc.moveDown(0.6);
      line(t.method, r.card ? t.card(brandName(r.card.brand), r.card.last4) : t.noCard);
      doc.moveDown(1.5);
      doc.font("Helvetica").fontSize(8).text(t.footer, 50);
      doc.end();
    });
  }
}
