/**
 * Where an export's file goes: an object written as a stream (Cloud Storage in production and
 * in the Storage emulator, a temp file or a byte counter in the benchmark). Writing to the
 * same path again replaces the object, which is what makes a retried export one file.
 */
export interface ExportFileWriter {
  /** Resolves when the chunk is accepted (waits for the stream to drain: memory stays flat). */
  write(text: string): Promise<void>;
  /** Completes the object; only now does it exist for readers. */
  finish(): Promise<{ bytes: number }>;
  /** Drops what was written; the object is not created (or keeps its earlier content). */
  abort(reason: Error): Promise<void>;
}

export interface ExportFileSink {
  open(objectPath: string, file: { contentType: string; filename: string }): Promise<ExportFileWriter>;
  /** A link the asker's browser can download the object from, valid until `expiresAtMs`. */
  downloadUrl(objectPath: string, filename: string, expiresAtMs: number): Promise<string>;
}
