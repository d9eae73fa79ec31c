/**
 * The renderer's Content-Security-Policy, for both hosts. Scripts only from our own
 * origin (no inline, no eval). Inline styles are allowed because the editor and the
 * diagram set element styles at run time; styles cannot run code.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
