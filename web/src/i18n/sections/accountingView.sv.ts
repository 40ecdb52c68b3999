import type en from "./accountingView.en";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Bokföringssidan: konteringens ändringshistorik och dess avslag i ord. */
const accountingView: Shape<typeof en> = {
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
