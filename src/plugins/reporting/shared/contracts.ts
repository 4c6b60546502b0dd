/** Request and response shapes shared by the reporting routes and the admin pages. */

export type TerritoryKey = 'brest' | 'bmo';

/** A number and the content-manager list of the records behind it (null when no list shows them). */
export interface Figure {
  value: number;
  link: string | null;
}

export interface BilanParams {
  from: string;
  to: string;
  programme: string | null;
  territory: TerritoryKey | null;
  /** A workshop's documentId, `all` for the whole network (what the requester reaches), null or absent: the requester's workshops. */
  workshop?: string | null;
}

/** A workshop of the network, as a report names it. */
export interface WorkshopSummary {
  id: number;
  documentId: string;
  name: string;
  code: string | null;
}

/** The workshops a report covers: the whole network, or these ones. */
export interface CoveredWorkshops {
  network: boolean;
  workshops: Array<Omit<WorkshopSummary, 'id'>>;
}

/** One line of the « par atelier » table: a workshop's figures over the period (or the total). */
export interface WorkshopRow {
  /** null on the total line. */
  documentId: string | null;
  name: string;
  code: string | null;
  /** Units of donations collected in the period (as « Unités reçues »). */
  received: number;
  /** Units that entered « Prête » / « Remise » in the period (the history). */
  refurbished: number;
  handedOver: number;
  /** Units whose erasure certificate was issued in the period. */
  erasuresCertified: number;
  /** Households equipped in the period (a handover of the workshop's prescriptions). */
  households: number;
  /** Volunteers' closed presences in the period, and their value at the hourly rate. */
  minutes: number;
  hours: number;
  value: number;
}

/** The « par atelier » breakdown of a network view: one row per workshop, and the total (SQL, not the sum of the rows). */
export interface WorkshopBreakdown {
  from: string;
  to: string;
  rows: WorkshopRow[];
  total: WorkshopRow;
}

export interface ProgrammeSummary {
  documentId: string;
  name: string;
  funder: string;
  periodStart: string | null;
  periodEnd: string | null;
  targetPublic: string | null;
  territory: TerritoryKey | null;
}

export interface DonorRow {
  donorId: number | null;
  name: string;
  received: Figure;
  reused: Figure;
  handedOver: Figure;
  dismantled: Figure;
  recycled: Figure;
  inProgress: Figure;
}

export interface PrescriberRow {
  prescriberId: number | null;
  name: string;
  received: Figure;
  accepted: Figure;
  handedOver: Figure;
  pending: Figure;
}

export interface CommuneRow {
  commune: string;
  received: Figure;
  handedOver: Figure;
  pending: Figure;
}

export interface Bilan {
  params: BilanParams & { territoryLabel: string; communes: string[] | null };
  programme: ProgrammeSummary | null;
  computedAt: string;
  donors: DonorRow[];
  donorTotal: DonorRow;
  prescribers: PrescriberRow[];
  prescriberTotal: PrescriberRow;
  communes: CommuneRow[];
  households: { equipped: Figure; withCollegeChildren: Figure; collegeChildren: Figure };
  activity: { refurbished: Figure; handedOver: Figure; dismantled: Figure; recycled: Figure };
  outreach: { sent: Figure; answered: Figure };
  volunteers: VolunteerFigures;
  /** Units whose erasure certificate was issued in the period (no content-manager list). */
  erasures: { certified: Figure };
  /** The workshops the bilan covers. */
  scope: CoveredWorkshops;
  /** Network view (more than one workshop): one row per workshop and the total; null for one workshop. */
  byWorkshop: WorkshopBreakdown | null;
}

/** One line of the « Valorisation du bénévolat » table: a month (`YYYY-MM`) or a quarter (`YYYY-T1`). */
export interface ValuationRow {
  period: string;
  /** How the accounts read it: 03/2012, T1 2012. */
  label: string;
  minutes: number;
  hours: number;
  /** hours × rate, in euros, rounded to the cent. */
  value: number;
}

/** The team's place in a bilan (docs/volunteers.md « Dans le bilan »). */
export interface VolunteerFigures {
  /** Minutes of closed presences that started in the period (Brest days); `hours` is minutes / 60, two decimals. */
  minutes: number;
  hours: number;
  presences: number;
  /** Volunteers present at least once in the period (a presence starting in it, closed or not). */
  activeVolunteers: number;
  trainings: { held: number; attendees: number };
  /** Euros per hour the hours are valued at (the settings; the SMIC horaire brut by default). */
  hourlyRate: number;
  /** Sum of the valuation rows' values, in euros. */
  value: number;
  valuationUnit: 'month' | 'quarter';
  valuation: ValuationRow[];
  /** Presences of the period still open from an earlier day: they count nothing until regularised. */
  toRegularise: number;
}

/** Hours per volunteer over a period (`GET /reporting/hours`). */
export interface VolunteerHours {
  from: string;
  to: string;
  volunteers: Array<{ volunteer: string; name: string; presences: number; minutes: number; hours: number; toRegularise: number }>;
  total: { presences: number; minutes: number; hours: number; volunteers: number };
  /** Open presences of earlier days in the period, oldest first. */
  toRegularise: Array<{ presence: string; volunteer: string; name: string; day: string; since: string }>;
  /** The workshops the hours cover. */
  scope?: CoveredWorkshops;
}

export interface StageCount {
  key: string;
  label: string;
  color: string;
  count: number;
  link: string;
}

export interface Dashboard {
  today: string;
  stages: StageCount[];
  /** `YYYY-MM`; the admin names the month in the user's language. */
  months: Array<{ month: string; refurbished: number; handedOver: number }>;
  donors: Array<{ donorId: number; name: string; donations: number; units: number; link: string }>;
  dwell: Array<{ key: string; label: string; averageDays: number; moves: number }>;
  slowest: { key: string; label: string; averageDays: number } | null;
  throughput: { windowDays: number; refurbished: number; handedOver: number; perWeek: number };
  pending: Array<{ documentId: string; number: string | null; stage: string; stageLabel: string; receivedAt: string | null; ageDays: number; commune: string | null; link: string }>;
  pendingLink: string;
  stock: Array<{ id: number; description: string; category: string; quantity: number; threshold: number; link: string }>;
  /** The team over the last 12 months (docs/volunteers.md « Dans le bilan »). */
  volunteers: { from: string; to: string; hours: number; activeVolunteers: number; hourlyRate: number; value: number; toRegularise: number; toRegulariseLink: string };
  /** The workshops the dashboard covers. */
  scope: CoveredWorkshops;
  /** Network view: the last 12 months per workshop (as `volunteers`), and the total; null for one workshop. */
  byWorkshop: WorkshopBreakdown | null;
}

export interface WeeeRow {
  labelCode: string | null;
  type: string;
  serialNumber: string | null;
  donor: string | null;
  recycledAt: string;
  weightKg: number;
  recycler: string | null;
  trackingReference: string | null;
  shippedAt: string | null;
}

export interface WeeeRegister {
  from: string;
  to: string;
  rows: WeeeRow[];
  count: number;
  totalWeightKg: number;
  /** The workshops the register covers. */
  scope?: CoveredWorkshops;
}
