// What route plugins receive: every service, and the shared request helpers.
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { Services } from '../services/services.js';
import type { Presenter } from './presenters.js';

export interface RouteDeps extends Services {
  present: Presenter;
  requireAccount: preHandlerAsyncHookHandler;
  identifyAccount: preHandlerAsyncHookHandler;
  loginLimitPerIpPerMinute: number;
  viewReportsPerMinute: number;
}
