/**
 * Messages: a new message joins the conversation of its application; `last_per_conversation=true` keeps only the
 * newest message of each conversation.
 */
import * as Effect from "effect/Effect"
import { unprocessable } from "../apiError.js"
import type { Row } from "../table.js"
import type { Semantics } from "./Semantics.js"

export const messages: Semantics = {
  requiredQuery: ["last_per_conversation"],
  create: (payload, ctx) => {
    const application = ctx.state.get("applications", String(payload.ats_application_id))
    if (application === undefined) return Effect.fail(unprocessable({ ats_application_id: ["does not exist"] }))
    // Files are stored as what the API lists for them: name, type and size.
    const attachments = (Array.isArray(payload.attachments) ? payload.attachments : []).map((file: unknown) =>
      file instanceof Blob
        ? { filename: file instanceof File ? file.name : "blob", content_type: file.type, byte_size: file.size }
        : file
    )
    return Effect.succeed({
      ats_conversation_id: application.ats_conversation_id ?? application.id,
      attachments,
      sent_at: payload.delayed_until ? null : ctx.now,
      delivered_at: null,
      opened_at: null,
      last_error_at: null
    })
  },
  filters: {
    last_per_conversation: (value, ctx) => {
      if (value !== true) return () => true
      const last = new Map<string, Row>()
      for (const row of ctx.state.scan("messages")) last.set(String(row.ats_conversation_id), row)
      const ids = new Set<unknown>([...last.values()].map((row) => row.id))
      return (row) => ids.has(row.id)
    }
  }
}
