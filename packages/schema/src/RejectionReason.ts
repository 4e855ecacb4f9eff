/**
 * A reason an application can be rejected for (`ats/rejection_reasons`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { DecisionMaker } from "./Enums.js"
import { CompanyId, RejectionReasonId } from "./Ids.js"
import { model, nullTolerant } from "./internal/fields.js"
import { Timestamp } from "./Timestamp.js"

/**
 * A rejection reason. Decodes what the API sends (see the package README for the null, id, enum
 * and timestamp rules).
 *
 * @since 0.1.0
 */
export class RejectionReason extends Schema.Class<RejectionReason>("@effect-factorial/schema/RejectionReason")({
  /** Id of the reason. */
  id: RejectionReasonId,
  /** Id of the company. */
  company_id: CompanyId,
  /** Whether the company or the candidate made the decision. */
  decision_maker: nullTolerant(DecisionMaker),
  /** Text of the reason. */
  reason: nullTolerant(Schema.String),
  /** When the reason was created. */
  created_at: nullTolerant(Timestamp),
  /** When the reason was last changed. */
  updated_at: nullTolerant(Timestamp)
}, model("A reason an application can be rejected for.")) {}
