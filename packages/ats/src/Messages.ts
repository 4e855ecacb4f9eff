/**
 * Messages exchanged with candidates.
 *
 * @since 0.1.0
 */
import { CreateMessage, createMessageFormData, ListMessagesParams, Message, MessageId } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `messages` resource.
 *
 * @since 0.1.0
 */
const messageResource = Resource.define({
  name: "Messages",
  path: "messages",
  model: Message,
  id: MessageId,
  listParams: ListMessagesParams,
  create: CreateMessage,
  createFormData: createMessageFormData
})

/**
 * Messages exchanged with candidates.
 *
 * @example
 * ```ts
 * import { Messages } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(Messages, (service) => service.list({ last_per_conversation: true, limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class Messages extends Resource.Tag(messageResource)<Messages>() {}
