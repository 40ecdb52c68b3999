/**
 * exportSie: the vouchers Kassa booked in a date range as a SIE type 4 file, for an
 * accountant without Fortnox or an auditor. The file holds exactly what the books hold:
 * each voucher's number, date and rows as recorded when it was posted, the chart (names)
 * from the bookkeeping system, the company's name and organisation number from it too.
 *
 * One financial year per file: SIE's #RAR 0 names one year and importers book the whole
 * file into it, so a range that crosses a year end is refused, naming the field.
 */
import { assertDay, dayOf } from "../../domain/calendar-day";
import { DomainError, invalidInput } from "../../domain/errors";
import { encodeSie4, SIE_PROGRAM, type SieAccount, type SieVoucher } from "../../domain/sie/sie4-writer";
import type { AccountingGateway } from "../../ports/accounting-gateway";
import type { BookedVoucher, BookedVoucherReader } from "../../ports/booked-vouchers";
import type { Clock } from "../../ports/clock";
import type { CompanyInformationReader } from "../../ports/company-information";
import { requireRole, type Caller } from "../caller";

export interface ExportSieDeps {
  vouchers: Pick<BookedVoucherReader, "bookedBetween">;
  gateway: Pick<AccountingGateway, "financialYearFor" | "accounts">;
  company: CompanyInformationReader;
  clock: Clock;
}

export interface ExportSieInput {
  from: string;
  to: string;
}

export interface ExportSieResult {
  fileName: string;
  bytes: Uint8Array;
  vouchers: number;
  financialYear: { from: string; to: string };
}

const ORGNR = /^\d{6}-?\d{4}$/;
const NOT_IN_CHART = "(saknas i kontoplanen)";

export function sieVoucherOf(v: BookedVoucher): SieVoucher {
  return {
    series: v.series,
    number: v.number,
    date: v.transactionDate,
    text: v.marker,
    ...(v.postedAt !== null ? { registeredOn: dayOf(v.postedAt) } : {}),
    rows: v.rows.map((r) => ({ account: r.account, amountMinor: r.debit - r.credit, ...(r.info ? { text: r.info } : {}) })),
  };
}

export async function exportSie(deps: ExportSieDeps, caller: Caller, input: ExportSieInput): Promise<ExportSieResult> {
  requireRole(caller, "accountant", "admin");
  assertDay(input.from, "from");
  assertDay(input.to, "to");
  if (input.to < input.from) throw invalidInput("to", `${input.to} is before from (${input.from}): the range is reversed`);
  const year = await deps.gateway.financialYearFor(input.from);
  if (!year) throw invalidInput("from", `no financial year in Fortnox holds ${input.from}`);
  if (input.to > year.toDate) {
    throw invalidInput("to", `the range crosses the end of the financial year ${year.fromDate}..${year.toDate}: a SIE file holds one financial year, export ${year.toDate} and later separately`);
  }

  const [booked, chart, company] = await Promise.all([
    deps.vouchers.bookedBetween(input.from, input.to),
    deps.gateway.accounts(year.id),
    deps.company.companyInformation(),
  ]);

  const seen = new Map<string, string>();
  for (const v of booked) {
    const key = `${v.series}${v.number}`;
    const other = seen.get(key);
    if (other) throw new DomainError("conflict", `Vouchers ${other} and ${v.id} both claim ${key} in the books: fix the records before exporting.`);
    seen.set(key, v.id);
  }

  const used = new Set(booked.flatMap((v) => v.rows.map((r) => r.account)));
  const accounts: SieAccount[] = chart.filter((a) => a.active || used.has(a.number)).map((a) => ({ number: a.number, name: a.description }));
  const listed = new Set(accounts.map((a) => a.number));
  for (const n of used) if (!listed.has(n)) accounts.push({ number: n, name: NOT_IN_CHART });

  const generatedOn = dayOf(deps.clock.now().getTime());
  const bytes = encodeSie4({
    program: SIE_PROGRAM,
    generatedOn,
    generatedBy: caller.email ?? caller.uid,
    // An organisation number SIE cannot carry (foreign, mistyped) is left out, not a refusal the caller cannot fix.
    company: { name: company.name || "Kassa", orgNr: company.organisationNumber && ORGNR.test(company.organisationNumber) ? company.organisationNumber : null },
    financialYear: { from: year.fromDate, to: year.toDate },
    accounts,
    vouchers: booked.map(sieVoucherOf),
  });
  return { fileName: `kassa-${input.from}-${input.to}.se`, bytes, vouchers: booked.length, financialYear: { from: year.fromDate, to: year.toDate } };
}
