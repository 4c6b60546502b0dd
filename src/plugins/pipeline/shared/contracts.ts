import type { ErasureStatus } from '../../../shared/erasure';

export type { ErasureStatus };

/**
 * Payloads of the pipeline's admin routes, shared by the admin pages (the server builds them
 * from the same domain types: server/src/domain/workflow.ts and chain.ts).
 */
export interface ChecklistItem {
  key: string;
  label: string;
  required: boolean;
}

export interface Stage {
  key: string;
  label: string;
  color: string;
  position: number;
  terminal: boolean;
  checklist: ChecklistItem[];
  enterRoles: string[];
  /** A skill key (volunteers' catalogue): recording this stage's checklist and moving a record out of it need it. */
  requiredSkill?: string | null;
}

/**
 * Qualified actions (docs/volunteers.md): the skill an action needs, and who is exempt from it.
 * Null (a workflow saved before volunteers existed): the defaults, DEFAULT_QUALIFICATIONS.
 */
export interface Qualifications {
  /** Recording an erasure result (`POST …/erasures`, nwipe log): the skill key, or null for none. */
  erasure: string | null;
  /** Exempt from every required skill: `strapi-super-admin`, role codes, `api-token` (src/shared/skills.ts). */
  exempt: string[];
}

export interface Transition {
  from: string;
  to: string;
  actions: Array<{ type: string; options?: Record<string, unknown> }>;
}

export interface Workflow {
  key: 'machines' | 'prescriptions';
  name: string;
  contentType: string;
  stages: Stage[];
  transitions: Transition[];
  qualifications: Qualifications;
}

/** GET /pipeline/board/:key */
export interface Board {
  workflow: { key: string; name: string };
  columns: Array<Stage & { count: number }>;
  waitingLongest: Array<{ documentId: string; stage: string; label: string; since: string }>;
  bottleneck: string | null;
  total: number;
  /** Machines only: units at Prête, Réservée or Remise whose erasure status says "not released". */
  erasureGaps: { checked: number; count: number; units: Array<{ documentId: string; label: string; stage: string; reason: string }> } | null;
}

export interface PipelineEvent {
  id: number;
  seq: number;
  kind: 'created' | 'transition' | 'erasure' | 'checklist' | 'part_fitted' | 'note' | 'device_added' | 'device_updated' | 'device_removed' | 'no_storage_attested' | 'transfer';
  fromStage: string | null;
  toStage: string | null;
  actorType: string;
  actorName: string | null;
  at: string;
  details: Record<string, unknown>;
  hash: string;
}

export type ChainReport =
  | { valid: true; events: number }
  | {
      valid: false;
      events: number;
      brokenAt: number;
      reason: string;
      /** The record's stage is not where its last recorded move led (it was changed without an event). */
      stageMismatch?: { current: string | null; recorded: string | null };
    };

/** A move out of the record's stage, as this user may make it or not (and then why, in French). */
export interface MoveOffer {
  stage: Stage;
  allowed: boolean;
  reason: string | null;
  /** The move takes a unit with it (a prescription's reservation): the page asks which one. */
  needsMachine: boolean;
}

/** GET /pipeline/records/:workflow/:documentId */
export interface RecordState {
  documentId: string;
  stage: Stage | null;
  /** The workflow's moves out of this stage, whoever asks. */
  nextStages: Stage[];
  /** The same moves, each with whether the user asking may make it: what the admin offers. */
  moves: MoveOffer[];
  events: PipelineEvent[];
  chain: ChainReport;
}

/** GET /pipeline/machines/by-label/:labelCode */
export interface StationMachine {
  documentId: string;
  labelCode: string;
  type: string;
  brand: string | null;
  model: string | null;
  serialNumber: string | null;
  cpu: string | null;
  ramGb: number | null;
  donor: string | null;
  donation: string | null;
  stage: Stage | null;
  nextStages: Stage[];
  moves: MoveOffer[];
  /** The one erasure status: each device with what became of it, released or not, why. */
  erasure: ErasureStatus;
  /** Whether the volunteer at the bench (else the account) may record an erasure result, else why not (French). */
  erasureOffer: { allowed: boolean; reason: string | null };
}

/** The volunteer identified at the bench on this account (docs/volunteers.md, « Qui est au poste »). */
export interface StationOperator {
  volunteer: string;
  name: string;
}

/** GET /pipeline/station/operator. */
export interface StationOperatorState {
  operator: StationOperator | null;
  /** The account's own name: « poste : compte Atelier ». */
  account: string;
  /** Volunteers in the team with a PIN: the names the PIN dialog offers. */
  volunteers: Array<{ documentId: string; name: string }>;
}

/** One open presence at the station (GET /pipeline/presences/current). */
export interface StationPresence {
  presence: string;
  volunteer: string;
  name: string;
  /** ISO instant of the arrival. */
  signedInAt: string;
  /** Brest day of the arrival (YYYY-MM-DD). */
  day: string;
}

/** GET /pipeline/presences/current: who is here, forgotten sign-outs, whom one may sign in. */
export interface StationPresences {
  present: StationPresence[];
  toRegularise: StationPresence[];
  /** The team (welcomed, not gone): names only. */
  team: Array<{ documentId: string; name: string }>;
}

/** Error body of a refused move (409). */
export interface MoveRefusal {
  status: 409;
  name: 'ConflictError';
  message: string;
  details: { rule: string; currentStage: string };
}

/** GET /pipeline/home: the home page's « Ma journée au poste ». */
export interface HomeSummary {
  /** The workshop's calendar day (Europe/Paris). */
  today: string;
  /** What the user asking recorded today: events by kind, units handled, the latest ones. */
  myDay: {
    events: Partial<Record<PipelineEvent['kind'], number>>;
    units: number;
    recent: Array<{ documentId: string; labelCode: string; stage: string | null; at: string }>;
  };
}


/** One person on the « Bénévoles » page (GET /pipeline/team). */
export interface TeamMember {
  documentId: string;
  name: string;
  membership: 'candidate' | 'active' | 'left';
  startDate: string | null;
  endDate: string | null;
  consentDate: string | null;
  availability: string | null;
  /** The newest grant of each skill they hold, with how it stands today (Europe/Paris). */
  skills: Array<{ grantDocumentId: string; key: string; name: string; grantedOn: string | null; expiresOn: string | null; tone: 'expired' | 'expiring' | 'valid' | 'future' }>;
  lastTraining: { documentId: string; date: string } | null;
}

export interface TeamBoard {
  today: string;
  candidates: TeamMember[];
  active: TeamMember[];
  left: TeamMember[];
}
