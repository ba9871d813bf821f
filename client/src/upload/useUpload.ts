// One upload's life: plan it, send the parts with live bytes/speed/time left, pause, resume (also after
// a reload, from the parts storage already holds), and hand back the parts to complete it with.
import { useRef, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { planUpload, uploadState } from '../api/uploads.js';
import { forgetUpload, rememberUpload } from './interruptedUpload.js';
import { type PartTarget, type SentPart, sendParts, UploadPaused } from './sendParts.js';
import { TransferRate } from './transferRate.js';

export type UploadPhase = 'idle' | 'preparing' | 'uploading' | 'paused' | 'uploaded' | 'failed';

export interface UploadStatus {
  phase: UploadPhase;
  videoId: string | null;
  fileName: string;
  sentBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  secondsLeft: number | null;
  error: string | null;
}

const IDLE: UploadStatus = {
  phase: 'idle',
  videoId: null,
  fileName: '',
  sentBytes: 0,
  totalBytes: 0,
  bytesPerSecond: 0,
  secondsLeft: null,
  error: null,
};

interface Transfer {
  file: File;
  /** Etags of the parts storage holds, by part number. */
  sent: Map<number, string>;
  controller: AbortController;
}

const partBytes = (file: File, partSize: number, partNumber: number) =>
  Math.min(partSize, file.size - (partNumber - 1) * partSize);

export function useUpload() {
  const [status, setStatus] = useState<UploadStatus>(IDLE);
  const transfer = useRef<Transfer | null>(null);
  const rate = useRef(new TransferRate());

  async function sendRemaining(
    current: Transfer,
    partSize: number,
    targets: PartTarget[],
    stored: SentPart[],
  ) {
    for (const part of stored) current.sent.set(part.partNumber, part.etag);
    const doneBytes = () =>
      [...current.sent.keys()].reduce((sum, number) => sum + partBytes(current.file, partSize, number), 0);
    let completed = doneBytes();
    rate.current.reset();
    const report = (sentBytes: number) => {
      rate.current.record(sentBytes);
      setStatus((old) => ({
        ...old,
        phase: 'uploading',
        sentBytes,
        bytesPerSecond: rate.current.bytesPerSecond(),
        secondsLeft: rate.current.secondsLeft(current.file.size - sentBytes),
      }));
    };
    report(completed);
    try {
      await sendParts({
        file: current.file,
        partSize,
        targets: targets.filter((target) => !current.sent.has(target.partNumber)),
        signal: current.controller.signal,
        onBytes: (bytesOfPart) => report(completed + bytesOfPart),
        onPartSent: (part) => {
          current.sent.set(part.partNumber, part.etag);
          completed = doneBytes();
        },
      });
      setStatus((old) => ({ ...old, phase: 'uploaded', sentBytes: current.file.size, secondsLeft: 0 }));
    } catch (error) {
      const paused = error instanceof UploadPaused;
      setStatus((old) => ({
        ...old,
        phase: paused ? 'paused' : 'failed',
        error: paused ? null : errorMessage(error),
      }));
    }
  }

  function begin(file: File, videoId: string | null): Transfer {
    const current = { file, sent: new Map(), controller: new AbortController() };
    transfer.current = current;
    setStatus({ ...IDLE, phase: 'preparing', videoId, fileName: file.name, totalBytes: file.size });
    return current;
  }

  function fail(error: unknown) {
    setStatus((old) => ({ ...old, phase: 'failed', error: errorMessage(error) }));
  }

  /** A new upload of this file. */
  async function start(file: File) {
    const current = begin(file, null);
    try {
      const plan = await planUpload(file);
      rememberUpload(plan.videoId, file);
      setStatus((old) => ({ ...old, videoId: plan.videoId }));
      await sendRemaining(current, plan.partSize, plan.parts, []);
    } catch (error) {
      fail(error);
    }
  }

  /** Carries on an upload, asking storage which parts it already holds (after a pause or a reload). */
  async function resume(file: File, videoId: string) {
    const current = begin(file, videoId);
    try {
      const state = await uploadState(videoId);
      await sendRemaining(current, state.partSize, state.parts, state.storedParts);
    } catch (error) {
      fail(error);
    }
  }

  const pause = () => transfer.current?.controller.abort();

  /** The parts to complete the upload with, in order. */
  function sentParts(): SentPart[] {
    const sent = transfer.current?.sent ?? new Map<number, string>();
    return [...sent]
      .map(([partNumber, etag]) => ({ partNumber, etag }))
      .sort((a, b) => a.partNumber - b.partNumber);
  }

  function finish() {
    forgetUpload();
    transfer.current = null;
  }

  return { status, start, resume, pause, sentParts, finish, file: () => transfer.current?.file ?? null };
}
