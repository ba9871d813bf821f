// Uploads in parts, as clients see them: S3 multipart semantics whatever the storage.

/** S3's limit, which local-disk uploads keep too. */
export const MAX_PART_NUMBER = 10_000;

export interface UploadedPart {
  partNumber: number;
  etag: string;
  size: number;
}

export interface PartReference {
  partNumber: number;
  etag: string;
}
