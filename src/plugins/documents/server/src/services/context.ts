import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { KINDS, type TemplateKind } from '../domain/kinds';
import { columns, CONVENTION_FIELDS, DONATION_FIELDS, DONOR_FIELDS, HOUSEHOLD_FIELDS, MACHINE_FIELDS, PRESCRIBER_FIELDS, PRESCRIPTION_FIELDS } from '../domain/fields';
import { MESSAGES } from '../domain/messages';
import { together } from '../domain/together';
import { isPublicBody, OUTCOME_LABELS, outcomeOf, summarize, type MachineForReport } from '../domain/outcomes';
import { getService, UID } from '../utils';
import type { CertifiedStorage } from './erasures';
import {
  networkTransferSlips,
  outreachCampaignLetters,
  relationsDonorDocuments,
  reportingBilans,
  type DonorDocumentsSource,
  type TransferSlipData,
} from '../../../../../shared/server/document-sources';

type Row = Record<string, unknown> & { documentId?: string };

const firstContact = (contacts: unknown) => (Array.isArray(contacts) && contacts.length > 0 ? (contacts[0] as Row) : {});

/** What a template of this kind can read about one record (and nothing more). */
export type DataFor = (strapi: Core.Strapi, documentId: string) => Promise<Record<string, unknown>>;

async function load(strapi: Core.Strapi, uid: string, documentId: string, populate: object): Promise<Row> {
  // The uid is one of KINDS' target types; the Document Service's generics need a literal.
  const record = (await strapi.documents(uid as 'api::machine.machine').findOne({ documentId, populate: populate as never })) as Row | null;
  if (!record) throw new errors.NotFoundError(MESSAGES.recordNotFound);
  return record;
}

// The columns templates read are the merge fields the editor offers (domain/fields.ts).
const MACHINE_COLUMNS = columns(MACHINE_FIELDS);
const pick = (row: Row | null | undefined, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row?.[k] ?? null]));
const DONOR_COLUMNS = columns(DONOR_FIELDS);

/** One unit's certificate data: the unit, its donor and donation, and its erasure status as the pipeline states it. */
function erasureCertificateData(machine: Row, storage: CertifiedStorage): Record<string, unknown> {
  return {
    machine: pick(machine, MACHINE_COLUMNS),
    donor: pick(machine.donor as Row, DONOR_COLUMNS),
    donation: pick(machine.donation as Row, ['reference', 'collectedAt']),
    devices: storage.devices,
    storage,
    erasureComplete: storage.released,
    notReleased: storage.released ? [] : [{ labelCode: machine.labelCode, reason: storage.reason }],
  };
}

/**
 * Many records of one kind at once, for the kinds issued in bulk: a fixed number of set-based
 * queries for the whole set instead of a few per record. Records that do not exist are absent.
 */
const SET_LOADERS: Partial<Record<TemplateKind, (strapi: Core.Strapi, documentIds: string[]) => Promise<Map<string, Record<string, unknown>>>>> = {
  // The same reads as one certificate's, for every unit; the erasure status still comes from the
  // pipeline's one `erasure-status` service (its set method).
  'erasure-certificate': async (strapi, documentIds) => {
    const [machines, statuses] = await together<[Row[], Map<string, CertifiedStorage>]>(
      [
        async () => (await strapi.db.query('api::machine.machine').findMany({ where: { documentId: { $in: documentIds } }, populate: { donor: true, donation: true } })) as Row[],
        () => getService(strapi, 'erasures').forMachines(documentIds),
      ],
      !strapi.db.inTransaction()
    );
    const out = new Map<string, Record<string, unknown>>();
    for (const machine of machines) {
      const storage = statuses.get(String(machine.documentId));
      if (storage) out.set(String(machine.documentId), erasureCertificateData(machine, storage));
    }
    return out;
  },
};

const LOADERS: Record<TemplateKind, DataFor> = {
  // The storage part of both certificates is the pipeline's one erasure status, presented.
  'erasure-certificate': async (strapi, documentId) => {
    // Independent reads, run together.
    const [machine, storage] = await together<[Row, CertifiedStorage]>(
      [() => load(strapi, 'api::machine.machine', documentId, { donor: true, donation: true }), () => getService(strapi, 'erasures').forMachine(documentId)],
      !strapi.db.inTransaction()
    );
    return erasureCertificateData(machine, storage);
  },
  'donation-erasure-certificate': async (strapi, documentId) => {
    const donation = await load(strapi, 'api::donation.donation', documentId, { donor: true, machines: true });
    const machines = ((donation.machines as Row[] | undefined) ?? []).sort((a, b) => String(a.labelCode).localeCompare(String(b.labelCode)));
    const statuses = await getService(strapi, 'erasures').forMachines(machines.map((m) => String(m.documentId)));
    const units = machines.map((machine, index) => {
      const storage = statuses.get(String(machine.documentId));
      return { position: index + 1, machine: pick(machine, MACHINE_COLUMNS), devices: storage?.devices ?? [], storage, erasureComplete: storage?.released === true };
    });
    return {
      donation: pick(donation, ['reference', 'collectedAt', 'announcedCount']),
      donor: pick(donation.donor as Row, DONOR_COLUMNS),
      units,
      count: units.length,
      erasureComplete: units.length > 0 && units.every((u) => u.erasureComplete),
      notReleased: units.filter((u) => !u.erasureComplete).map((u) => ({ labelCode: u.machine.labelCode, reason: u.storage?.reason ?? null })),
    };
  },
  'partnership-convention': async (strapi, documentId) => {
    const convention = await load(strapi, 'api::convention.convention', documentId, { donor: { populate: { contacts: true } }, terms: true });
    if (convention.kind !== 'partnership') throw new errors.ValidationError(MESSAGES.kindUnavailable(KINDS['partnership-convention'].label));
    const donor = (convention.donor as Row | null) ?? {};
    return {
      convention: pick(convention, [...columns(CONVENTION_FIELDS), 'terms']),
      donor: { ...pick(donor, DONOR_COLUMNS), contact: pick(firstContact(donor.contacts), ['name', 'role']), isPublicBody: isPublicBody(donor.kind) },
    };
  },
  'membership-convention': async (strapi, documentId) => {
    const convention = await load(strapi, 'api::convention.convention', documentId, { prescriber: { populate: { contacts: true } } });
    if (convention.kind !== 'membership') throw new errors.ValidationError(MESSAGES.kindUnavailable(KINDS['membership-convention'].label));
    const prescriber = (convention.prescriber as Row | null) ?? {};
    return {
      convention: pick(convention, columns(CONVENTION_FIELDS)),
      prescriber: { ...pick(prescriber, columns(PRESCRIBER_FIELDS)), contact: pick(firstContact(prescriber.contacts), ['name', 'role']) },
    };
  },
  'prescription-form': async (strapi, documentId) => prescriptionData(strapi, documentId),
  'handover-receipt': async (strapi, documentId) => prescriptionData(strapi, documentId),
  'traceability-report': async (strapi, documentId) => {
    const donation = await load(strapi, 'api::donation.donation', documentId, {
      donor: true,
      convention: true,
      machines: { populate: { prescription: { populate: { household: { fields: ['commune'] } } } } },
    });
    const machines = ((donation.machines as Row[] | undefined) ?? []).sort((a, b) => String(a.labelCode).localeCompare(String(b.labelCode)));
    const { counts, byCommune } = summarize(machines as MachineForReport[]);
    const statuses = [...(await getService(strapi, 'erasures').forMachines(machines.map((m) => String(m.documentId)))).values()];
    // A device counts as dealt with when erased, destroyed or removed, as the release rule says.
    const devices = statuses.reduce((n, s) => n + s.devices.length, 0);
    const erased = statuses.reduce((n, s) => n + s.devices.filter((d) => d.outcome === 'erased' || d.outcome === 'destroyed' || d.outcome === 'removed').length, 0);
    return {
      donation: pick(donation, columns(DONATION_FIELDS)),
      donor: pick(donation.donor as Row, DONOR_COLUMNS),
      convention: pick(donation.convention as Row, ['number']),
      counts: { ...counts },
      byCommune,
      erasure: { devices, erased },
      machines: machines.map((m) => ({ ...pick(m, ['labelCode', 'assetTag', 'serialNumber', 'type']), outcome: OUTCOME_LABELS[outcomeOf(m as MachineForReport)] })),
    };
  },
  'label-sheet': async (strapi, documentId) => {
    const donation = await load(strapi, 'api::donation.donation', documentId, { machines: true });
    const machines = ((donation.machines as Row[] | undefined) ?? []).sort((a, b) => String(a.labelCode).localeCompare(String(b.labelCode)));
    return { donation: pick(donation, ['reference']), labels: machines.map((m) => pick(m, ['labelCode', 'serialNumber', 'brand', 'model'])) };
  },
  'label-certificate': async (strapi, documentId) => relationsImpact(strapi).labelCertificateData(documentId),
  'thank-you-letter': async (strapi, documentId) => relationsImpact(strapi).thankYouLetterData(documentId),
  // The outreach plugin fills each letter's merge fields; the template lays them out.
  'outreach-letters': async (strapi, documentId) => {
    const outreach = outreachCampaignLetters(strapi);
    if (!outreach) throw new errors.NotFoundError(MESSAGES.recordNotFound);
    return outreach.lettersData(documentId);
  },
  // The bilan is recomputed from its stored parameters by the reporting plugin.
  bilan: async (strapi, documentId) => {
    const reporting = reportingBilans(strapi);
    if (!reporting) throw new errors.NotFoundError(MESSAGES.recordNotFound);
    return reporting.documentData(documentId);
  },
  // The network plugin reads its transfer; the slip adds the workshops' identities and the certificates.
  'transfer-slip': async (strapi, documentId) => transferSlipData(strapi, documentId),
};

const SLIP_STEPS: Array<{ key: 'proposedAt' | 'acceptedAt' | 'shippedAt' | 'receivedAt'; step: string; label: string }> = [
  { key: 'proposedAt', step: 'propose', label: 'Proposé' },
  { key: 'acceptedAt', step: 'accept', label: 'Accepté' },
  { key: 'shippedAt', step: 'ship', label: 'Expédié' },
  { key: 'receivedAt', step: 'receive', label: 'Reçu' },
];

/**
 * Whether each unit's data erasure is certified: the number of the newest erasure certificate
 * issued for it, or for its donation as a whole (the same rule as `erasures.certified`); else
 * whether it is exempt (a unit without storage, as the pipeline's one erasure status says).
 */
async function unitErasures(strapi: Core.Strapi, machineDocumentIds: string[]): Promise<Map<string, { certified: boolean; number: string | null; label: string }>> {
  const out = new Map<string, { certified: boolean; number: string | null; label: string }>();
  if (machineDocumentIds.length === 0) return out;
  const machines = (await strapi.db.query('api::machine.machine').findMany({
    where: { documentId: { $in: machineDocumentIds } },
    select: ['documentId'],
    populate: { donation: { select: ['documentId'] } },
  })) as Array<{ documentId: string; donation?: { documentId: string } | null }>;
  const donations = machines.map((m) => m.donation?.documentId).filter((d): d is string => Boolean(d));
  const issued = (await strapi.db.query(UID.generated).findMany({
    where: {
      $or: [
        { kind: 'erasure-certificate', targetDocumentId: { $in: machineDocumentIds } },
        ...(donations.length ? [{ kind: 'donation-erasure-certificate', targetDocumentId: { $in: donations } }] : []),
      ],
    },
    select: ['kind', 'targetDocumentId', 'number'],
    orderBy: [{ generatedAt: 'desc' }, { id: 'desc' }],
  })) as Array<{ kind: string; targetDocumentId: string; number: string }>;
  // Newest first: the first number met for a target is its latest certificate.
  const own = new Map<string, string>();
  const ofDonation = new Map<string, string>();
  for (const doc of issued) {
    const map = doc.kind === 'erasure-certificate' ? own : ofDonation;
    if (!map.has(doc.targetDocumentId)) map.set(doc.targetDocumentId, doc.number);
  }
  // A unit without a certificate may be one without storage (a screen): say so rather than « non certifié ».
  const statuses = await getService(strapi, 'erasures')
    .forMachines(machineDocumentIds)
    .catch(() => new Map<string, CertifiedStorage>());
  for (const machine of machines) {
    const number = own.get(machine.documentId) ?? (machine.donation ? ofDonation.get(machine.donation.documentId) : undefined) ?? null;
    const exempt = statuses.get(machine.documentId)?.basis === 'exempt';
    out.set(machine.documentId, {
      certified: number !== null,
      number,
      label: number ? `Certifié — attestation n° ${number}` : exempt ? 'Sans support de stockage (non concerné)' : 'Non certifié',
    });
  }
  return out;
}

/** A transfer slip: the transfer as the network plugin stores it, both workshops' identities, each unit's erasure certificate. */
async function transferSlipData(strapi: Core.Strapi, documentId: string): Promise<Record<string, unknown>> {
  const source = networkTransferSlips(strapi);
  if (!source) throw new errors.NotFoundError(MESSAGES.recordNotFound);
  const slip: TransferSlipData = await source.slipData(documentId);
  const identity = getService(strapi, 'identity');
  type Identity = Awaited<ReturnType<typeof identity.forWorkshop>>;
  type Erasures = Awaited<ReturnType<typeof unitErasures>>;
  // Independent reads, run together (one after the other inside a transaction).
  const [from, to, erasures] = await together<[Identity, Identity, Erasures]>(
    [() => identity.forWorkshop(slip.from.id), () => identity.forWorkshop(slip.to.id), () => unitErasures(strapi, slip.machines.map((m) => m.documentId))],
    !strapi.db.inTransaction()
  );
  const party = (w: Identity) => pick(w as unknown as Row, ['name', 'address', 'postalCode', 'commune', 'email', 'phone', 'code']);
  const machines = slip.machines.map((m, index) => {
    const erasure = erasures.get(m.documentId) ?? { certified: false, number: null, label: 'Non certifié' };
    return { position: index + 1, ...pick(m as unknown as Row, ['labelCode', 'type', 'brand', 'model', 'serialNumber']), erasure };
  });
  const byStep = new Map(slip.steps.map((s) => [s.step, s.by]));
  return {
    transfer: slip.transfer,
    from: party(from),
    to: party(to),
    steps: SLIP_STEPS.map((s) => ({ label: s.label, at: slip.transfer[s.key], by: slip.transfer[s.key] ? (byStep.get(s.step) ?? null) : null })),
    machines,
    parts: slip.parts,
    totals: {
      machines: machines.length,
      certified: machines.filter((m) => m.erasure.certified).length,
      partLines: slip.parts.length,
      parts: slip.parts.reduce((n, p) => n + p.quantity, 0),
    },
  };
}

/** The donor documents' figures come from the relations plugin (its impact service). */
function relationsImpact(strapi: Core.Strapi): DonorDocumentsSource {
  const impact = relationsDonorDocuments(strapi);
  if (!impact) throw new errors.ValidationError("Le module Relations n'est pas activé : document indisponible.");
  return impact;
}

async function prescriptionData(strapi: Core.Strapi, documentId: string) {
  const prescription = await load(strapi, 'api::prescription.prescription', documentId, {
    prescriber: { populate: { contacts: true } },
    household: true,
    needs: true,
    machines: true,
  });
  const prescriber = (prescription.prescriber as Row | null) ?? {};
  return {
    blank: false,
    prescription: pick(prescription, [...columns(PRESCRIPTION_FIELDS), 'needs']),
    prescriber: { ...pick(prescriber, ['name', 'kind', 'commune']), contact: pick(firstContact(prescriber.contacts), ['name', 'phone']) },
    household: pick(prescription.household as Row, columns(HOUSEHOLD_FIELDS)),
    machines: ((prescription.machines as Row[] | undefined) ?? []).map((m) => pick(m, MACHINE_COLUMNS)),
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The record's data for a template of this kind; NotFoundError when it does not exist. */
  forRecord(kind: TemplateKind, documentId: string): Promise<Record<string, unknown>> {
    return LOADERS[kind](strapi, documentId);
  },
  /**
   * The data of many records of one kind, by documentId, in a few set-based queries; null when
   * the kind has no set loader (its records are read one by one). A record that does not exist is
   * absent: `forRecord` on it gives the error a single issuance gives.
   */
  forRecords(kind: TemplateKind, documentIds: string[]): Promise<Map<string, Record<string, unknown>>> | null {
    return SET_LOADERS[kind]?.(strapi, documentIds) ?? null;
  },
  /** The blank form a prescriber fills by hand. */
  blank(): Record<string, unknown> {
    return { blank: true, prescription: {}, prescriber: {}, household: {}, machines: [] };
  },
  targetUidOf: (kind: TemplateKind) => KINDS[kind].targetUid,
});
