/** Strict base64 for Bytes variables (standard or URL-safe alphabet, optional padding). */

const BASE64_TEXT = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** Decodes base64 text (whitespace ignored); undefined when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64_TEXT.test(compact)) return undefined;
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  if (compact.length !== unpadded.length && compact.length % 4 !== 0) return undefined;
  // Node's base64 decoder understands both alphabets; copy into a plain Uint8Array.
  return new Uint8Array(Buffer.from(unpadded, 'base64'));
}

/** Standard, padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
