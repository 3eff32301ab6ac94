import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './config.js';
import { createApp } from './create-app.js';
import { createLogging } from './logging/logging.js';
import { serviceUrl, startupSummary } from './startup-summary.js';

export interface RunningService {
  readonly app: NestExpressApplication;
  /** where it answers, with the port it got */
  readonly url: string;
}

/**
 * What `npm start` does: say where the service will answer, on which database and job backend and
 * how to sign in, then build the application and listen. The route table and Nest's module list
 * come after, at debug level.
 */
export async function startService(config: AppConfig, options: { readonly logStream?: DestinationStream } = {}): Promise<RunningService> {
  const logging = createLogging({ level: config.LOG_LEVEL, pretty: config.LOG_PRETTY, slowMs: config.REQUEST_LOG_SLOW_MS, sampleEvery: config.REQUEST_LOG_SAMPLE_EVERY, stream: options.logStream });
  const log = logging.logger.child({ context: 'Startup' });
  for (const line of startupSummary(config)) log.info(line);
  const app = await createApp(config, { logging });
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address();
  const url = serviceUrl(config, typeof address === 'object' && address ? address.port : config.PORT);
  log.info(`Ready: ${url} answers (health ${url}/health)`);
  return { app, url };
}
