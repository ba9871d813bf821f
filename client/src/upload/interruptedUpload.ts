// Remembers the upload in progress so that after a reload (or a closed tab) it can resume: the browser
// cannot keep the file itself, so the person picks it again and we check it is the same one.
const KEY = 'vidstream.interruptedUpload';

export interface InterruptedUpload {
  videoId: string;
  fileName: string;
  size: number;
  lastModified: number;
}

export function rememberUpload(videoId: string, file: File): void {
  const entry: InterruptedUpload = {
    videoId,
    fileName: file.name,
    size: file.size,
    lastModified: file.lastModified,
  };
  localStorage.setItem(KEY, JSON.stringify(entry));
}

export function interruptedUpload(): InterruptedUpload | null {
  const saved = localStorage.getItem(KEY);
  return saved ? (JSON.parse(saved) as InterruptedUpload) : null;
}

export function forgetUpload(): void {
  localStorage.removeItem(KEY);
}

export function isSameFile(upload: InterruptedUpload, file: File): boolean {
  return (
    upload.fileName === file.name && upload.size === file.size && upload.lastModified === file.lastModified
  );
}
