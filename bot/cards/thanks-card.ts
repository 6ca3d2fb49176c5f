/**
 * The thank-you card the helper receives when the asker says thanks.
 */
import type { HelpRequest } from '../../src/domain/help-request';
import { translate } from '../i18n';
import { escapeCardText } from './card-text';
import { requestWords } from './help-request-card';
import { helpCard, type HelpCard } from './help-request-elements';

/** Most characters of "what" repeated on the thank-you card. */
const WHAT_PREVIEW = 140;

/** The thank-you card for a request that has its `thanks`. */
export function thanksCard(locale: string | undefined, request: HelpRequest): HelpCard {
  const words = requestWords(locale, request);
  const what = Array.from(request.what);
  const preview =
    what.length > WHAT_PREVIEW ? `${what.slice(0, WHAT_PREVIEW).join('')}…` : request.what;
  const note = request.thanks?.note;
  return helpCard([
    {
      type: 'TextBlock',
      text: translate(locale, 'ask.thanks.title', { asker: words.asker }),
      size: 'medium',
      weight: 'bolder',
      wrap: true,
    },
    ...(note ? [{ type: 'TextBlock' as const, text: escapeCardText(note), wrap: true }] : []),
    {
      type: 'TextBlock',
      text: translate(locale, 'ask.thanks.for', { what: escapeCardText(preview) }),
      wrap: true,
      isSubtle: true,
    },
    {
      type: 'TextBlock',
      text: translate(locale, 'ask.thanks.closing'),
      wrap: true,
      color: 'good',
    },
  ]);
}
