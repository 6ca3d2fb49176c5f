/**
 * Escaping of user text for Adaptive Card and Teams message markdown.
 *
 * @remarks
 * Card `TextBlock`s and bot messages render a markdown subset, and a card's text may also hold
 * `{{DATE(...)}}` / `{{TIME(...)}}` functions. Text a person typed is shown as they typed it:
 * every markdown character is escaped with a backslash, a line-leading list or heading marker
 * cannot start a list, and a `{{` cannot open a function.
 */

const MARKDOWN_CHARACTERS = /[\\`*_{}[\]()#+\-.!|<>~]/g;

/** User text made safe to show inside card or message markdown. */
export function escapeCardText(text: string): string {
  return text.replace(MARKDOWN_CHARACTERS, (character) => `\\${character}`);
}
