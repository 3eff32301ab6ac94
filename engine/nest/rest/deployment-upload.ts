import type { MulterModuleOptions } from '@nestjs/platform-express';

/** What one deployment upload (multipart) may carry besides its files' size (DEPLOYMENT_MAX_BYTES each). */
export const DEPLOYMENT_UPLOAD = {
  maxFiles: 20,
  /** deployment-name, deployment-source, enable-duplicate-filtering, ... */
  maxFields: 20,
  maxFieldBytes: 64 * 1024,
  maxFieldNameBytes: 200,
} as const;

/** multer's limits: it stops reading and fails the request as soon as one is passed, so nothing larger is buffered */
export function deploymentUploadOptions(maxFileBytes: number): MulterModuleOptions {
  return {
    limits: {
      fileSize: maxFileBytes,
      files: DEPLOYMENT_UPLOAD.maxFiles,
      fields: DEPLOYMENT_UPLOAD.maxFields,
      fieldSize: DEPLOYMENT_UPLOAD.maxFieldBytes,
      fieldNameSize: DEPLOYMENT_UPLOAD.maxFieldNameBytes,
      parts: DEPLOYMENT_UPLOAD.maxFiles + DEPLOYMENT_UPLOAD.maxFields,
    },
  };
}

/**
 * The largest deployment request accepted by its declared Content-Length: two files at the limit
 * and the fields. More files may still come in chunked uploads, each stopped at the file limit.
 */
export function maxDeploymentRequestBytes(maxFileBytes: number): number {
  return 2 * maxFileBytes + DEPLOYMENT_UPLOAD.maxFields * DEPLOYMENT_UPLOAD.maxFieldBytes;
}
