import { extname } from 'node:path';

const byExtension: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.svg': 'image/svg+xml',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.eml': 'message/rfc822',
  '.p7s': 'application/x-pkcs7-signature',
};

/** The MIME type a file name's extension implies; `application/octet-stream` when unknown. */
export function mediaTypeForFileName(name: string): string {
  return byExtension[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether deflating content of this MIME type is likely to pay off (text and structured text). */
export function isCompressibleMediaType(mediaType: string): boolean {
  const type = mediaType.toLowerCase().split(';')[0]!.trim();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type.endsWith('+json')
  );
}
