// A file in object storage as the platform knows it: which area holds it, its facts, and byte ranges of it.
// Two areas: `raw` holds uploads as received, `processed` holds what the platform publishes.
export type StorageArea = 'raw' | 'processed';

export interface ObjectInfo {
  size: number;
  contentType: string;
  etag: string;
  lastModified: Date;
  /** As stored with the object, when it was. */
  cacheControl?: string;
}

/** Inclusive byte positions, as in an HTTP Range header; always inside the object. */
export interface ByteRange {
  start: number;
  end: number;
}
