// One app for the whole run; every test file gets its address through `inject('baseUrl')`.
import type { TestProject } from 'vitest/node';
import { startApp } from './app-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('baseUrl', app.baseUrl);
  return () => app.stop();
}
