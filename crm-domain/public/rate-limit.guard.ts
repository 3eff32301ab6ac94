import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { coded } from '../../engine/nest/http/coded-exception.js';

const MAX_TRACKED_CLIENTS = 100_000;

/**
 * A fixed-window rate limit per client address for the public endpoints (in memory, per node):
 * at most `limit` requests per `ttlMs`; beyond that 429 with Retry-After.
 *
 * (@nestjs/throttler 6 is CommonJS and requires the ESM-only @nestjs/common 12: Node loads it,
 * jest's ESM runtime on Node 20 cannot, so the app could not be tested end to end with it.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(@Inject(CRM_OPTIONS) private readonly options: CrmOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const { limit, ttlMs } = this.options.publicForm;
    const now = Date.now();
    const key = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    let window = this.windows.get(key);
    if (!window || now - window.start >= ttlMs) {
      if (this.windows.size >= MAX_TRACKED_CLIENTS) this.forgetExpired(now, ttlMs);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const response = http.getResponse<Response>();
    response.setHeader('X-RateLimit-Limit', String(limit));
    response.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - window.count)));
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.start + ttlMs - now) / 1000);
      response.setHeader('Retry-After', String(retryAfter));
      throw new HttpException(coded(`Too many requests: at most ${limit} per ${Math.round(ttlMs / 1000)} s, try again in ${retryAfter} s`, 'CRM_PUBLIC_RATE_LIMITED'), HttpStatus.TOO_MANY_REQUESTS);
    }
    return true;
  }

  private forgetExpired(now: number, ttlMs: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= ttlMs) this.windows.delete(key);
    if (this.windows.size >= MAX_TRACKED_CLIENTS) this.windows.clear();
  }
}
