/**
 * ExportFileSink over Cloud Storage (firebase-admin's Storage, the Storage emulator when
 * FIREBASE_STORAGE_EMULATOR_HOST is set). Each object is one non-resumable upload written as a
 * stream: nothing is buffered beyond the stream's high-water mark (write waits for 'drain'),
 * and an aborted upload creates no object, so a failed attempt leaves nothing half-written.
 *
 * Download links: a V4 signed URL in production (the functions' service account needs
 * iam.serviceAccounts.signBlob, "Service Account Token Creator" on itself). The emulator
 * cannot sign, so there the object gets a Firebase download token and the link is the
 * emulator's token URL, which storage.rules' deny-all does not block (a valid token is the
 * permission). Storage rules deny every client read and write: the link is the only way in.
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { getStorage } from "firebase-admin/storage";
import type { ExportFileSink, ExportFileWriter } from "../../ports/export-file-sink";
import { adminApp } from "./admin";

/** The Storage emulator's host:port when this process talks to it; null in production. */
export const storageEmulatorHost = (): string | null => process.env["FIREBASE_STORAGE_EMULATOR_HOST"] || null;

const disposition = (filename: string): string => `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`;

export class StorageExportSink implements ExportFileSink {
  /** @param bucketName null: the project's default bucket. */
  constructor(private readonly bucketName: string | null = null) {}

  private bucket() {
    const storage = getStorage(adminApp());
    return this.bucketName ? storage.bucket(this.bucketName) : storage.bucket();
  }

  async open(objectPath: string, file: { contentType: string; filename: string }): Promise<ExportFileWriter> {
    const emulated = storageEmulatorHost() !== null;
    const stream = this.bucket()
      .file(objectPath)
      .createWriteStream({
        resumable: false,
        contentType: file.contentType,
        metadata: {
          contentDisposition: disposition(file.filename),
          ...(emulated ? { metadata: { firebaseStorageDownloadTokens: randomUUID() } } : {}),
        },
      });
    let failure: Error | null = null;
    stream.on("error", (e: Error) => {
      failure ??= e;
    });
    let bytes = 0;
    return {
      write: async (text) => {
        if (failure) throw failure;
        bytes += Buffer.byteLength(text);
        if (!stream.write(text)) {
          await Promise.race([once(stream, "drain"), once(stream, "error")]);
          if (failure) throw failure;
        }
      },
      finish: async () => {
        if (failure) throw failure;
        const done = once(stream, "finish");
        stream.end();
        await done; // rejects with the upload's error
        return { bytes };
      },
      abort: async (reason) => {
        stream.destroy(reason);
      },
    };
  }

  async downloadUrl(objectPath: string, filename: string, expiresAtMs: number): Promise<string> {
    const file = this.bucket().file(objectPath);
    const host = storageEmulatorHost();
    if (host) {
      const [meta] = await file.getMetadata();
      const token = String(meta.metadata?.["firebaseStorageDownloadTokens"] ?? "").split(",")[0];
      return `http://${host}/v0/b/${encodeURIComponent(file.bucket.name)}/o/${encodeURIComponent(objectPath)}?alt=media&token=${encodeURIComponent(token ?? "")}`;
    }
    const [url] = await file.getSignedUrl({ version: "v4", action: "read", expires: expiresAtMs, responseDisposition: disposition(filename) });
    return url;
  }
}
