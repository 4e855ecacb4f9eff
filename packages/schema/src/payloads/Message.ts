/**
 * Request body for sending a message in an application's conversation (`POST ats/messages`), and
 * the multipart form it travels as.
 *
 * @since 0.1.0
 */
import type { LazyArbitrary } from "effect/Arbitrary"
import * as Schema from "effect/Schema"
import { ApplicationId, SenderId } from "../Ids.js"
import { Timestamp } from "../Timestamp.js"
import { closed, optionalField, outbound, type Outbound } from "../internal/fields.js"

/** Who sends the message; closed, as in the spec's request body. */
const SenderType = closed(Schema.Literal("candidate", "user")).annotations({
  identifier: "SenderType",
  description: "Kind of sender: candidate or user."
})

/** Property tests get small text files. */
const attachmentArbitrary = (): LazyArbitrary<Blob> => (fc) =>
  fc.string({ maxLength: 16 }).map((text) => new File([text], "attachment.txt", { type: "text/plain" }))

/**
 * A file to attach: any `Blob`. A `File` keeps its name in the upload.
 *
 * @since 0.1.0
 */
export const Attachment = Schema.instanceOf(Blob, {
  identifier: "Attachment",
  description: "A file to attach (a Blob; a File keeps its name).",
  arbitrary: attachmentArbitrary
})

/**
 * The form field every attachment is sent under.
 *
 * @since 0.1.0
 */
export const attachmentsFormField = "attachments[]"

const CreateMessageStruct = Schema.Struct({
  /** Body of the message. */
  content: Schema.String,
  /** Id of the sender; `sent_by_type` says whether it is a candidate or a user. */
  sent_by_id: SenderId,
  /** Kind of sender: `candidate` or `user`. */
  sent_by_type: SenderType,
  /** Id of the application whose conversation the message joins. */
  ats_application_id: ApplicationId,
  /** Files to attach, sent as repeated `attachments[]` parts. */
  attachments: Schema.Array(Attachment),
  /** Subject of the message. */
  topic: Schema.String,
  /** Whether to send it from the company's corporate email address. */
  send_as_corporate_email: Schema.Boolean,
  /** When to send the message, to schedule it for later. */
  delayed_until: optionalField(Timestamp)
}).annotations(outbound("CreateMessage", "Body of POST ats/messages (multipart form)."))

/**
 * The value `CreateMessage` accepts.
 *
 * @since 0.1.0
 */
export interface CreateMessage extends Schema.Schema.Type<typeof CreateMessageStruct> {}

/**
 * Body of `POST ats/messages`, sent as `multipart/form-data` (build it with `createMessageFormData`).
 * Every field but `delayed_until` is required; `attachments` may be an empty array.
 *
 * @example
 * ```ts
 * import { ApplicationId, CreateMessage, createMessageFormData, SenderId } from "@effect-factorial/schema"
 *
 * const message: CreateMessage = {
 *   content: "Thanks for applying!",
 *   topic: "Your application",
 *   sent_by_id: SenderId.make("9"),
 *   sent_by_type: "user",
 *   ats_application_id: ApplicationId.make("42"),
 *   send_as_corporate_email: false,
 *   attachments: [new File(["..."], "offer.pdf", { type: "application/pdf" })]
 * }
 * const form: FormData = createMessageFormData(message)
 * ```
 *
 * @since 0.1.0
 */
export const CreateMessage: Outbound<typeof CreateMessageStruct, CreateMessage> = CreateMessageStruct

const encodeCreateMessage = Schema.encodeSync(CreateMessage)

/**
 * Builds the multipart body of `POST ats/messages`: every field under its API name as text (ids as
 * digits, booleans as `"true"` / `"false"`, `delayed_until` in ISO-8601), and each attachment as a
 * file part named `attachments[]`. Pure: it reads nothing but its argument.
 *
 * The payload goes through `CreateMessage` first, so the text matches the JSON encoding exactly;
 * an invalid payload throws that `ParseError` (encode with the schema beforehand for a typed error).
 *
 * @since 0.1.0
 */
export const createMessageFormData = (payload: CreateMessage): FormData => {
  const { attachments, ...fields } = encodeCreateMessage(payload)
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, String(value))
  }
  // A File part keeps the File's name; FormData names a bare Blob part "blob".
  for (const file of attachments) form.append(attachmentsFormField, file)
  return form
}
