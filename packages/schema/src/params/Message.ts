/**
 * Query parameters of `GET ats/messages`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ConversationId, MessageId } from "../Ids.js"
import { optionalField, outbound, type Outbound } from "../internal/fields.js"
import { PageParams } from "./PageParams.js"

const ListMessagesParamsStruct = Schema.Struct({
  /** Only this message. */
  id: optionalField(MessageId),
  /** Only these messages. */
  ids: optionalField(Schema.Array(MessageId)),
  /** Only messages of this conversation. */
  ats_conversation_id: optionalField(ConversationId),
  /** Only messages of these conversations. */
  ats_conversation_ids: optionalField(Schema.Array(ConversationId)),
  /** Required by the API: `true` returns only the latest message of each conversation. */
  last_per_conversation: Schema.Boolean,
  ...PageParams.fields
}).annotations(outbound("ListMessagesParams", "Query parameters of GET ats/messages."))

/**
 * The value `ListMessagesParams` accepts.
 *
 * @since 0.1.0
 */
export interface ListMessagesParams extends Schema.Schema.Type<typeof ListMessagesParamsStruct> {}

/**
 * Filters of `GET ats/messages` (exactly the spec's) plus the `PageParams`: which messages to list.
 * `last_per_conversation` is required: the API refuses the call without it.
 * Array filters are named without the `[]` of the API's parameter names; the core client sends an
 * array as repeated `name[]=value` pairs. Filters left out (or `undefined`) are not sent.
 *
 * @since 0.1.0
 */
export const ListMessagesParams: Outbound<typeof ListMessagesParamsStruct, ListMessagesParams> = ListMessagesParamsStruct
