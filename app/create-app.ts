import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { CamundaExceptionFilter } from '../engine/nest/rest/camunda-exception.filter.js';
import { camundaJsonContentType } from '../engine/nest/http/camunda-json-content-type.js';
import { maxDeploymentRequestBytes } from '../engine/nest/rest/deployment-upload.js';
import { AppModule, type AppModuleExtras } from './app.module.js';
import type { AppConfig } from './config.js';
import { bodyParsers } from './http/body-limits.js';
import { ExpressBornRequestsAdapter } from './http/express-born-requests.js';
import { keepIdleConnections } from './http/keep-alive.js';
import { refuseHostileInput } from './http/hostile-input.js';
import { apiAnswersNotStored } from './http-safety/api-answers-not-stored.js';
import { securityHeaders } from './http-safety/security-headers.js';
import { webAppAssets, webAppFiles, webAppPages } from './http/web-app-pages.js';
import { createLogging, type AppLogging } from './logging/logging.js';

const API_PREFIXES = ['/engine-rest', '/api', '/health', '/docs', '/metrics'];
/** the answers that hold data: everything but the web app's and the API docs' files */
const NOT_STORED_PREFIXES = ['/engine-rest', '/api', '/health', '/metrics'];

export interface AppExtras extends AppModuleExtras {
  /** the service's logger (start-service.ts makes it first, for the start-up lines); else one is made here */
  readonly logging?: AppLogging;
  /** where the log goes instead of stdout, when no `logging` is given (specs read it) */
  readonly logStream?: DestinationStream | undefined;
}

/** Builds the HTTP application (used by start-service.ts and by end-to-end specs). */
export async function createApp(config: AppConfig, extras: AppExtras = {}): Promise<NestExpressApplication> {
  const logging = extras.logging ?? createLogging({ level: config.LOG_LEVEL, pretty: config.LOG_PRETTY, slowMs: config.REQUEST_LOG_SLOW_MS, sampleEvery: config.REQUEST_LOG_SAMPLE_EVERY, stream: extras.logStream });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, extras), new ExpressBornRequestsAdapter(), { logger: logging.nestLogger, abortOnError: false, bodyParser: false });
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  // an answer nobody stores needs no validator: no ETag (a sha1 of every JSON body) on what res.send answers; files keep theirs
  app.set('etag', false);
  keepIdleConnections(app.getHttpServer() as Server, config.HTTP_KEEP_ALIVE_TIMEOUT_MS);
  // first, so that every answer carries them: API, web app, docs, errors
  app.use(securityHeaders());
  app.use(apiAnswersNotStored(NOT_STORED_PREFIXES));
  // before anything that may answer /engine-rest (body limits, hostile input, guards, the filter)
  app.use(camundaJsonContentType);
  app.use(bodyParsers({ api: config.API_BODY_MAX_BYTES, engineRest: config.ENGINE_REST_BODY_MAX_BYTES, deployment: maxDeploymentRequestBytes(config.DEPLOYMENT_MAX_BYTES), imports: config.IMPORT_MAX_BYTES }));
  app.use(refuseHostileInput);
  app.useGlobalFilters(new CamundaExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CRM BPMN engine')
      .setDescription('Camunda 7 compatible REST API under /engine-rest, the CRM API under /api, health at /health')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  serveWebApp(app);
  // after the web app's files (not logged) and before Nest's routes (logged, with a request id the audit keeps)
  app.use(logging.requestMiddleware);
  return app;
}

/** the built web app (designer/dist) at `/`, looked up next to this file: dist/app/create-app.js (built) or app/create-app.ts (specs) */
function serveWebApp(app: NestExpressApplication): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const designer = [resolve(here, '..', '..', 'designer'), resolve(here, '..', 'designer')].find((dir) => existsSync(join(dir, 'vite.config.ts')));
  if (!designer) return;
  const files = webAppFiles(designer);
  app.use(webAppAssets(files, API_PREFIXES));
  app.use(webAppPages(files, API_PREFIXES));
}
