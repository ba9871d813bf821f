// The answer of GET /api/v1/videos/{id} to someone not signed in, serialized once. It depends only on the
// video's cache entry (one shared object per version of the video, read-through.ts) and the playback tokens'
// current window, so the hottest read skips presenting, serializing and signing. It is serialized by the
// route's own response schema: byte for byte what the route would send otherwise.
import type { FastifyReply } from 'fastify';
import type { VideoWithChannel } from '../domain/video.js';
import type { Presenter } from './presenters.js';
import type { VideoJson } from './video.schemas.js';

/** What the route's serializer makes of an answer (a string, for a JSON schema). */
type Serialized = ReturnType<FastifyReply['serialize']>;

interface Answer {
  /** When the tokens in the answer's URLs expire: a new window is a new answer (a new version, a new entry). */
  expiry: number;
  body: Serialized;
}

export class PublicVideoAnswers {
  /** Keyed by the shared entry, so an answer goes when the read-through lets go of its version. */
  private readonly answers = new WeakMap<VideoWithChannel, Answer>();

  constructor(private readonly present: Presenter) {}

  body(video: VideoWithChannel, serialize: (answer: VideoJson) => Serialized): Serialized {
    const expiry = this.present.playbackExpiry();
    const known = this.answers.get(video);
    if (known?.expiry === expiry) return known.body;
    const body = serialize(this.present.videoPage({ video }, undefined));
    this.answers.set(video, { expiry, body });
    return body;
  }
}
