/**
 * A payout statement as a PDF, drawn with pdfkit (MIT, maintained; its standard Helvetica
 * covers å ä ö through WinAnsi, so no font file is shipped). One A4 page per ~30 lines,
 * pdfkit breaks pages itself.
 */
import PDFDocument from "pdfkit";
import { dayOf } from "../../domain/calendar-day";
import { minorToDecimalString } from "../../domain/money";
import type { PayoutStatement } from "../../domain/statements/payout-statement";
import type { StatementPdfRenderer } from "../../ports/statement-store";

const kr = (minor: number | null): string => (minor === null ? "" : minorToDecimalString(minor));

const COLUMNS = [
  { title: "Date", x: 50, width: 62, align: "left" },
  { title: "What", x: 112, width: 170, align: "left" },
  { title: "Gross", x: 282, width: 62, align: "right" },
  { title: "Fee excl. VAT", x: 344, width: 66, align: "right" },
  { title: "VAT on fee", x: 410, width: 58, align: "right" },
  { title: "To you", x: 468, width: 77, align: "right" },
] as const;

export class PdfkitStatementPdf implements StatementPdfRenderer {
  render(s: PayoutStatement): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `Payout statement ${s.number}`, Author: "Kassa", Subject: `Payout ${s.payoutId}` } });
      const chunks: Buffer[] = [];
      doc.on("data", (c: Buffer) => chunks.push(c));
      doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
      doc.on("error", reject);

      const cur = s.currency.toUpperCase();
      doc.font("Helvetica-Bold").fontSize(16).text(`Payout statement ${s.number}`);
      doc.moveDown(0.5).font("Helvetica").fontSize(10);
      doc.text(`Payout ${s.payoutId}, paid ${dayOf(s.paidAt)}: ${kr(s.amountMinor)} ${cur}`);
      doc.text(`Coach ${s.coachId}, Stripe account ${s.stripeAccountId}`);
      doc.text(`Platform fee VAT ${s.vatBps / 100} %. Amounts in ${cur}.`);
      doc.moveDown();

      const row = (cells: string[], bold = false): void => {
        const y = doc.y;
        doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
        let bottom = y;
        COLUMNS.forEach((c, i) => {
          doc.text(cells[i] ?? "", c.x, y, { width: c.width, align: c.align });
          bottom = Math.max(bottom, doc.y);
        });
        doc.x = 50;
        doc.y = bottom + 3;
      };
      row(COLUMNS.map((c) => c.title), true);
      for (const l of s.lines) row([l.date === null ? "" : dayOf(l.date), l.description, kr(l.grossMinor), kr(l.feeNetMinor), kr(l.feeVatMinor), kr(l.amountMinor)]);
      doc.moveDown(0.5);
      row(["", "Total", kr(s.totals.grossMinor), kr(s.totals.feeNetMinor), kr(s.totals.feeVatMinor), kr(s.amountMinor)], true);
      doc.moveDown();
      doc.font("Helvetica").fontSize(8).text(`Issued ${dayOf(s.issuedAt)} by Kassa. Statement numbers run without gaps within each year.`, 50);
      doc.end();
    });
  }
}
