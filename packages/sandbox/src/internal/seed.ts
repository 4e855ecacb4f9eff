/**
 * The seed company, computed rather than stored.
 *
 * Every seeded record is a pure function of `(seed, slot)` plus a few typed arrays filled once (which candidate an
 * application belongs to, where each candidate's applications start). Building a company of a million candidates
 * therefore takes one pass over typed arrays and a few megabytes; records are materialised when a request reads
 * them. References are consistent by construction: an application's phase belongs to its job posting, an answer's
 * question to the same posting, a feedback's candidate is the application's candidate, and so on.
 */
import * as Names from "./names.js"
import { pick, unit } from "./prng.js"
import type { BaseRows } from "./table.js"

/** What the seed needs to know. */
export interface SeedConfig {
  readonly seed: number
  readonly candidates: number
  readonly jobPostings: number
  /** The instant the company is "now" (ISO), so timestamps do not depend on the wall clock. */
  readonly now: string
  /** The id of slot 0 in every table. */
  readonly firstId: bigint
}

/** The seeded tables, keyed by resource path, and the company they belong to. */
export interface SeedCompany {
  readonly companyId: string
  readonly atsCompanyId: string
  readonly tables: Readonly<Record<string, BaseRows>>
}

// Independent random streams, so that changing how one field is drawn does not reshuffle the others.
const S = {
  firstName: 1, lastName: 2, talentPool: 3, phone: 4, gender: 5, source: 6, score: 7, url: 8, apps: 9,
  posting: 10, postingStep: 11, phase: 12, rejected: 13, reason: 14, rating: 15, title: 16, seniority: 17,
  city: 18, status: 19, contract: 20, salary: 21, answer: 22, consent: 23, workplace: 24
} as const

const DAY = 86_400_000
const PHASES = Names.phases.length
const QUESTIONS = Names.questions.length
const TEMPLATES = 2
const MESSAGES_PER_APPLICATION = 2
const FEEDBACK_EVERY = 3

const postingStatuses = ["published", "published", "published", "unlisted", "draft", "archived"] as const
const contractTypes = ["indefinite", "indefinite", "temporary", "intern", "freelance"] as const
const genders = ["female", "male", "unanswered", "other"] as const

/** Builds the seed company. */
export const generate = (config: SeedConfig): SeedCompany => {
  const { firstId, seed } = config
  const N = Math.max(0, Math.floor(config.candidates))
  const P = Math.max(1, Math.floor(config.jobPostings))
  const now = Date.parse(config.now)
  const id = (slot: number) => (firstId + BigInt(slot)).toString()
  const iso = (millis: number) => new Date(millis).toISOString()
  const companyId = id(0)
  const atsCompanyId = id(1)

  // Applications: one or two per candidate, to distinct postings when there are two.
  const appStart = new Uint32Array(N + 1)
  for (let c = 0; c < N; c++) {
    appStart[c + 1] = appStart[c]! + (P > 1 && unit(seed, S.apps, c) < 0.3 ? 2 : 1)
  }
  const A = appStart[N]!
  const appCandidate = new Uint32Array(A)
  for (let c = 0; c < N; c++) {
    for (let a = appStart[c]!; a < appStart[c + 1]!; a++) appCandidate[a] = c
  }
  const postingOfApp = (a: number): number => {
    const c = appCandidate[a]!
    const k = a - appStart[c]!
    return (pick(seed, S.posting, c, P) + k * (1 + pick(seed, S.postingStep, c, Math.max(1, P - 1)))) % P
  }
  const phaseIndexOfApp = (a: number): number => {
    let r = unit(seed, S.phase, a)
    for (let k = 0; k < PHASES; k++) {
      r -= Names.phaseWeights[k]!
      if (r < 0) return k
    }
    return PHASES - 1
  }
  const rejected = (a: number) => phaseIndexOfApp(a) < 3 && unit(seed, S.rejected, a) < 0.2

  // Applications counted per phase, for `applications_count` on phases.
  const phaseCount = new Uint32Array(P * PHASES)
  const phaseActive = new Uint32Array(P * PHASES)
  for (let a = 0; a < A; a++) {
    const slot = postingOfApp(a) * PHASES + phaseIndexOfApp(a)
    phaseCount[slot]!++
    if (!rejected(a)) phaseActive[slot]!++
  }

  // Timestamps grow with ids: the company has been recruiting for about a year.
  const span = 365 * DAY
  const candidateCreated = (c: number) => now - span + Math.floor(((c + 1) / (N + 1)) * span * 0.98)
  const postingCreated = (p: number) => now - span - (P - p) * DAY
  const appCreated = (a: number) => candidateCreated(appCandidate[a]!) + (a - appStart[appCandidate[a]!]!) * 3_600_000

  const candidateName = (c: number) => {
    const first = Names.firstNames[pick(seed, S.firstName, c, Names.firstNames.length)]!
    const last = Names.lastNames[pick(seed, S.lastName, c, Names.lastNames.length)]!
    return [first, last] as const
  }

  const hiringStages: BaseRows = {
    count: Names.hiringStages.length,
    row: (s) => ({
      id: id(s),
      name: Names.hiringStages[s]![0],
      label: Names.hiringStages[s]![1],
      company_id: companyId,
      position: s + 1
    })
  }

  const candidateSources: BaseRows = {
    count: Names.candidateSources.length,
    row: (s) => ({
      id: id(s),
      company_id: companyId,
      category: Names.candidateSources[s]![0],
      name: Names.candidateSources[s]![1],
      label: Names.candidateSources[s]![2]
    })
  }

  const rejectionReasons: BaseRows = {
    count: Names.rejectionReasons.length,
    row: (s) => ({
      id: id(s),
      company_id: companyId,
      decision_maker: Names.rejectionReasons[s]![0],
      reason: Names.rejectionReasons[s]![1],
      created_at: iso(now - 2 * span),
      updated_at: iso(now - 2 * span)
    })
  }

  const jobPostings: BaseRows = {
    count: P,
    row: (p) => {
      const [title, category] = Names.jobTitles[pick(seed, S.title, p, Names.jobTitles.length)]!
      const seniority = Names.seniorities[pick(seed, S.seniority, p, Names.seniorities.length)]!
      const city = Names.cities[pick(seed, S.city, p, Names.cities.length)]!
      const status = postingStatuses[pick(seed, S.status, p, postingStatuses.length)]!
      const remote = city === "Remote"
      const from = 25_000 + pick(seed, S.salary, p, 50) * 1_000
      const created = postingCreated(p)
      const published = status === "published" || status === "unlisted" || status === "archived"
      const fullTitle = seniority === "" ? title : `${seniority} ${title}`
      return {
        id: id(p),
        company_id: companyId,
        ats_company_id: atsCompanyId,
        title: fullTitle,
        description: `Join our ${city} team as ${fullTitle}.`,
        contract_type: contractTypes[pick(seed, S.contract, p, contractTypes.length)]!,
        category,
        workplace_type: remote ? "remote" : (unit(seed, S.workplace, p) < 0.4 ? "hybrid" : "onsite"),
        remote,
        status,
        schedule_type: "full_time",
        team_id: id(1 + (p % 7)),
        location_id: id(1 + Names.cities.indexOf(city)),
        legal_entity_id: id(1),
        salary_format: "range",
        salary_from_amount_in_cents: from * 100,
        salary_to_amount_in_cents: (from + 15_000) * 100,
        hide_salary: false,
        cv_requirement: "mandatory",
        cover_letter_requirement: "optional",
        phone_requirement: "optional",
        photo_requirement: "do_not_ask",
        personal_url_requirement: "optional",
        preview_token: null,
        url: published ? `https://acme.factorialhr.com/job_posting/${fullTitle.toLowerCase().replace(/ /g, "-")}-${p + 1}` : null,
        salary_period: "annual",
        published_at: published ? iso(created + DAY) : null,
        created_at: iso(created)
      }
    }
  }

  const applicationPhases: BaseRows = {
    count: P * PHASES,
    row: (s) => {
      const p = Math.floor(s / PHASES)
      const k = s % PHASES
      const [name, phaseType, stage] = Names.phases[k]!
      return {
        id: id(s),
        ats_job_posting_id: id(p),
        name,
        position: k + 1,
        editable: k !== 0 && k !== PHASES - 1,
        phase_type: phaseType,
        applications_count: phaseCount[s]!,
        active_applications_count: phaseActive[s]!,
        ats_hiring_stage_id: id(stage)
      }
    }
  }

  const questions: BaseRows = {
    count: P * QUESTIONS,
    row: (s) => {
      const p = Math.floor(s / QUESTIONS)
      const [label, type] = Names.questions[s % QUESTIONS]!
      const created = iso(postingCreated(p))
      return {
        id: id(s),
        ats_job_posting_id: id(p),
        label,
        position: (s % QUESTIONS) + 1,
        mandatory: s % QUESTIONS === 0,
        auto_disqualify: false,
        question_type: type,
        created_at: created,
        updated_at: created,
        options: type === "single_choice"
          ? [{ text: "Yes", disqualifies: false }, { text: "No", disqualifies: false }]
          : null
      }
    }
  }

  const evaluationForms: BaseRows = {
    count: TEMPLATES + P,
    row: (s) => {
      const template = s < TEMPLATES
      const created = iso(template ? now - 2 * span : postingCreated(s - TEMPLATES))
      return {
        id: id(s),
        company_id: companyId,
        ats_job_posting_id: template ? null : id(s - TEMPLATES),
        name: template ? (s === 0 ? "Technical evaluation" : "Culture fit") : `Evaluation ${s - TEMPLATES + 1}`,
        based_on_id: template ? null : id(s % TEMPLATES),
        questions: [
          { id: 1, text: "Technical skills", description: "1 to 5" },
          { id: 2, text: "Communication", description: "1 to 5" }
        ],
        created_at: created,
        updated_at: created
      }
    }
  }

  const candidates: BaseRows = {
    count: N,
    row: (c) => {
      const [first, last] = candidateName(c)
      const created = iso(candidateCreated(c))
      const talentPool = unit(seed, S.talentPool, c) < 0.15
      const postingIds: Array<string> = []
      for (let a = appStart[c]!; a < appStart[c + 1]!; a++) postingIds.push(id(postingOfApp(a)))
      const consent = unit(seed, S.consent, c) < 0.7
      return {
        id: id(c),
        company_id: companyId,
        first_name: first,
        last_name: last,
        full_name: `${first} ${last}`,
        email: `${first}.${last}.${c + 1}@example.com`.toLowerCase(),
        talent_pool: talentPool,
        phone_number: unit(seed, S.phone, c) < 0.8 ? `+346${String(10_000_000 + pick(seed, S.phone, c, 89_999_999))}` : null,
        created_at: created,
        updated_at: created,
        consent_given_at: consent ? created : null,
        inactive_since: null,
        ats_job_posting_ids: postingIds,
        personal_url: unit(seed, S.url, c) < 0.2 ? `https://portfolio.example.com/${first}-${last}-${c + 1}`.toLowerCase() : null,
        consent_expiration_date: consent ? iso(candidateCreated(c) + 2 * span) : null,
        consent_to_talent_pool: talentPool,
        medium: null,
        source_id: id(pick(seed, S.source, c, Names.candidateSources.length)),
        gender: genders[pick(seed, S.gender, c, genders.length)]!,
        score: pick(seed, S.score, c, 11)
      }
    }
  }

  const applications: BaseRows = {
    count: A,
    row: (a) => {
      const c = appCandidate[a]!
      const p = postingOfApp(a)
      const isRejected = rejected(a)
      return {
        id: id(a),
        company_id: companyId,
        ats_job_posting_id: id(p),
        ats_candidate_id: id(c),
        employee_id: null,
        phone: null,
        qualified: !isRejected,
        ats_application_phase_id: id(p * PHASES + phaseIndexOfApp(a)),
        created_at: iso(appCreated(a)),
        cover_letter: a % 4 === 0 ? "I would love to join your team." : null,
        cv: null,
        ats_conversation_id: id(a),
        medium: null,
        rating_average: a % FEEDBACK_EVERY === 0 ? 1 + pick(seed, S.rating, a, 5) : null,
        ats_rejection_reason_id: isRejected ? id(pick(seed, S.reason, a, Names.rejectionReasons.length)) : null,
        source_id: id(pick(seed, S.source, c, Names.candidateSources.length))
      }
    }
  }

  const answers: BaseRows = {
    count: A * QUESTIONS,
    row: (s) => {
      const a = Math.floor(s / QUESTIONS)
      const q = s % QUESTIONS
      const [label, type] = Names.questions[q]!
      const created = iso(appCreated(a))
      return {
        id: id(s),
        ats_question_id: id(postingOfApp(a) * QUESTIONS + q),
        ats_application_id: id(a),
        original_question_label: label,
        value: type === "single_choice" ? (unit(seed, S.answer, s) < 0.6 ? "Yes" : "No") : "I like the product.",
        original_question_type: type,
        created_at: created,
        updated_at: created
      }
    }
  }

  const feedbacks: BaseRows = {
    count: Math.ceil(A / FEEDBACK_EVERY),
    row: (f) => {
      const a = f * FEEDBACK_EVERY
      const p = postingOfApp(a)
      const rating = 1 + pick(seed, S.rating, a, 5)
      return {
        id: id(f),
        rating,
        description: rating >= 4 ? "Strong candidate, good fit for the team." : "Not convinced yet.",
        ats_application_id: id(a),
        ats_application_phase_id: id(p * PHASES + phaseIndexOfApp(a)),
        created_at: iso(appCreated(a) + DAY),
        ats_candidate_id: id(appCandidate[a]!),
        ats_evaluation_forms_id: id(TEMPLATES + p),
        evaluation_form_answers: [{ id: 1, score: rating, note: "Technical skills" }]
      }
    }
  }

  const messages: BaseRows = {
    count: A * MESSAGES_PER_APPLICATION,
    row: (m) => {
      const a = Math.floor(m / MESSAGES_PER_APPLICATION)
      const fromCandidate = m % MESSAGES_PER_APPLICATION === 1
      const sent = iso(appCreated(a) + (m % MESSAGES_PER_APPLICATION + 1) * 7_200_000)
      return {
        id: id(m),
        content: fromCandidate ? "Thank you, I am available this week." : "Thanks for applying! Can we schedule a call?",
        ats_conversation_id: id(a),
        sent_by_id: fromCandidate ? id(appCandidate[a]!) : id(1),
        sent_by_type: fromCandidate ? "candidate" : "user",
        created_at: sent,
        attachments: [],
        topic: Names.messageTopics[a % Names.messageTopics.length]!,
        delayed_until: null,
        sent_at: sent,
        delivered_at: sent,
        opened_at: null,
        last_error_at: null
      }
    }
  }

  return {
    companyId,
    atsCompanyId,
    tables: {
      answers,
      applications,
      application_phases: applicationPhases,
      candidates,
      candidate_sources: candidateSources,
      evaluation_forms: evaluationForms,
      feedbacks,
      hiring_stages: hiringStages,
      job_postings: jobPostings,
      messages,
      questions,
      rejection_reasons: rejectionReasons
    }
  }
}
