/** Word pools the seed draws from, so the fake company reads like a real one. */

export const firstNames = [
  "Ana", "Lucia", "Marc", "Jordi", "Laura", "Pablo", "Marta", "David", "Sara", "Javier", "Elena", "Carlos",
  "Paula", "Daniel", "Julia", "Sergio", "Claudia", "Alejandro", "Nuria", "Hugo", "Irene", "Adrian", "Alba",
  "Mateo", "Carmen", "Oriol", "Noa", "Victor", "Emma", "Ivan", "Sofia", "Raul", "Clara", "Mario", "Ines",
  "Lena", "Jonas", "Amelie", "Luca", "Giulia", "Chloe", "Louis", "Olivia", "James", "Priya", "Wei", "Amara"
] as const

export const lastNames = [
  "Garcia", "Martinez", "Lopez", "Sanchez", "Perez", "Gomez", "Fernandez", "Ruiz", "Diaz", "Moreno", "Alvarez",
  "Romero", "Navarro", "Torres", "Dominguez", "Vazquez", "Ramos", "Gil", "Serrano", "Molina", "Blanco", "Castro",
  "Ortega", "Rubio", "Marin", "Sanz", "Iglesias", "Nunez", "Medina", "Garrido", "Puig", "Ferrer", "Vidal",
  "Muller", "Schmidt", "Rossi", "Bianchi", "Dubois", "Martin", "Smith", "Johnson", "Silva", "Santos", "Costa"
] as const

export const jobTitles = [
  ["Backend Engineer", "engineering"], ["Frontend Engineer", "engineering"], ["Data Engineer", "engineering"],
  ["Site Reliability Engineer", "it"], ["IT Support Specialist", "it"], ["Product Designer", "design_and_architecture"],
  ["Account Executive", "sales"], ["Sales Development Representative", "sales"], ["Customer Success Manager", "sales"],
  ["Marketing Manager", "marketing_and_communication"], ["Content Writer", "marketing_and_communication"],
  ["HR Business Partner", "hr"], ["Talent Acquisition Specialist", "hr"], ["Financial Controller", "finance"],
  ["Accountant", "finance"], ["Legal Counsel", "legal"], ["Operations Analyst", "management_and_consulting"],
  ["Office Manager", "administration_and_secretariat"], ["Logistics Coordinator", "purchasing_materials_administration_and_logistics"],
  ["Data Scientist", "sciences_and_research"]
] as const

export const seniorities = ["Junior", "", "Senior", "Staff", "Lead"] as const

export const cities = ["Barcelona", "Madrid", "Valencia", "Lisbon", "Berlin", "Paris", "Milan", "Remote"] as const

/** The company-wide hiring stages, in pipeline order. */
export const hiringStages = [
  ["new", "New"], ["screening", "Screening"], ["interview", "Interview"], ["assessment", "Assessment"],
  ["offer", "Offer"], ["hired", "Hired"]
] as const

/** The phases every seeded job posting has: name, phase type, index of its hiring stage. */
export const phases = [
  ["New", "initial", 0], ["Phone screen", "screening", 1], ["Interview", "interview", 2], ["Offer", "offer", 4],
  ["Hired", "hired", 5]
] as const

/** How likely an application is to sit in each phase (sums to 1). */
export const phaseWeights = [0.42, 0.24, 0.18, 0.1, 0.06] as const

export const candidateSources = [
  ["job_board", "linkedin", "LinkedIn"], ["job_board", "indeed", "Indeed"], ["referral", "referral", "Referral"],
  ["agency_or_external_recruiter", "agency", "Recruitment agency"], ["social_media", "twitter", "Twitter"],
  ["event", "career_fair", "Career fair"], ["organic", "careers_page", "Careers page"],
  ["manually_added", "manually_added", "Manually added"]
] as const

export const rejectionReasons = [
  ["company", "Unfit for the role"], ["company", "Not enough experience"], ["company", "Salary expectations too high"],
  ["company", "Position filled"], ["candidate", "Accepted another offer"], ["candidate", "Withdrew application"]
] as const

export const questions = [
  ["Are you open to relocate?", "single_choice"], ["Why do you want to join us?", "long_text"]
] as const

export const messageTopics = ["Your application", "Interview scheduling", "Next steps"] as const
