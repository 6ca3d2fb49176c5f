/**
 * Security headers for everything the server answers.
 *
 * @remarks
 * The tab runs inside Teams, Outlook and the Microsoft 365 app, so `frame-ancestors` lists
 * exactly those hosts. Fluent UI writes its styles at run time, hence `'unsafe-inline'` for
 * styles only. Scripts come from this origin, plus Microsoft's Office.js CDN for the Outlook
 * task pane (`outlook.html`): Office.js must be loaded from there to be supported, and it pulls
 * its host-specific parts from the same place.
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

/** Sets CSP and the usual hardening headers. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
  next();
}
