import { SetMetadata } from '@nestjs/common';

export type BodyType = 'json' | 'multipart' | 'urlencoded' | 'csv' | 'xlsx';

export const BODY_TYPES = 'http:body-types';

/** the media type each body type stands for, as the Content-Type header names it */
export const MEDIA_TYPES: Readonly<Record<BodyType, string>> = {
  json: 'application/json',
  multipart: 'multipart/form-data',
  urlencoded: 'application/x-www-form-urlencoded',
  // a file sent as the whole body (the CRM's import); no HTML form of another site can send these without asking first
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The request bodies a state-changing route takes. Routes without it take JSON; a request without
 * a body needs no Content-Type. Checked on the route Nest matched, by the app's body-type guard.
 */
export const TakesBody = (...types: [BodyType, ...BodyType[]]): MethodDecorator & ClassDecorator => SetMetadata(BODY_TYPES, types);
