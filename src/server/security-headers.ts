/**
 * Security headers for everything the server answers.
 *
 * @remarks
 * The tab runs inside Teams, Outlook and the Microsoft 365 app, so `frame-ancestors` lists
 * exactly those hosts. Fluent UI writes its styles at run time, hence `'unsafe-inline'` for
 * styles only. Scripts come from this origin, plus Microsoft's Office.js CDN for the Outlook
 * task pane (`outlook.html`): Office.js must be loaded from there to be supported, and it pulls
 * its host-specific parts from the same place.
 *
 * HSTS is sent on every answer, in every environment: browsers ignore it on plain HTTP (RFC 6797
 * §8.1), so local development over `http://localhost` is unaffected. Azure App Service
 * terminates TLS and forwards plain HTTP; gating the header on `X-Forwarded-Proto` or on
 * production would only add a way to lose it behind a differently configured proxy. `preload` is
 * left out: it commits the whole domain for good, which is the operator's call, not the app's.
 */
import type { NextFunction, Request, Response } from 'express';

/** Hosts allowed to frame the tab. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.office.com',
  'https://*.microsoft365.com',
];

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** One year, with subdomains: what browsers and scanners expect of a production host. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** Sets CSP, HSTS and the usual hardening headers. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
  next();
}
