import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { CamundaExceptionFilter } from '../engine/nest/rest/camunda-exception.filter.js';
import { camundaJsonContentType } from '../engine/nest/http/camunda-json-content-type.js';
import { maxDeploymentRequestBytes } from '../engine/nest/rest/deployment-upload.js';
import { AppModule, type AppExtras } from './app.module.js';
import type { AppConfig } from './config.js';
import { bodyParsers } from './http/body-limits.js';
import { refuseHostileInput } from './http/hostile-input.js';
import { securityHeaders } from './http-safety/security-headers.js';

const API_PREFIXES = ['/engine-rest', '/api', '/health', '/docs', '/metrics'];

/** Builds the HTTP application (used by main.ts and by end-to-end specs). */
export async function createApp(config: AppConfig, extras: AppExtras = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, extras), { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  // first, so that every answer carries them: API, web app, docs, errors
  app.use(securityHeaders());
  // before anything that may answer /engine-rest (body limits, hostile input, guards, the filter)
  app.use(camundaJsonContentType);
  app.use(bodyParsers({ api: config.API_BODY_MAX_BYTES, engineRest: config.ENGINE_REST_BODY_MAX_BYTES, deployment: maxDeploymentRequestBytes(config.DEPLOYMENT_MAX_BYTES) }));
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
  return app;
}

/** the built web app (designer/dist) at `/`, with client-side routes falling back to index.html */
function serveWebApp(app: NestExpressApplication): void {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/app/create-app.js (built) or app/create-app.ts (specs run from source)
  const root = [resolve(here, '..', '..', 'designer', 'dist'), resolve(here, '..', 'designer', 'dist')].find((dir) => existsSync(join(dir, 'index.html')));
  if (!root) return;
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Express routes case-insensitively: /ENGINE-REST/... is the API too, never the web app
    const path = req.path.toLowerCase();
    if (req.method !== 'GET' || API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`)) || path.includes('.')) return next();
    res.sendFile(join(root, 'index.html'));
  });
}
