/** Saves CSV text the server built as a file download (the server does the exact amounts). */
export function downloadCsv(filename: string, csv: string): void {
  // A BOM so Excel opens UTF-8 (å, ä, ö in names) correctly.
  const blob = new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
