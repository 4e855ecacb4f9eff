/**
 * Open positions, published or not.
 *
 * @since 0.1.0
 */
import { CreateJobPosting, DuplicateJobPosting, JobPosting, JobPostingId, ListJobPostingsParams, UpdateJobPosting } from "@effect-factorial/schema"
import * as Resource from "./Resource.js"

/** The description every derived piece comes from (reached as `JobPostings.definition`). */
const definition = Resource.define({
  name: "JobPostings",
  path: "job_postings",
  model: JobPosting,
  id: JobPostingId,
  listParams: ListJobPostingsParams,
  operations: {
    ...Resource.reads,
    create: Resource.Op.create(CreateJobPosting),
    update: Resource.Op.update(UpdateJobPosting),
    delete: Resource.Op.delete,
    duplicate: Resource.Op.action("duplicate", DuplicateJobPosting)
  }
})

/**
 * The operations of `JobPostings`.
 *
 * @since 0.2.0
 */
export interface JobPostingsService extends Resource.Service<typeof definition> {}

/**
 * Open positions, published or not.
 *
 * @example
 * ```ts
 * import { JobPostings } from "@effect-factorial/ats"
 * import * as Effect from "effect/Effect"
 *
 * const firstPage = Effect.flatMap(JobPostings, (service) => service.list({ limit: 10 }))
 * ```
 *
 * @since 0.1.0
 */
export class JobPostings extends Resource.Tag(definition)<JobPostings, JobPostingsService>() {}
