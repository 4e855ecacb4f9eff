/**
 * Messages exchanged with candidates.
 *
 * @since 0.1.0
 */
import { CreateMessage, createMessageFormData, ListMessagesParams, Message, MessageId } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `Messages.definition`). */
const definition = Resource.define({
  name: "Messages",
  path: "messages",
  model: Message,
  id: MessageId,
  listParams: ListMessagesParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateMessage, { formData: createMessageFormData })
  }
})

/**
 * The operations of `Messages`.
 *
 * @since 0.2.0
 */
export interface MessagesService extends Resource.Service<typeof definition> {}

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
export class Messages extends Resource.Tag(definition)<Messages, MessagesService>() {}
