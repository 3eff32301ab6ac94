import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { TakesBody } from '../../engine/nest/http/body-types.js';
import { CrossSiteAllowed } from '../../engine/nest/http/cross-site.js';
import { LeadsService } from '../leads/leads.service.js';
import { field } from '../shared/body-fields.js';
import { DatabaseErrorsInterceptor } from '../shared/database-errors.interceptor.js';
import { parseInput } from '../shared/validation.js';
import { Public } from '../../engine/nest/access/index.js';
import { BodySizeGuard } from './body-size.guard.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

const webFormBody = z.strictObject({
  name: field.name(200),
  email: field.email().optional(),
  phone: field.phone().optional(),
  company: field.text(200).optional(),
  message: field.text(2000).optional(),
  estimatedAmount: field.amount().optional(),
  currency: field.currency().optional(),
  region: field.text(200).optional(),
  /** a field people leave empty and form-filling robots do not */
  website: z.string().max(200).optional(),
});

/**
 * The web form behind the company site: unauthenticated, so small, validated and rate limited.
 * The site's HTML form posts here from its own origin, URL-encoded.
 */
@ApiTags('CRM public web form')
@Public()
@Controller('api/public/leads')
@CrossSiteAllowed()
@TakesBody('json', 'urlencoded')
@UseGuards(RateLimitGuard, BodySizeGuard)
@UseInterceptors(DatabaseErrorsInterceptor)
export class PublicLeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post()
  @HttpCode(202)
  async submit(@Body() body: unknown) {
    const form = parseInput(webFormBody, htmlFormValues(body));
    if (!form.email && !form.phone) throw new CrmInvalidRequestError(`Invalid request body: 'email' or 'phone' is required so we can answer`);
    if (form.website) return { status: 'received' };
    const lead = await this.leads.create('web-form', {
      source: 'web_form',
      personName: form.name,
      companyName: form.company ?? null,
      email: form.email ?? null,
      phone: form.phone ?? null,
      estimatedAmount: form.estimatedAmount ?? null,
      currency: form.currency,
      region: form.region ?? null,
      notes: form.message ?? null,
    }, SYSTEM_VIEWER);
    return { status: 'received', reference: lead.id };
  }
}

/** an HTML form sends every field as text, empty ones as '': those count as missing, the amount as a number */
function htmlFormValues(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => [name, name === 'estimatedAmount' && typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value]),
  );
}
