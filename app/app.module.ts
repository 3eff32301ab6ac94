import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { hostname } from 'node:os';
import { EngineModule } from '../engine/nest/engine.module.js';
import { migrations } from '../migrations/index.js';
import type { AppConfig } from './config.js';

/** The composition root: the engine and the CRM, wired from the validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            autoLogging: { ignore: (req) => req.url === '/health' },
            ...(config.LOG_PRETTY ? { transport: { target: 'pino-pretty' } } : {}),
          },
        }),
        EngineModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          redisUrl: config.REDIS_URL,
          jobConcurrency: config.JOB_CONCURRENCY,
          jobLockMs: config.JOB_LOCK_MS,
          reconcileMs: config.JOB_RECONCILE_MS,
          maxDeploymentBytes: config.DEPLOYMENT_MAX_BYTES,
          maxDeploymentElements: config.DEPLOYMENT_MAX_ELEMENTS,
          migrations,
          workerId: `${hostname()}:${process.pid}`,
        }),
      ],
    };
  }
}
