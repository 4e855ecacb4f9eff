/**
 * Reasons an application can be rejected with.
 *
 * @since 0.1.0
 */
import { ListRejectionReasonsParams, RejectionReason, RejectionReasonId } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/**
 * The `rejection_reasons` resource.
 *
 * @since 0.1.0
 */
const rejectionReasonResource = Resource.define({
  name: "RejectionReasons",
  path: "rejection_reasons",
  model: RejectionReason,
  id: RejectionReasonId,
  listParams: ListRejectionReasonsParams
})

/**
 * Reasons an application can be rejected with.
 *
 * @example
 * ```ts
 * import { RejectionReasons } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(RejectionReasons, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class RejectionReasons extends Resource.Tag(rejectionReasonResource)<RejectionReasons>() {}
