import type en from "./accountingView.en";
import type { Strings } from "../catalogue";

/** Bokföringssidan: konteringens ändringshistorik och dess avslag i ord. */
const accountingView: Strings<typeof en> = {
  side: {
    label: "Kassa och Fortnox sida vid sida, {{id}}",
    account: "Konto",
    kassaDebit: "Kassa debet",
    kassaCredit: "Kassa kredit",
    fortnoxDebit: "Fortnox debet",
    fortnoxCredit: "Fortnox kredit",
    check: "Stämmer",
    agrees: "✓",
    agreesWords: "stämmer",
    differs: "skiljer {{amount}}",
    total: "Summa",
    allAgree: "Fortnox har exakt det Kassa bokförde.",
    someDiffer: "Fortnox skiljer sig från det Kassa bokförde: se raderna som är markerade nedan.",
  },
  voucher: {
    number: "verifikation {{number}}",
    numberInYear: "verifikation {{number}}, räkenskapsår {{year}}",
    findInFortnox: "I Fortnox: Bokföring › Verifikationer, serie {{series}}, nummer {{num}}",
  },
  trail: {
    title: "Ändringar av konteringen",
    none: "Inga ändringar sparade ännu.",
    line: "{{when}}, {{who}}",
    change: "{{field}}: {{from}} → {{to}}",
    series: "Verifikationsserie",
    none_value: "(ingen)",
    listLabel: "Ändringar av konteringen, senaste först",
  },
  mappingErrors: {
    refused: "{{label}}: {{reason}}",
    notInFortnox: "konto {{account}} finns inte i Fortnox kontoplan",
    inactive: "konto {{account}} är inaktivt i Fortnox",
    vat: "ange 25, 12, 6 eller 0 %",
    account: "ange ett BAS-kontonummer mellan 1000 och 9999",
  },
};

export default accountingView;
