// Sentences the owner of a refused upload reads: what the file is, and what we accept. Never a program's
// own message, option names or memory addresses (those go to the log).

export const ACCEPTED_FORMATS = 'MP4, MOV, MKV, WebM or AVI';
const UPLOAD_A_VIDEO = `upload a video as ${ACCEPTED_FORMATS}`;

export function notAVideo(kind: string): string {
  return `This is ${kind}, not a video; ${UPLOAD_A_VIDEO}`;
}

export function damagedVideo(kind: string): string {
  return `This is ${kind} that is damaged or incomplete (perhaps the upload was cut short), so it cannot be read; upload the whole file again`;
}

export function unrecognisedFile(): string {
  return `This file is not a video we can read; ${UPLOAD_A_VIDEO}`;
}

export function soundWithoutPicture(): string {
  return `This file holds sound but no moving picture, so it is not a video; ${UPLOAD_A_VIDEO}`;
}

export function noPicture(): string {
  return `This file holds no moving picture, so it is not a video; ${UPLOAD_A_VIDEO}`;
}

/** "2 h 5 min", "45 min", "30 s": how long a video is, as a person says it. */
export function spokenDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** "29.97 fps", "60 fps". */
export function spokenFrameRate(frameRate: number): string {
  return `${Math.round(frameRate * 100) / 100} fps`;
}
