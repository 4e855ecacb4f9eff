/**
 * A message in the conversation of an application (`ats/messages`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ConversationId, MessageId, SenderId } from "./Ids.js"
import { FreeFormArray, optional, required } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A message. Decodes what the API sends (see the package README for the null, id, enum and
 * timestamp rules). The spec gives no descriptions for this model.
 *
 * @since 0.1.0
 */
export class Message extends Schema.Class<Message>("@effect-factorial/schema/Message")({
  /** Id of the message. */
  id: required(MessageId, "Id of the message."),
  /** Body of the message. */
  content: required(Schema.String, "Body of the message."),
  /** Id of the conversation the message belongs to. */
  ats_conversation_id: required(ConversationId, "Id of the conversation the message belongs to."),
  /** Id of the sender; `sent_by_type` tells whether it is a candidate or a user. */
  sent_by_id: required(SenderId, "Id of the sender."),
  /** Kind of sender (`candidate` or `user` in requests; free text in responses). */
  sent_by_type: required(Schema.String, "Kind of sender, e.g. candidate or user."),
  /** When the message was created. */
  created_at: required(Timestamp, "When the message was created."),
  /** Files attached to the message (shape not specified). */
  attachments: required(FreeFormArray, "Files attached to the message (shape not specified)."),
  /** Subject of the message. */
  topic: required(Schema.String, "Subject of the message."),
  /** When a scheduled message is due to go out. */
  delayed_until: optional(Timestamp, "When a scheduled message is due to go out."),
  /** When the message was sent. */
  sent_at: optional(Timestamp, "When the message was sent."),
  /** When the message was delivered. */
  delivered_at: optional(Timestamp, "When the message was delivered."),
  /** When the recipient opened the message. */
  opened_at: optional(Timestamp, "When the recipient opened the message."),
  /** When delivery last failed. */
  last_error_at: optional(Timestamp, "When delivery last failed.")
}, {
  description: "A message in the conversation of an application."
}) {}
