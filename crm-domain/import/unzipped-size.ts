import { Unzip, UnzipInflate } from 'fflate';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

/** what an XLSX archive may unpack to before a spreadsheet reader holds it in memory */
export interface UnzipLimits {
  /** all entries together */
  readonly maxBytes: number;
  /** most bytes out per byte in, for an entry past 1 MiB whose header states its packed size (Apache POI refuses past 100) */
  readonly maxRatio: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = { maxBytes: 256 * 1024 * 1024, maxRatio: 100 };

const RATIO_CHECKED_FROM = 1024 * 1024;
const PUSH_BYTES = 16 * 1024;

/**
 * Unpacks the archive once, counting what comes out and keeping none of it, and refuses it as
 * soon as it unpacks to more than the limits allow: a ZIP bomb (a few MB inflating to gigabytes)
 * would otherwise be inflated whole into memory by the spreadsheet reader. Counted, not taken from
 * the archive's headers, which can say anything.
 */
export function checkUnzippedSize(content: Uint8Array, limits: UnzipLimits = DEFAULT_UNZIP_LIMITS): void {
  const { refusal } = unpackCounting(content, limits);
  if (refusal) throw new CrmInvalidRequestError(`Invalid import file: ${refusal}`);
}

/** what the archive unpacked to until it was done or refused (exported for its spec) */
export function unpackCounting(content: Uint8Array, limits: UnzipLimits): { readonly bytes: number; readonly refusal: string | null } {
  let total = 0;
  let refusal: string | null = null;
  const unzip = new Unzip((file) => {
    if (refusal) return;
    let out = 0;
    file.ondata = (error, chunk) => {
      if (refusal) return;
      if (error) {
        refusal = `the XLSX file cannot be read (${error.message})`;
        return;
      }
      out += chunk.length;
      total += chunk.length;
      if (total > limits.maxBytes) refusal = `the XLSX file unpacks to more than ${limits.maxBytes} bytes`;
      else if (out > RATIO_CHECKED_FROM && file.size !== undefined && out > file.size * limits.maxRatio) {
        refusal = `the XLSX file's entry ${file.name.slice(0, 100)} unpacks to more than ${limits.maxRatio} times its packed size`;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // fflate inflates all it is given at once: small steps bound what one step can unpack (DEFLATE: at most ~1,000 times)
    for (let offset = 0; offset < content.length && !refusal; offset += PUSH_BYTES) {
      unzip.push(content.subarray(offset, offset + PUSH_BYTES), offset + PUSH_BYTES >= content.length);
    }
  } catch (error) {
    refusal ??= `the XLSX file cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  return { bytes: total, refusal };
}
