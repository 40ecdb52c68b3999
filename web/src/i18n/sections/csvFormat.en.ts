/** The CSV format choice beside every CSV download (components/CsvFormatPicker.tsx). */
const csvFormat = {
  label: "File format",
  excel: "Excel (Sweden)",
  standard: "Standard CSV",
  excelHint: "Semicolons, decimal comma, Stockholm time: opens in columns in a Swedish Excel.",
  standardHint: "Commas, decimal point, UTC times (ISO 8601): for scripts and other spreadsheets.",
} as const;

export default csvFormat;
