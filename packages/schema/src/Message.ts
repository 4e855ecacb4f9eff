/**
 * A message in the conversation of an application (`ats/messages`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ConversationId, MessageId, SenderId } from "./Ids.js"
import { FreeFormArray, model, nullTolerant, optional } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A message. Decodes what the API sends (see the package README for the null, id, enum and
 * timestamp rules). The spec gives no descriptions for this model.
 *
 * @since 0.1.0
 */
export class Message extends Schema.Class<Message>("@effect-factorial/schema/Message")({
  /** Id of the message. */
  id: MessageId,
  /** Body of the message. */
  content: nullTolerant(Schema.String),
  /** Id of the conversation the message belongs to. */
  ats_conversation_id: ConversationId,
  /** Id of the sender; `sent_by_type` tells whether it is a candidate or a user. */
  sent_by_id: SenderId,
  /** Kind of sender (`candidate` or `user` in requests; free text in responses). */
  sent_by_type: nullTolerant(Schema.String),
  /** When the message was created. */
  created_at: nullTolerant(Timestamp),
  /** Files attached to the message (shape not specified). */
  attachments: nullTolerant(FreeFormArray),
  /** Subject of the message. */
  topic: nullTolerant(Schema.String),
  /** When a scheduled message is due to go out. */
  delayed_until: optional(Timestamp),
  /** When the message was sent. */
  sent_at: optional(Timestamp),
  /** When the message was delivered. */
  delivered_at: optional(Timestamp),
  /** When the recipient opened the message. */
  opened_at: optional(Timestamp),
  /** When delivery last failed. */
  last_error_at: optional(Timestamp)
}, model("A message in the conversation of an application.")) {}
