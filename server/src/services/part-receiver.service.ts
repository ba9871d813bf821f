// The local-disk storage's part endpoint: checks the signed grant, then streams the part to disk.
import type { Readable } from 'node:stream';
import { LOCAL_PART_PATH, type LocalMultipartUploads } from '../adapters/storage/local-multipart-uploads.js';
import { UploadPartRefused } from '../adapters/storage/multipart-uploads.js';
import { checkPartGrant, type PartGrant } from '../adapters/storage/part-url-signature.js';
import { Forbidden, InvalidInput, NotFound, PayloadTooLarge } from '../domain/errors.js';
import type { UploadedPart } from '../domain/upload.js';

export class PartReceiverService {
  /** The path the part URLs name, below which the API serves this endpoint. */
  readonly path = LOCAL_PART_PATH;

  constructor(
    private readonly uploads: LocalMultipartUploads,
    private readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async receive(grant: PartGrant, signature: string, body: Readable): Promise<UploadedPart> {
    const refusal = checkPartGrant(this.secret, grant, signature, Math.floor(this.now().getTime() / 1000));
    if (refusal === 'expired')
      throw new Forbidden('url_expired', 'This upload URL has expired; ask for a new one');
    if (refusal) throw new Forbidden('invalid_signature', 'This upload URL is not valid');
    try {
      return await this.uploads.writePart(grant.uploadId, grant.partNumber, body, grant.maxBytes);
    } catch (error) {
      if (!(error instanceof UploadPartRefused)) throw error;
      if (error.reason === 'too_large')
        throw new PayloadTooLarge('payload_too_large', `A part may have at most ${grant.maxBytes} bytes`);
      if (error.reason === 'unknown_upload')
        throw new NotFound('upload_not_found', 'No such upload in progress');
      throw new InvalidInput(error.message, 'partNumber');
    }
  }
}
