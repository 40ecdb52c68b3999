/**
 * Reads a SIE 4 file back: the tests parse every export and compare it with the vouchers,
 * and an importer-side check (this reader is stricter than most importers) is how we know
 * the file is what an accounting system will see.
 *
 * Exports: SieRecord, ParsedSie, tokenizeSieLine, parseSie4.
 *
 * Grammar (SIE 4B): one record per line, `#LABEL field field ...`; a field is a bare word,
 * a quoted text (\" and \\ escaped) or an object list in braces; a #VER is followed by a
 * `{` line, its #TRANS records and a `}` line.
 */
import { invalidInput } from "../errors";
import { decodeCp437 } from "./cp437";
import { parseSieAmount, parseSieDate } from "./sie-fields";

export interface SieRecord {
  label: string;
  fields: string[];
  line: number;
}

export interface ParsedSie {
  records: SieRecord[];
  flagga: string | null;
  program: string[];
  format: string | null;
  gen: string | null;
  sieType: string | null;
  companyName: string | null;
  orgNr: string | null;
  years: { index: number; from: string; to: string }[];
  currency: string | null;
  accounts: { number: number; name: string }[];
  vouchers: {
    series: string;
    number: number;
    date: string;
    text: string;
    registeredOn: string | null;
    rows: { account: number; amountMinor: number; date: string | null; text: string | null }[];
  }[];
}

/** Fields of one line; an object list comes back as its raw text including the braces. */
export function tokenizeSieLine(line: string, lineNo = 0): string[] {
  const out: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw invalidInput(`line ${lineNo}`, why);
  };
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === " " || ch === "\t") {
      i++;
      continue;
    }
    if (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127) fail("control character in a field");
    if (ch === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= line.length) fail("quoted field is not closed");
        const c = line[i] as string;
        if (c === "\\" && i + 1 < line.length) {
          text += line[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      out.push(text);
    } else if (ch === "{") {
      const end = line.indexOf("}", i);
      if (end < 0) fail("object list is not closed");
      out.push(line.slice(i, end + 1));
      i = end + 1;
    } else {
      let word = "";
      while (i < line.length && line[i] !== " " && line[i] !== "\t") word += line[i++];
      out.push(word);
    }
  }
  return out;
}

export function parseSie4(bytes: Uint8Array): ParsedSie {
  const text = decodeCp437(bytes);
  const parsed: ParsedSie = {
    records: [],
    flagga: null,
    program: [],
    format: null,
    gen: null,
    sieType: null,
    companyName: null,
    orgNr: null,
    years: [],
    currency: null,
    accounts: [],
    vouchers: [],
  };
  let open: ParsedSie["vouchers"][number] | null = null;
  let expectBrace = false;
  text.split(/\r?\n/).forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = raw.trim();
    if (line === "") return;
    if (line === "{") {
      if (!expectBrace) throw invalidInput(`line ${lineNo}`, "{ without a #VER before it");
      expectBrace = false;
      return;
    }
    if (line === "}") {
      if (!open) throw invalidInput(`line ${lineNo}`, "} without an open #VER");
      parsed.vouchers.push(open);
      open = null;
      return;
    }
    if (expectBrace) throw invalidInput(`line ${lineNo}`, "#VER must be followed by {");
    const [label, ...fields] = tokenizeSieLine(line, lineNo);
    if (!label?.startsWith("#")) throw invalidInput(`line ${lineNo}`, `expected a #record, got ${JSON.stringify(label)}`);
    const record: SieRecord = { label: label.slice(1), fields, line: lineNo };
    parsed.records.push(record);
    const f = (n: number): string => fields[n] ?? "";
    switch (record.label) {
      case "FLAGGA": parsed.flagga = f(0); break;
      case "PROGRAM": parsed.program = fields; break;
      case "FORMAT": parsed.format = f(0); break;
      case "GEN": parsed.gen = parseSieDate(f(0), `line ${lineNo}`); break;
      case "SIETYP": parsed.sieType = f(0); break;
      case "FNAMN": parsed.companyName = f(0); break;
      case "ORGNR": parsed.orgNr = f(0); break;
      case "VALUTA": parsed.currency = f(0); break;
      case "RAR": parsed.years.push({ index: Number(f(0)), from: parseSieDate(f(1)), to: parseSieDate(f(2)) }); break;
      case "KONTO": parsed.accounts.push({ number: Number(f(0)), name: f(1) }); break;
      case "VER":
        if (open) throw invalidInput(`line ${lineNo}`, "#VER inside another #VER");
        open = { series: f(0), number: Number(f(1)), date: parseSieDate(f(2)), text: f(3), registeredOn: f(4) ? parseSieDate(f(4)) : null, rows: [] };
        expectBrace = true;
        break;
      case "TRANS":
        if (!open) throw invalidInput(`line ${lineNo}`, "#TRANS outside a #VER");
        open.rows.push({ account: Number(f(0)), amountMinor: parseSieAmount(f(2), `line ${lineNo}`), date: f(3) ? parseSieDate(f(3)) : null, text: fields[4] ?? null });
        break;
      default:
        break;
    }
  });
  if (open || expectBrace) throw invalidInput("file", "ends inside a #VER");
  return parsed;
}
