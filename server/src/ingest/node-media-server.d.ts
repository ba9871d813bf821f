// Types for the parts of node-media-server 4 (CommonJS, untyped) the RTMP ingest uses.
declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events';

  const Context: { config: Record<string, unknown>; eventEmitter: EventEmitter };
  export default Context;
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { log(message: string, level?: string): void };
  export default logger;
}

declare module 'node-media-server/src/session/base_session.js' {
  import type { BroadcastServer } from 'node-media-server/src/server/broadcast_server.js';
  export default class BaseSession {
    id: string;
    ip: string;
    protocol: string;
    streamApp: string;
    streamName: string;
    streamPath: string;
    videoCodec: number | string;
    videoWidth: number;
    videoHeight: number;
    videoFramerate: number;
    audioCodec: number | string;
    /** Set on RTMP sessions once connected. */
    broadcast: BroadcastServer;
    sendBuffer: (buffer: Buffer) => void;
    close: () => void;
  }
}

declare module 'node-media-server/src/server/broadcast_server.js' {
  import type BaseSession from 'node-media-server/src/session/base_session.js';
  export class BroadcastServer {
    publishGraceMs: number;
    flvAudioHeader: Buffer | null;
    flvVideoHeader: Buffer | null;
    postPlay(session: BaseSession): string | null;
    donePlay(session: BaseSession): void;
  }
}

declare module 'node-media-server/src/server/rtmp_server.js' {
  import type { Socket } from 'node:net';
  export default class NodeRtmpServer {
    handleRequest: (socket: Socket) => void;
  }
}
