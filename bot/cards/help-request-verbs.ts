/**
 * The verbs of help-request cards: the contract between the card builders and the routes.
 *
 * @remarks
 * Each verb arrives as an `Action.Execute` invoke and, from older clients, as an `Action.Submit`
 * message carrying `verb`. The routes export the full list as `HELP_REQUEST_VERBS`.
 */

/** Every verb of the ask form and the help-request card. */
export const HELP_REQUEST_VERB = {
  /** Send the ask form: create the request. */
  create: 'help-request.create',
  /** Open the ask form, prefilled (`what`, and `colleague` from a suggestion). */
  compose: 'help-request.compose',
  /** The card's refresh: answer the viewer's own view. */
  refresh: 'help-request.refresh',
  /** Helper: *I can help*. */
  accept: 'help-request.accept',
  /** Helper: *Not this time* (optional `reason`, optional `mute`). */
  decline: 'help-request.decline',
  /** Helper: *Suggest someone* (`suggestPicked` or `suggestName`). */
  redirect: 'help-request.redirect',
  /** Asker: *Cancel*. */
  cancel: 'help-request.cancel',
  /** Asker: *Mark done*. */
  done: 'help-request.done',
  /** Asker: *Say thanks* (optional `note`). */
  thank: 'help-request.thank',
  /** Helper: let this asker ask through Spotter again. */
  unmute: 'help-request.unmute',
} as const;

/** A help-request verb. */
export type HelpRequestVerb = (typeof HELP_REQUEST_VERB)[keyof typeof HELP_REQUEST_VERB];

/** Ids of the inputs on help-request cards, which are the keys of the submitted data. */
export const HELP_REQUEST_INPUT = {
  colleague: 'colleague',
  colleagueAddress: 'colleagueAddress',
  what: 'what',
  byWhen: 'byWhen',
  weight: 'weight',
  reason: 'reason',
  mute: 'mute',
  suggestPicked: 'suggestPicked',
  suggestName: 'suggestName',
  note: 'note',
} as const;
