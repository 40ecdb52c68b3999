/**
 * Which CSV a download is: "Excel (Sverige)" (semicolons, decimal comma, Stockholm time: what a
 * Swedish Excel opens in columns with amounts as numbers) or "Standard" (commas, decimal point,
 * UTC). The choice is remembered on this device; until one is made it follows the language,
 * because a Swedish Excel given the standard file shows each line in one column.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CsvFormat } from "@server/contracts/vocabulary";
import { activeLanguage } from "../i18n/locale";

const KEY = "kassa.csvFormat";

function remembered(): CsvFormat | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === "excel-sv" || v === "standard" ? v : null;
  } catch {
    return null;
  }
}

export function useCsvFormat(): [CsvFormat, (f: CsvFormat) => void] {
  const [format, setFormat] = useState<CsvFormat>(
    () => remembered() ?? (activeLanguage() === "sv" ? "excel-sv" : "standard"),
  );
  const choose = (f: CsvFormat) => {
    setFormat(f);
    try {
      localStorage.setItem(KEY, f);
    } catch {
      // A browser that keeps nothing still gets the file it chose now.
    }
  };
  return [format, choose];
}

export function CsvFormatPicker({
  format,
  onChange,
}: {
  format: CsvFormat;
  onChange: (f: CsvFormat) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t("csvFormat.label")}
      <select
        value={format}
        onChange={(e) => onChange(e.target.value === "standard" ? "standard" : "excel-sv")}
        aria-describedby="csv-format-hint"
      >
        <option value="excel-sv">{t("csvFormat.excel")}</option>
        <option value="standard">{t("csvFormat.standard")}</option>
      </select>
      <span id="csv-format-hint" className="muted small">
        {t(format === "excel-sv" ? "csvFormat.excelHint" : "csvFormat.standardHint")}
      </span>
    </label>
  );
}
