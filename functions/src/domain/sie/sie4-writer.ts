/**
 * A SIE type 4 file (transactions, "4I"-style import) of the vouchers Kassa posted, so an
 * accountant without Fortnox, or an auditor, can import the books into any Swedish system.
 *
 * Exports: SieAccount, SieRow, SieVoucher, SieDocument, SIE_PROGRAM, writeSie4Text, encodeSie4.
 *
 * Records, in the order SIE 4B lists them: #FLAGGA 0 (not yet imported), #PROGRAM, #FORMAT PC8,
 * #GEN, #SIETYP 4, #FNAMN, #ORGNR, #RAR 0 (this financial year), #VALUTA, #KONTO per account,
 * then #VER with its #TRANS rows in braces. No #KSUMMA: the checksum is optional and Fortnox
 * does not require it. Lines end CRLF, the DOS convention PC8 files come from.
 *
 * Everything is checked before a byte is written (a voucher that does not balance, an
 * account not in #KONTO, a voucher outside #RAR): an importer that refuses the file halfway
 * is worse than an export that names the bad voucher.
 */
import { invalidInput } from "../errors";
import { encodeCp437 } from "./cp437";
import { sieAmount, sieDate, sieText } from "./sie-fields";

export interface SieAccount {
  number: number;
  name: string;
}

export interface SieRow {
  account: number;
  /** Öre, debit positive and credit negative, as SIE signs #TRANS amounts. */
  amountMinor: number;
  text?: string;
}

export interface SieVoucher {
  series: string;
  number: number;
  /** The voucher's date (its business day), YYYY-MM-DD. */
  date: string;
  text: string;
  /** When it was registered (posted), YYYY-MM-DD. */
  registeredOn?: string;
  rows: SieRow[];
}

export interface SieDocument {
  program: { name: string; version: string };
  generatedOn: string;
  generatedBy?: string;
  company: { name: string; orgNr: string | null };
  financialYear: { from: string; to: string };
  accounts: SieAccount[];
  vouchers: SieVoucher[];
}

export const SIE_PROGRAM = { name: "Kassa", version: "1.0" } as const;

const ORGNR = /^\d{6}-?\d{4}$/;
const SERIES = /^[A-Za-z0-9]{1,10}$/;

function check(doc: SieDocument): void {
  sieDate(doc.generatedOn, "generatedOn");
  sieDate(doc.financialYear.from, "financialYear.from");
  sieDate(doc.financialYear.to, "financialYear.to");
  if (doc.financialYear.from > doc.financialYear.to)
    throw invalidInput("financialYear.to", "ends before the financial year starts");
  if (doc.company.orgNr !== null && !ORGNR.test(doc.company.orgNr))
    throw invalidInput("company.orgNr", `must be an organisation number like 556677-8899, got ${JSON.stringify(doc.company.orgNr)}`);
  const known = new Set<number>();
  doc.accounts.forEach((a, i) => {
    if (!Number.isInteger(a.number) || a.number < 1000 || a.number > 9999)
      throw invalidInput(`accounts[${i}].number`, `must be a four-digit BAS account, got ${a.number}`);
    if (known.has(a.number)) throw invalidInput(`accounts[${i}].number`, `account ${a.number} is listed twice`);
    known.add(a.number);
  });
  doc.vouchers.forEach((v, i) => {
    const at = `vouchers[${i}]`;
    if (!SERIES.test(v.series)) throw invalidInput(`${at}.series`, `must be a voucher series of letters and digits, got ${JSON.stringify(v.series)}`);
    if (!Number.isInteger(v.number) || v.number < 1) throw invalidInput(`${at}.number`, `must be a positive voucher number, got ${v.number}`);
    sieDate(v.date, `${at}.date`);
    if (v.registeredOn !== undefined) sieDate(v.registeredOn, `${at}.registeredOn`);
    if (v.date < doc.financialYear.from || v.date > doc.financialYear.to)
      throw invalidInput(`${at}.date`, `${v.series}${v.number} is dated ${v.date}, outside the financial year ${doc.financialYear.from}..${doc.financialYear.to}`);
    if (v.rows.length < 2) throw invalidInput(`${at}.rows`, `${v.series}${v.number} needs at least two rows`);
    let total = 0;
    v.rows.forEach((r, j) => {
      if (!known.has(r.account)) throw invalidInput(`${at}.rows[${j}].account`, `${v.series}${v.number} books to ${r.account}, which is not in the chart`);
      if (!Number.isSafeInteger(r.amountMinor)) throw invalidInput(`${at}.rows[${j}].amountMinor`, "must be whole öre");
      total += r.amountMinor;
    });
    if (total !== 0) throw invalidInput(`${at}.rows`, `${v.series}${v.number} does not balance: rows sum to ${sieAmount(total)}`);
  });
}

/** Vouchers in the order a reader expects them: by date, then series, then number. */
const byDateSeriesNumber = (a: SieVoucher, b: SieVoucher): number =>
  a.date.localeCompare(b.date) || a.series.localeCompare(b.series) || a.number - b.number;

export function writeSie4Text(doc: SieDocument): string {
  check(doc);
  const lines: string[] = [
    "#FLAGGA 0",
    `#PROGRAM ${sieText(doc.program.name)} ${sieText(doc.program.version)}`,
    "#FORMAT PC8",
    `#GEN ${sieDate(doc.generatedOn)}${doc.generatedBy ? ` ${sieText(doc.generatedBy)}` : ""}`,
    "#SIETYP 4",
    `#FNAMN ${sieText(doc.company.name)}`,
    ...(doc.company.orgNr ? [`#ORGNR ${doc.company.orgNr}`] : []),
    `#RAR 0 ${sieDate(doc.financialYear.from)} ${sieDate(doc.financialYear.to)}`,
    "#VALUTA SEK",
  ];
  for (const a of [...doc.accounts].sort((x, y) => x.number - y.number)) lines.push(`#KONTO ${a.number} ${sieText(a.name)}`);
  for (const v of [...doc.vouchers].sort(byDateSeriesNumber)) {
    const reg = v.registeredOn ? ` ${sieDate(v.registeredOn)}` : "";
    lines.push(`#VER ${sieText(v.series)} ${v.number} ${sieDate(v.date)} ${sieText(v.text)}${reg}`, "{");
    for (const r of v.rows) {
      const text = r.text ? ` ${sieDate(v.date)} ${sieText(r.text)}` : "";
      lines.push(`   #TRANS ${r.account} {} ${sieAmount(r.amountMinor)}${text}`);
    }
    lines.push("}");
  }
  return lines.map((l) => `${l}\r\n`).join("");
}

/** The file's bytes, in the code page #FORMAT PC8 promises. */
export const encodeSie4 = (doc: SieDocument): Uint8Array => encodeCp437(writeSie4Text(doc));
