/** The Teams deep link to a person's 1:1 chat with Spotter's bot (where help-request cards arrive). */
export function botChatUrl(botId: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botId)}`;
}
