import type en from "./csvFormat.en";

/** Valet av CSV-format vid varje CSV-nedladdning (components/CsvFormatPicker.tsx). */
const csvFormat: { [K in keyof typeof en]: string } = {
  label: "Filformat",
  excel: "Excel (Sverige)",
  standard: "Standard-CSV",
  excelHint: "Semikolon, decimalkomma, svensk tid: öppnas i kolumner i ett svenskt Excel.",
  standardHint:
    "Kommatecken, decimalpunkt, UTC-tider (ISO 8601): för skript och andra kalkylprogram.",
};

export default csvFormat;
