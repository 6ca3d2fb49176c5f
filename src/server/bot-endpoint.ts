/**
 * `POST /api/messages`: where the Bot Connector (or the Agents Playground) delivers activities.
 *
 * @remarks
 * The request is checked before the adapter sees it: a missing token is refused at once when bot
 * authentication is on, and the body must look like an activity with a tenant. Any authentication
 * failure, including the ones botbuilder reports as plain errors, is answered 401.
 */
import type { Activity } from 'botbuilder';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { sendProblem } from '../api/problem';
import type { SpotterBot } from '../../bot/app';
import type { Logger } from '../logging/logger';

const id = z.string().min(1).max(512);

/**
 * An entity as botbuilder reads it: stripping the bot's @mention calls `type.toLowerCase()` on
 * every entity and reads `mentioned.id` of every mention, and throws on anything else.
 */
const entity = z
  .object({ type: z.string().max(128) })
  .passthrough()
  .refine(
    (value) =>
      value.type.toLowerCase() !== 'mention' ||
      (typeof value['mentioned'] === 'object' && value['mentioned'] !== null),
    { message: 'a mention must name who is mentioned', path: ['mentioned'] },
  );

const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    from: z.object({ id, name: z.string().max(512).optional() }).passthrough(),
    recipient: z.object({ id }).passthrough(),
    conversation: z.object({ id, tenantId: z.string().max(128).optional() }).passthrough(),
    text: z.string().max(28_000).optional(),
    entities: z.array(entity).max(256).optional(),
    channelData: z.record(z.unknown()).optional(),
  })
  .passthrough()
  .refine(
    (activity) =>
      activity.conversation.tenantId !== undefined ||
      typeof (activity.channelData?.['tenant'] as { id?: unknown } | undefined)?.id === 'string',
    { message: 'the activity names no tenant', path: ['conversation', 'tenantId'] },
  )
  // teams-ai reads the verb from a message's value whenever it is an object, and null is one.
  .refine((activity) => activity.type !== 'message' || activity['value'] !== null, {
    message: 'a message’s value must not be null',
    path: ['value'],
  });

/** Options of the bot endpoint. */
export interface BotEndpointOptions {
  /** The bot that processes activities. */
  readonly bot: SpotterBot;
  /** True when bot credentials are configured and every activity must carry a token. */
  readonly authenticationRequired: boolean;
  /** Request logger. */
  readonly logger: Logger;
}

/** Creates the Express handler of `POST /api/messages`. */
export function botEndpoint(options: BotEndpointOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const authorization = req.get('authorization') ?? '';
    if (options.authenticationRequired && authorization.length === 0) {
      sendProblem(res, 401, 'Activities must carry a Bot Framework token.');
      return;
    }
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      sendProblem(
        res,
        400,
        `Not a valid activity: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim(),
      );
      return;
    }
    try {
      const outcome = await options.bot.handle(authorization, parsed.data as unknown as Activity);
      if (outcome.kind === 'unauthorized') {
        sendProblem(res, 401, 'The Bot Framework token was not accepted.');
        return;
      }
      const invoke = outcome.invokeResponse;
      if (invoke) {
        res.status(invoke.status);
        // Written directly: Express's `res.json` would hash the body for an ETag nobody reads.
        if (invoke.body !== undefined) {
          res.type('application/json').end(JSON.stringify(invoke.body));
        } else res.end();
        return;
      }
      res.status(200).end();
    } catch (error) {
      options.logger.error(
        {
          err: error instanceof Error ? { name: error.name, message: error.message } : error,
          correlationId: parsed.data.id,
        },
        'activity failed',
      );
      sendProblem(res, 503, 'The activity could not be processed right now; try again shortly.');
    }
  };
}
