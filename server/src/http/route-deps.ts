// What route plugins receive: every service, and the shared request helpers.
import type { FastifyRequest } from 'fastify';
import type { RequestLimits } from '../config.js';
import type { Services } from '../services/services.js';
import type { SessionCookie } from './authentication.js';
import type { Presenter } from './presenters.js';
import type { PublicVideoAnswers } from './public-video-answers.js';
import type { ShareLinks } from './share-links.js';
import type { SharePresenter } from './share-presenter.js';

export interface RouteDeps extends Services {
  present: Presenter;
  /** A video page as answered to anyone not signed in, serialized once per version and token window. */
  publicVideoAnswers: PublicVideoAnswers;
  /** What other sites are told of a video (oEmbed, preview tags). */
  share: SharePresenter;
  /** This instance's watch and embed addresses, from PUBLIC_URL. */
  shareLinks: ShareLinks;
  /** A hook for onRequest (before the body is read) or preHandler. */
  requireAccount: (request: FastifyRequest) => Promise<void>;
  identifyAccount: (request: FastifyRequest) => Promise<void>;
  loginLimitPerIpPerMinute: number;
  viewReportsPerMinute: number;
  requestLimits: RequestLimits;
  sessionCookie: SessionCookie;
}
