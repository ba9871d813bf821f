// The live role's RTMP listener: node-media-server speaks the protocol; this module decides who may
// publish (a stream key in use, one live stream per key) and hands each admitted publish's FLV to its
// LiveStream, a new one or the one its dropped publisher left waiting. A refused publish is closed at its
// publish command, before any media is taken, and logged.
import { once } from 'node:events';
import net from 'node:net';
import Context from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import NodeRtmpServer from 'node-media-server/src/server/rtmp_server.js';
import BaseSession from 'node-media-server/src/session/base_session.js';
import type { Logger } from 'pino';
import type { LiveSource } from '../domain/live-source.js';
import { LIVE_SEEN_EVERY_MS, type LiveIngestService } from '../services/live/live-ingest.service.js';
import type { LiveStream } from '../services/live/live-stream.js';

/** The RTMP application encoders publish to: `rtmp://host:port/live/{key}`. */
const INGEST_APP = 'live';
/** How long an admitted publisher has to send its codec headers before it is dropped. */
const HEADERS_WAIT_MS = 10_000;
const HEADERS_POLL_MS = 50;
/** FLV's codec id for H.264 (AVC), as RTMP metadata gives it. */
const FLV_AVC = 7;

export interface RtmpIngest {
  port: number;
  close(): Promise<void>;
}

export async function startRtmpIngest(
  live: LiveIngestService,
  options: { port: number; host: string },
  logger: Logger,
): Promise<RtmpIngest> {
  // node-media-server's own listeners stay off (no port in its config): this module owns the socket.
  Context.config = {};
  nmsLogger.log = (message, level = 'info') => logger.debug({ level }, `rtmp: ${message}`);
  const protocol = new NodeRtmpServer();
  const streams = new Map<string, LiveStream>();
  /** Publishers whose admission is being decided, and whether they left meanwhile. */
  const deciding = new Map<string, { left: boolean }>();
  const sockets = new Set<net.Socket>();

  const onPublish = (publisher: BaseSession) => {
    // The library's own reconnect grace stays off: a LiveStream waits for its publisher itself.
    publisher.broadcast.publishGraceMs = 0;
    const decision = { left: false };
    deciding.set(publisher.id, decision);
    void admit(live, publisher, logger).then((stream) => {
      deciding.delete(publisher.id);
      if (decision.left) stream?.detach();
      else if (stream) streams.set(publisher.id, stream);
    });
  };
  const onPublishDone = (publisher: BaseSession) => {
    const decision = deciding.get(publisher.id);
    if (decision) decision.left = true;
    const stream = streams.get(publisher.id);
    streams.delete(publisher.id);
    stream?.detach();
  };
  Context.eventEmitter.on('prePublish', onPublish);
  Context.eventEmitter.on('donePublish', onPublishDone);

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    protocol.handleRequest(socket);
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ port }, 'live ingest listening for RTMP');
  const keeping = setInterval(() => {
    live.keepAlive().catch((error: unknown) => logger.warn({ err: error }, 'live videos not kept alive'));
  }, LIVE_SEEN_EVERY_MS).unref();

  return {
    port,
    async close() {
      clearInterval(keeping);
      Context.eventEmitter.off('prePublish', onPublish);
      Context.eventEmitter.off('donePublish', onPublishDone);
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await live.endAll();
      await closed;
    },
  };
}

/** Admits a publish or closes it; an admitted one starts its stream once its codec headers are in. */
async function admit(
  live: LiveIngestService,
  publisher: BaseSession,
  logger: Logger,
): Promise<LiveStream | undefined> {
  const from = publisher.ip;
  if (publisher.streamApp !== INGEST_APP) {
    logger.warn({ from, app: publisher.streamApp }, 'live publish refused: unknown application');
    publisher.close();
    return undefined;
  }
  const admission = await live.admit(publisher.streamName).catch((error: unknown) => {
    logger.error({ err: error, from }, 'live publish could not be checked');
    return undefined;
  });
  if (!admission?.admitted) {
    if (admission) logger.warn({ from, reason: admission.reason }, 'live publish refused');
    publisher.close();
    return undefined;
  }
  const { stream } = admission;
  const source = await announcedSource(publisher);
  if (!source) {
    logger.warn({ from, videoId: stream.videoId }, 'live publisher sent no picture: dropped');
    publisher.close();
    stream.detach();
    return undefined;
  }
  const reader = new BaseSession();
  reader.protocol = 'flv';
  await stream.run(source, () => {
    publisher.broadcast.donePlay(reader);
    publisher.close();
  });
  reader.sendBuffer = (flv) => stream.write(flv);
  // The FLV header, the codec headers and the current group of pictures first, then every new packet.
  publisher.broadcast.postPlay(reader);
  return stream;
}

/** What the publisher announced, once its video header is in; undefined if it never comes. */
async function announcedSource(publisher: BaseSession): Promise<LiveSource | undefined> {
  const deadline = Date.now() + HEADERS_WAIT_MS;
  while (publisher.broadcast.flvVideoHeader === null) {
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, HEADERS_POLL_MS));
  }
  const { videoCodec, videoWidth, videoHeight, videoFramerate } = publisher;
  const announced = videoWidth > 0 && videoHeight > 0 && videoFramerate > 0;
  return {
    // Without metadata nothing is known of the picture: every rung is encoded, from a 16:9 guess.
    videoCodec: announced && Number(videoCodec) === FLV_AVC ? 'h264' : 'other',
    width: announced ? videoWidth : 1280,
    height: announced ? videoHeight : 720,
    frameRate: announced ? videoFramerate : 30,
    hasAudio: publisher.broadcast.flvAudioHeader !== null,
  };
}
