// Sends a file's parts straight to the storage URLs of an upload plan, one after the other, reporting
// bytes as they go. The same code serves S3 presigned URLs and the embedded storage's signed ones.

export interface PartTarget {
  partNumber: number;
  url: string;
}
export interface SentPart {
  partNumber: number;
  etag: string;
}

export class UploadPaused extends Error {
  constructor() {
    super('The upload is paused');
    this.name = 'UploadPaused';
  }
}

interface SendPartsOptions {
  file: File;
  partSize: number;
  /** Parts still to send (those storage already holds are left out). */
  targets: PartTarget[];
  /** Called with the bytes of the current part sent so far, and once more when a part is done. */
  onBytes: (bytesOfPart: number) => void;
  onPartSent: (part: SentPart) => void;
  signal: AbortSignal;
}

export async function sendParts(options: SendPartsOptions): Promise<void> {
  for (const target of options.targets) {
    const start = (target.partNumber - 1) * options.partSize;
    const bytes = options.file.slice(start, start + options.partSize);
    const etag = await putPart(target, bytes, options);
    options.onPartSent({ partNumber: target.partNumber, etag });
  }
}

// XMLHttpRequest, not fetch: only it reports upload progress.
function putPart(target: PartTarget, bytes: Blob, options: SendPartsOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(new UploadPaused());
    const request = new XMLHttpRequest();
    const abort = () => request.abort();
    options.signal.addEventListener('abort', abort, { once: true });
    const settle = () => options.signal.removeEventListener('abort', abort);
    request.open('PUT', target.url);
    request.upload.onprogress = (event) => options.onBytes(event.loaded);
    request.onload = () => {
      settle();
      const etag = request.getResponseHeader('ETag');
      if (request.status >= 200 && request.status < 300 && etag) {
        options.onBytes(bytes.size);
        resolve(etag);
      } else {
        reject(new Error(`Storage refused part ${target.partNumber} (HTTP ${request.status}).`));
      }
    };
    request.onerror = () => {
      settle();
      reject(new Error('The connection to storage was lost. Resume to continue where it stopped.'));
    };
    request.onabort = () => {
      settle();
      reject(new UploadPaused());
    };
    request.send(bytes);
  });
}
