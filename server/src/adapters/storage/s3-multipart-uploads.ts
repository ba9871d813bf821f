// Multipart uploads on S3: the client PUTs each part to a presigned UploadPart URL, never through the API.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  type S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { MAX_PART_NUMBER, type PartReference, type UploadedPart } from '../../domain/upload.js';
import type { MultipartUploads } from './multipart-uploads.js';
import { assertSafeKey } from './object-storage.js';

export class S3MultipartUploads implements MultipartUploads {
  /** `presigner` signs the part URLs browsers use: a client of storage's public endpoint, if it has one. */
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly presigner: S3Client = client,
  ) {}

  async create(key: string, contentType: string): Promise<string> {
    assertSafeKey(key);
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
    );
    if (!UploadId) throw new Error('storage did not return an upload id');
    return UploadId;
  }

  async partUrl(key: string, uploadId: string, partNumber: number, maxBytes: number, expiresAt: Date) {
    if (partNumber < 1 || partNumber > MAX_PART_NUMBER)
      throw new Error(`part number out of range: ${partNumber}`);
    const expiresIn = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
    // Content-Length is signed: storage refuses a part of any other size.
    return getSignedUrl(
      this.presigner,
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        ContentLength: maxBytes,
      }),
      { expiresIn, signableHeaders: new Set(['content-length']) },
    );
  }

  async listParts(key: string, uploadId: string): Promise<UploadedPart[]> {
    const parts: UploadedPart[] = [];
    let marker: string | undefined;
    do {
      const page = await this.client.send(
        new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }),
      );
      for (const part of page.Parts ?? []) {
        if (part.PartNumber && part.ETag) {
          parts.push({ partNumber: part.PartNumber, etag: part.ETag, size: part.Size ?? 0 });
        }
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts;
  }

  async complete(key: string, uploadId: string, parts: PartReference[]): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
      }),
    );
  }

  async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
      );
    } catch (error) {
      if (!(error instanceof S3ServiceException && error.name === 'NoSuchUpload')) throw error;
    }
  }
}
