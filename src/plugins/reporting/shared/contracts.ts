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
}
