// Uploads sent straight to storage in parts (S3 multipart semantics), resumable part by part.
// S3: presigned UploadPart URLs. Local disk: signed URLs to the API's own part endpoint.
import type { PartReference, UploadedPart } from '../../domain/upload.js';

export interface MultipartUploads {
  /** Starts an upload of the raw object `key`; returns the storage's upload id. */
  create(key: string, contentType: string): Promise<string>;
  /**
   * Where the client PUTs one part: absolute for S3, a path on the API's origin for local disk. `maxBytes` is
   * the part's size: S3 signs it as the exact Content-Length, local disk refuses anything larger.
   */
  partUrl(
    key: string,
    uploadId: string,
    partNumber: number,
    maxBytes: number,
    expiresAt: Date,
  ): Promise<string>;
  /** The parts storage holds, by part number: what a resuming client need not send again. */
  listParts(key: string, uploadId: string): Promise<UploadedPart[]>;
  /** Joins the parts, in order, into the object; refuses a list that does not match what was stored. */
  complete(key: string, uploadId: string, parts: PartReference[]): Promise<void>;
  /** Drops the upload's parts; an upload storage no longer knows (completed, or aborted) is no error. */
  abort(key: string, uploadId: string): Promise<void>;
}

export class UploadPartRefused extends Error {
  constructor(
    readonly reason: 'too_large' | 'unknown_upload' | 'parts_mismatch' | 'bad_part_number',
    message: string,
  ) {
    super(message);
    this.name = 'UploadPartRefused';
  }
}
